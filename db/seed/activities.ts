/** Turning a template and a day into an activity: place, times, campaign, coordinator, size. */
import type { ActivityMode, ActivityTheme, ActivityType, BeneficiaryGroup, Campaign, PartnerKind } from '../schema'
import type { ActivityTemplate, FixedActivity, ShiftSpec } from './activity-templates'
import { LIBRARY_SITES, PARTNERS, READING_POINTS } from './library-2021'
import type { People } from './people'
import { requireId, type Places } from './places'
import { add, type Plan } from './plan'
import { apportion, type Random } from './random'
import { addDays, addToClock, shanghaiInstant } from './time'

export interface ActivityDraft {
  key: string
  type: ActivityType
  title: string
  theme: ActivityTheme | null
  campaign: Campaign | null
  programmeId: number | null
  programmeName: string | null
  siteId: number | null
  partnerId: number | null
  partnerName: string | null
  partnerKind: PartnerKind | null
  placeName: string | null
  mode: ActivityMode
  day: string
  startsAt: string
  endsAt: string
  isPublic: boolean
  insurance: boolean
  coordinator: number
  participants: number
  books: number | null
  groups: readonly BeneficiaryGroup[]
  shift: ShiftSpec | null | undefined
  description: string | null
  slot: ActivityTemplate['slot']
}

const BRANCHES = LIBRARY_SITES.filter((s) => s.kind === 'branch').map((s) => s.name)
const BOOK_ROOMS = LIBRARY_SITES.filter((s) => s.kind === 'book_room')

/** Which coordinator runs which programme (王敏, the demo coordinator, runs 我们在一起). */
const PROGRAMME_COORDINATOR: Record<string, number> = {
  我们在一起: 0,
  '翻书越岭——关爱山区儿童': 0,
  特别的爱给特别的你: 0,
  我来读报给您听: 0,
  暖暖: 0,
  与爱同行: 0,
  '手拉手——为盲童送去阅读服务': 0,
  我们的阵地我做主: 7,
  苏轼文化青少年研学: 1,
  红色阅读: 2,
  红色经典诵读: 2,
  党员讲党史: 2,
  馆校共建: 3,
  '4·23世界读书日': 4,
}

export function coordinatorFor(people: People, programme: string | undefined, r: Random): number {
  const index = programme !== undefined ? PROGRAMME_COORDINATOR[programme] : undefined
  return index !== undefined && r.chance(0.85) ? people.coordinators[index]! : r.pick(people.coordinators)
}

/** A campaign that fits the day: the centenary and National Day, Teachers' Day, Mid-Autumn, school holidays. */
export function autoCampaign(day: string, theme: ActivityTheme | null, r: Random): Campaign | null {
  const md = day.slice(5)
  if ((md >= '06-15' && md <= '07-05') || (md >= '09-25' && md <= '10-07')) if (r.chance(0.7)) return 'red_education'
  if (md >= '09-05' && md <= '09-12' && r.chance(0.6)) return 'tribute_to_classics'
  if (md >= '09-13' && md <= '09-24' && r.chance(0.6)) return 'traditional_culture'
  if ((md >= '01-10' && md <= '02-28') || (md >= '07-06' && md <= '08-31')) {
    if (r.chance(0.6)) return theme === 'science' ? 'science_education' : 'literature_parent_child'
  }
  // 2021: the Party's centenary ran through the year's culture programme.
  if (day.startsWith('2021') && theme === 'culture' && r.chance(0.2)) return 'red_education'
  if (theme === 'culture' && r.chance(0.3)) return 'traditional_culture'
  if (theme === 'science' && r.chance(0.5)) return 'science_education'
  if (theme === 'parent_child' && r.chance(0.4)) return 'literature_parent_child'
  return null
}

function placeOf(t: ActivityTemplate | FixedActivity, day: string, places: Places, r: Random) {
  const site = (name: string) => ({
    siteId: requireId(places.site, name),
    partnerId: null,
    partnerName: null,
    partnerKind: null,
    placeName: name,
  })
  const partner = (name: string) => {
    const seed = PARTNERS.find((p) => p.name === name)!
    return {
      siteId: null,
      partnerId: requireId(places.partner, name),
      partnerName: name,
      partnerKind: seed.kind,
      placeName: name,
    }
  }
  switch (t.place.kind) {
    case 'online':
      return { siteId: null, partnerId: null, partnerName: null, partnerKind: null, placeName: null }
    case 'main':
      return site('鼓楼图书馆')
    case 'branch':
      return site(r.pick(BRANCHES))
    case 'library': {
      const rooms = BOOK_ROOMS.filter((b) => b.openedOn <= day).map((b) => b.name)
      const where = r.weighted(['main', 'branch', 'room'] as const, (w) =>
        w === 'main' ? 45 : w === 'branch' ? 40 : rooms.length ? 15 : 0,
      )
      return site(where === 'main' ? '鼓楼图书馆' : where === 'branch' ? r.pick(BRANCHES) : r.pick(rooms))
    }
    case 'partner': {
      const kind = t.place.partnerKind
      return partner(r.pick(PARTNERS.filter((p) => p.kind === kind)).name)
    }
    case 'partnerNamed':
      return partner(r.pick(t.place.names))
    case 'reading_point': {
      const kinds = t.place.hostKinds
      const open = READING_POINTS.filter(
        (p) => p.openedOn <= day && kinds.includes(PARTNERS.find((x) => x.name === p.host)!.kind),
      )
      if (open.length === 0) throw new Error(`seed: no reading point open on ${day} for ${t.key}`)
      const point = r.pick(open)
      const host = partner(point.host!)
      return { ...host, siteId: requireId(places.site, point.name), placeName: point.name }
    }
  }
}

const STARTS: Record<ActivityTemplate['slot'], readonly string[]> = {
  morning: ['09:00', '09:30', '10:00'],
  afternoon: ['14:00', '14:30', '15:00'],
  evening: ['19:00', '19:30', '20:00'],
  half_day: ['08:30', '09:00'],
  exhibition: ['09:00'],
}

const DEFAULT_MINUTES: Record<ActivityType, number> = {
  training: 120,
  lecture: 90,
  reading_promotion: 90,
  exhibition: 480,
  reading_service: 90,
  special_care: 120,
  study_trip: 180,
  other: 90,
}

const DESCRIPTIONS: Record<ActivityType, string> = {
  training: '公益培训，免费参加，名额有限，请提前报名。',
  lecture: '公益讲座，欢迎读者朋友参加。',
  reading_promotion: '阅读推广活动，欢迎读者朋友参与。',
  exhibition: '展览期间开放参观，欢迎读者前来。',
  reading_service: '读者志愿队送书送服务上门。',
  special_care: '“我们在一起”特殊群体关爱活动。',
  study_trip: '青少年研学活动，请家长按时接送。',
  other: '欢迎读者朋友参加。',
}

export function draftActivity(
  t: ActivityTemplate | FixedActivity,
  day: string,
  n: number,
  ctx: { places: Places; people: People; r: Random },
  options: { lastDay?: string; start?: string } = {},
): ActivityDraft {
  const { places, people, r } = ctx
  const online = t.place.kind === 'online' || (t.online !== undefined && r.chance(t.online))
  const place = online
    ? { siteId: null, partnerId: null, partnerName: null, partnerKind: null, placeName: null }
    : placeOf(t, day, places, r)
  const slot = online && t.slot !== 'exhibition' ? 'evening' : t.slot
  const start = options.start ?? r.pick(STARTS[slot])
  let startsAt: string
  let endsAt: string
  if (slot === 'exhibition') {
    const lastDay = options.lastDay ?? addDays(day, r.int(10, 30))
    startsAt = shanghaiInstant(day, '09:00')
    endsAt = shanghaiInstant(lastDay, '17:00')
  } else {
    const minutes = t.minutes ?? DEFAULT_MINUTES[t.type]
    startsAt = shanghaiInstant(day, start)
    endsAt = shanghaiInstant(day, addToClock(start, Math.min(minutes, 23 * 60 - 1 - toMinutes(start))))
  }
  const range = online ? (t.onlineParticipants ?? t.participants) : t.participants
  const campaign = t.campaign === 'auto' || t.campaign === undefined ? autoCampaign(day, t.theme, r) : t.campaign
  return {
    key: t.key,
    type: t.type,
    title: t.title({ r, n, day }),
    theme: t.theme,
    campaign,
    programmeId: t.programme ? requireId(places.programme, t.programme) : null,
    programmeName: t.programme ?? null,
    ...place,
    mode: online ? 'online' : 'offline',
    day,
    startsAt,
    endsAt,
    isPublic: t.isPublic ?? true,
    insurance: t.insurance ?? false,
    coordinator: coordinatorFor(people, t.programme, r),
    participants: r.int(range[0], range[1]),
    books: t.books && !online ? r.int(t.books[0], t.books[1]) : null,
    groups: online ? ['general_public'] : t.groups,
    shift: online ? null : t.shift,
    description: t.description ?? (online ? '线上活动，通过“漫游鼓楼”微信公众号参与。' : DESCRIPTIONS[t.type]),
    slot,
  }
}

function toMinutes(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number]
  return h * 60 + m
}

/** What an activity of each type typically used, as the outcome form records it. */
const MATERIALS: Record<ActivityType, string> = {
  training: '培训讲义、签到表',
  lecture: '投影设备、宣传海报',
  reading_promotion: '推荐书目、绘本',
  exhibition: '展板、宣传册',
  reading_service: '图书、借阅登记表',
  special_care: '图书、报纸、慰问品',
  study_trip: '研学手册、大巴车',
  other: '宣传海报',
}

/** Adds the activity row; returns its local id. */
export function addActivity(
  plan: Plan,
  a: ActivityDraft,
  fields: {
    status: 'planned' | 'published' | 'completed' | 'cancelled'
    createdAt: string
    updatedAt: string
    outcomeNotes?: string | null
  },
): number {
  return add(plan, 'activity', {
    title: a.title,
    type: a.type,
    theme: a.theme,
    campaign: a.campaign,
    programme_id: a.programmeId,
    site_id: a.siteId,
    partner_organisation_id: a.partnerId,
    mode: a.mode,
    starts_at: a.startsAt,
    ends_at: a.endsAt,
    status: fields.status,
    description: a.description,
    is_public: a.isPublic ? 1 : 0,
    requires_insurance: a.insurance ? 1 : 0,
    coordinator_id: a.coordinator,
    participant_count: fields.status === 'completed' ? a.participants : null,
    books_delivered: fields.status === 'completed' ? a.books : null,
    outcome_notes: fields.outcomeNotes ?? null,
    materials_used: fields.status === 'completed' ? MATERIALS[a.type] : null,
    follow_ups: null,
    // The outcome was filed by the coordinator in charge the day after.
    outcome_filed_at: fields.status === 'completed' ? fields.updatedAt : null,
    outcome_filed_by: fields.status === 'completed' ? a.coordinator : null,
    created_at: fields.createdAt,
    updated_at: fields.updatedAt,
  })
}

/** Splits an activity's attendances over its groups (the first group the largest). */
export function beneficiaryCounts(
  groups: readonly BeneficiaryGroup[],
  total: number,
  r: Random,
): [BeneficiaryGroup, number][] {
  if (groups.length <= 1 || total < 4) return [[groups[0] ?? 'general_public', total]]
  const weights = groups.map((_, i) => (i === 0 ? 0.55 + r.next() * 0.35 : r.next() * 0.4 + 0.05))
  const parts = apportion(weights, total, 1)
  return groups.map((g, i) => [g, parts[i]!] as [BeneficiaryGroup, number])
}
