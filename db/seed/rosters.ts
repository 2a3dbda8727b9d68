/**
 * The weekly duty rosters of "我们的阵地我做主": readers help run the main
 * library, the street branches and the city book rooms. (The summary names the
 * scheme, not its timetable: these slots are the seed's.)
 */
import type { ShiftRole } from '../schema'
import type { TrainingName } from './library-2021'

export interface DutySlot {
  site: string
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number
  start: string
  end: string
  role: ShiftRole
  capacity: number
  training?: TrainingName
}

type Slot = Omit<DutySlot, 'site' | 'weekday'>

const LENDING = (start: string, end: string, capacity: number): Slot => ({
  start,
  end,
  role: 'lending_desk',
  capacity,
  training: '借还服务培训',
})
const GUIDE = (start: string, end: string, capacity: number): Slot => ({ start, end, role: 'reading_guide', capacity })
const SHELVING = (start: string, end: string, capacity: number): Slot => ({
  start,
  end,
  role: 'book_handling',
  capacity,
  training: '图书分拣与上架培训',
})

/** One series per site, weekday and slot. */
function roster(site: string, weekdays: readonly number[], slot: Slot): DutySlot[] {
  return weekdays.map((weekday) => ({ site, weekday, ...slot }))
}

const TUE_TO_FRI = [2, 3, 4, 5]
const WEEKEND = [6, 7]

export const DUTY_ROSTER: readonly DutySlot[] = [
  // The main library: every opening day, busiest at weekends.
  ...roster('鼓楼图书馆', WEEKEND, LENDING('09:00', '12:00', 4)),
  ...roster('鼓楼图书馆', WEEKEND, GUIDE('14:00', '17:00', 3)),
  ...roster('鼓楼图书馆', [7], SHELVING('14:00', '17:00', 3)),
  ...roster('鼓楼图书馆', TUE_TO_FRI, LENDING('09:00', '12:00', 2)),
  ...roster('鼓楼图书馆', TUE_TO_FRI, SHELVING('14:30', '17:00', 2)),
  ...roster('鼓楼图书馆', [2, 4], GUIDE('18:30', '20:30', 2)),
  // Street branches: weekend mornings and afternoons, two readers each (e.g. 每周六 9:00–12:00 丰财分馆).
  ...roster('丰财分馆', [6], LENDING('09:00', '12:00', 2)),
  ...roster('丰财分馆', [7], GUIDE('14:00', '17:00', 2)),
  ...roster('环城分馆', [6], LENDING('14:00', '17:00', 2)),
  ...roster('环城分馆', [7], GUIDE('09:00', '12:00', 2)),
  ...roster('黄楼分馆', [7], GUIDE('09:00', '12:00', 2)),
  ...roster('黄楼分馆', [6], LENDING('14:00', '17:00', 2)),
  ...roster('铜沛分馆', [6], LENDING('09:00', '12:00', 2)),
  ...roster('铜沛分馆', [3], SHELVING('14:30', '17:00', 2)),
  ...roster('九里分馆', [7], LENDING('14:00', '17:00', 2)),
  ...roster('九里分馆', [6], GUIDE('09:00', '12:00', 2)),
  ...roster('牌楼分馆', [6], SHELVING('14:00', '17:00', 2)),
  ...roster('牌楼分馆', [7], LENDING('09:00', '12:00', 2)),
  ...roster('琵琶分馆', [7], LENDING('09:00', '12:00', 2)),
  ...roster('琵琶分馆', [6], GUIDE('14:00', '17:00', 2)),
  ...roster('拾屯分馆', [6], GUIDE('09:00', '12:00', 2)),
  ...roster('拾屯分馆', [7], LENDING('14:00', '17:00', 2)),
  // City book rooms, from their opening.
  ...roster('国潮汉风米兰城市书房', [6], GUIDE('14:00', '17:00', 2)),
  ...roster('国潮汉风米兰城市书房', [7], LENDING('14:00', '17:00', 2)),
  ...roster('国潮汉风米兰城市书房', [5], GUIDE('18:30', '20:30', 2)),
  ...roster('国潮汉风龟山文旅城市书房', WEEKEND, GUIDE('09:30', '12:00', 2)),
  ...roster('国潮汉风牌楼红引驿站城市书房', [6], GUIDE('09:30', '12:00', 2)),
  ...roster('国潮汉风丰财惠民城市书房', [7], LENDING('14:00', '17:00', 2)),
]

export const DUTY_NOTES = '我们的阵地我做主：读者参与图书馆自治管理。请提前10分钟到岗，佩戴志愿者证。'
