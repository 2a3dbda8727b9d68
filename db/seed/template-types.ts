/**
 * What an activity template is, and the word lists titles draw on. The templates
 * (templates-*.ts) describe the training, lecture, reading promotion, exhibition,
 * reading service, care visit, study trip and other events of the 2021 summary:
 * titles, themes, campaigns, places, audiences and sizes. year-2021.ts and
 * coming-weeks.ts draw activities from them.
 */
import type { ActivityTheme, ActivityType, BeneficiaryGroup, Campaign, PartnerKind, ShiftRole } from '../schema'
import type { TrainingName } from './library-2021'
import type { Random } from './random'

export type PlaceSpec =
  /** The main library, a branch, or a city book room that is open. */
  | { kind: 'library' }
  | { kind: 'main' }
  | { kind: 'branch' }
  | { kind: 'online' }
  | { kind: 'partner'; partnerKind: PartnerKind }
  | { kind: 'partnerNamed'; names: readonly string[] }
  /** A reading point (hosted by a partner) open on the day. */
  | { kind: 'reading_point'; hostKinds: readonly PartnerKind[] }

export type Slot = 'morning' | 'afternoon' | 'evening' | 'half_day' | 'exhibition'

export interface ShiftSpec {
  role: ShiftRole
  capacity: readonly [number, number]
  training?: TrainingName
  minAge?: number
  title?: string
}

export interface TitleContext {
  r: Random
  /** 1 for the template's first activity, 2 for the next… */
  n: number
  day: string
}

export interface ActivityTemplate {
  key: string
  type: ActivityType
  title: (c: TitleContext) => string
  theme: ActivityTheme | null
  /** `auto`: by the day (holidays, festivals, the centenary) and the theme. */
  campaign?: Campaign | 'auto' | null
  programme?: string
  place: PlaceSpec
  /** Chance that it runs online instead. */
  online?: number
  months?: readonly number[]
  /** Only within these `MM-DD` days, both included. */
  window?: readonly [string, string]
  /** Not before this day (in 2021: a reading point's opening, the 双减 policy). */
  from?: string
  days?: 'weekend' | 'weekday' | 'any'
  weight: number
  participants: readonly [number, number]
  onlineParticipants?: readonly [number, number]
  slot: Slot
  minutes?: number
  groups: readonly BeneficiaryGroup[]
  isPublic?: boolean
  insurance?: boolean
  /** Books handed over on the visit. */
  books?: readonly [number, number]
  /** null: never volunteers; undefined: the default for its kind. */
  shift?: ShiftSpec | null
  description?: string
}

export interface FixedActivity extends Omit<ActivityTemplate, 'weight' | 'months' | 'window' | 'from' | 'days'> {
  day: string
  /** For exhibitions: the last day. */
  lastDay?: string
  start?: string
}

export const BOOKS = [
  '《平凡的世界》',
  '《苏东坡传》',
  '《人间词话》',
  '《城南旧事》',
  '《朝花夕拾》',
  '《骆驼祥子》',
  '《乡土中国》',
  '《人间草木》',
  '《额尔古纳河右岸》',
  '《围城》',
  '《活着》',
  '《呼兰河传》',
  '《文化苦旅》',
  '《边城》',
]
export const RED_BOOKS = [
  '《红星照耀中国》',
  '《红岩》',
  '《林海雪原》',
  '《可爱的中国》',
  '《长征》',
  '《谁是最可爱的人》',
  '《青春之歌》',
]
export const CLASSICS = [
  '《西游记》',
  '《三国演义》',
  '《水浒传》',
  '《红楼梦》',
  '《论语》',
  '《诗经》',
  '《唐诗三百首》',
  '《史记》',
]
export const PICTURE_BOOKS = [
  '《猜猜我有多爱你》',
  '《好饿的毛毛虫》',
  '《团圆》',
  '《年》',
  '《小蝌蚪找妈妈》',
  '《我爸爸》',
  '《逃家小兔》',
  '《小王子》',
  '《夏洛的网》',
  '《草房子》',
  '《青铜葵花》',
  '《安的种子》',
  '《一园青菜成了精》',
]
export const EN_BOOKS = [
  'The Very Hungry Caterpillar',
  'Brown Bear, Brown Bear',
  'Guess How Much I Love You',
  'Room on the Broom',
  "We're Going on a Bear Hunt",
  'Owl Babies',
]
export const ARTICLE_NO = (n: number) => `（第${n}期）`

export const pick = <T>(c: TitleContext, items: readonly T[]) => c.r.pick(items)
