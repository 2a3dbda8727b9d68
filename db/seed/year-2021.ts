/**
 * The year 2021 as the summary tells it: 512 completed activities with the
 * summary's counts per type, the weekly duty rosters with attended and
 * approved shifts, 翻书越岭's book drives and shipments, and the autumn's
 * 双减 bulk borrowing cards for partner schools.
 */
import type { ActivityType, VisitKind } from '../schema'
import { FIXED_2021, TEMPLATES, type ActivityTemplate, type ShiftSpec } from './activity-templates'
import { addActivity, beneficiaryCounts, draftActivity, type ActivityDraft } from './activities'
import {
  ACTIVITY_COUNTS_2021,
  MONTH_WEIGHTS_2021,
  PARTNERS,
  PUBLIC_HOLIDAYS_2021,
  SEEDED_2021_FIGURES,
  SPRING_FESTIVAL_2021,
  LIBRARY_SITES,
} from './library-2021'
import type { People } from './people'
import { requireId, type Places } from './places'
import { add, type Plan } from './plan'
import { apportion, type Random } from './random'
import { DUTY_NOTES, DUTY_ROSTER } from './rosters'
import { ROLE_LABEL, type ShiftBook } from './shifts'
import { addDays, daysFrom, shanghaiDay, shanghaiInstant, weekdayOf } from './time'

export interface Year2021 {
  byType: Record<ActivityType, number>
  online: number
  offline: number
}

interface Ctx {
  plan: Plan
  places: Places
  people: People
  shifts: ShiftBook
  r: Random
  cardNumbers: { next: number }
}

const HOLIDAYS = new Set(PUBLIC_HOLIDAYS_2021)
const DAYS_2021 = daysFrom('2021-01-01', '2021-12-31').filter(
  (d) => d < SPRING_FESTIVAL_2021.first || d > SPRING_FESTIVAL_2021.last,
)

function candidateDays(t: ActivityTemplate): string[] {
  return DAYS_2021.filter((day) => {
    const month = Number(day.slice(5, 7))
    const weekend = weekdayOf(day) >= 6
    if (t.months && !t.months.includes(month)) return false
    if (t.window && (day.slice(5) < t.window[0] || day.slice(5) > t.window[1])) return false
    if (t.from && day < t.from) return false
    if (t.days === 'weekend' && !weekend && !HOLIDAYS.has(day)) return false
    if (t.days === 'weekday' && (weekend || HOLIDAYS.has(day))) return false
    return true
  })
}

function dayWeight(t: ActivityTemplate, day: string): number {
  const month = Number(day.slice(5, 7))
  let w = MONTH_WEIGHTS_2021[month - 1]!
  if ((t.days ?? 'any') === 'any' && (weekdayOf(day) >= 6 || HOLIDAYS.has(day))) w *= 2
  if (day >= '2021-04-17' && day <= '2021-04-25') w *= 1.8
  return w
}

export function planYear2021(ctx: Ctx): Year2021 {
  const { plan, places, people, r } = ctx
  const drafts: (ActivityDraft & { fixed: boolean })[] = []
  const dctx = { places, people, r }

  for (const f of FIXED_2021)
    drafts.push({ ...draftActivity(f, f.day, 1, dctx, { lastDay: f.lastDay, start: f.start }), fixed: true })

  const occurrences = new Map<string, number>()
  const candidates = new Map<string, { days: string[]; weights: number[] }>()
  for (const type of Object.keys(ACTIVITY_COUNTS_2021) as ActivityType[]) {
    const templates = TEMPLATES.filter((t) => t.type === type)
    const remaining = ACTIVITY_COUNTS_2021[type] - drafts.filter((d) => d.type === type).length
    for (let i = 0; i < remaining; i++) {
      const t = r.weighted(templates, (x) => x.weight)
      let c = candidates.get(t.key)
      if (!c) {
        const days = candidateDays(t)
        candidates.set(t.key, (c = { days, weights: days.map((d) => dayWeight(t, d)) }))
      }
      const day = c.days[r.weightedIndex(c.weights)]!
      const n = (occurrences.get(t.key) ?? 0) + 1
      occurrences.set(t.key, n)
      drafts.push({ ...draftActivity(t, day, n, dctx), fixed: false })
    }
  }
  drafts.sort((a, b) =>
    a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.title < b.title ? -1 : a.title > b.title ? 1 : 0,
  )
  // Numbered series (第N期) count in date order.
  renumber(drafts)

  // Attendances: the fixed events keep their figures; the rest add up to the year's total.
  const free = drafts.filter((d) => !d.fixed)
  const fixedAttendances = drafts.filter((d) => d.fixed).reduce((s, d) => s + d.participants, 0)
  apportion(
    free.map((d) => d.participants),
    SEEDED_2021_FIGURES.attendances - fixedAttendances,
    5,
  ).forEach((p, i) => (free[i]!.participants = p))

  // Books: visits that brought books, and 翻书越岭's parcels to the mountain schools.
  const parcels = planParcels(r)
  const freeVisits = free.filter((d) => d.books !== null)
  const fixedBooks = drafts.filter((d) => d.fixed && d.books !== null).reduce((s, d) => s + d.books!, 0)
  const freeBooks = apportion(
    [...freeVisits.map((d) => d.books!), ...parcels.map((p) => p.books)],
    SEEDED_2021_FIGURES.booksDelivered - fixedBooks,
    10,
  )
  freeVisits.forEach((d, i) => (d.books = freeBooks[i]!))
  parcels.forEach((p, i) => (p.books = freeBooks[freeVisits.length + i]!))

  const byType = Object.fromEntries(Object.keys(ACTIVITY_COUNTS_2021).map((t) => [t, 0])) as Record<
    ActivityType,
    number
  >
  let online = 0
  const activityIds: { draft: ActivityDraft; id: number }[] = []
  for (const d of drafts) {
    const createdAt = shanghaiInstant(addDays(d.day, -r.int(20, 40)), '10:00')
    const updatedAt = shanghaiInstant(addDays(shanghaiDay(d.endsAt), 1), '17:30')
    const outcomeNotes =
      d.books !== null
        ? `送去图书${d.books}册，服务${d.participants}人次。`
        : r.chance(0.4)
          ? `活动顺利开展，共${d.participants}人次参与。`
          : null
    const id = addActivity(plan, d, { status: 'completed', createdAt, updatedAt, outcomeNotes })
    activityIds.push({ draft: d, id })
    byType[d.type]++
    if (d.mode === 'online') online++
    for (const [group, count] of beneficiaryCounts(d.groups, d.participants, r)) {
      add(plan, 'activity_beneficiary_count', { activity_id: id, beneficiary_group: group, people_count: count })
    }
    if (d.books !== null && d.partnerId !== null) {
      const contact = people.partnerContact.get(d.partnerName!)
      add(plan, 'book_shipment', {
        programme_id: d.programmeId,
        partner_organisation_id: d.partnerId,
        activity_id: id,
        book_count: d.books,
        status: 'received',
        shipped_on: d.day,
        received_on: d.day,
        received_book_count: d.books,
        receipt_confirmed_by: contact && contact.since <= d.day ? contact.id : null,
        receipt_notes: null,
        created_by: d.coordinator,
        created_at: shanghaiInstant(addDays(d.day, -3), '10:00'),
        updated_at: d.endsAt,
      })
    }
  }

  planParcelRows(ctx, parcels)
  planActivityShifts(ctx, activityIds)
  planDuty2021(ctx)
  ctx.shifts.settleHours(2021, SEEDED_2021_FIGURES.volunteerHours)
  planDonations2021(ctx)
  planCards2021(ctx)
  planVisitRequests2021(ctx, activityIds)

  return { byType, online, offline: drafts.length - online }
}

function renumber(drafts: ActivityDraft[]) {
  const seen = new Map<string, number>()
  for (const d of drafts) {
    if (!/（第\d+期）$/.test(d.title)) continue
    const n = (seen.get(d.key) ?? 0) + 1
    seen.set(d.key, n)
    d.title = d.title.replace(/（第\d+期）$/, `（第${n}期）`)
  }
}

interface Parcel {
  school: string
  shippedOn: string
  books: number
}

function planParcels(r: Random): Parcel[] {
  const schools = PARTNERS.filter((p) => p.kind === 'rural_school').map((p) => p.name)
  const parcels: Parcel[] = []
  for (const school of schools) {
    parcels.push({ school, shippedOn: `2021-05-${String(r.int(10, 28)).padStart(2, '0')}`, books: r.int(400, 900) })
    parcels.push({ school, shippedOn: `2021-10-${String(r.int(11, 29)).padStart(2, '0')}`, books: r.int(400, 900) })
  }
  return parcels.sort((a, b) => (a.shippedOn < b.shippedOn ? -1 : 1))
}

function planParcelRows({ plan, places, people, r }: Ctx, parcels: Parcel[]) {
  const programme = requireId(places.programme, '翻书越岭——关爱山区儿童')
  for (const p of parcels) {
    const damaged = r.chance(0.3) ? r.int(1, 3) : 0
    const receivedOn = addDays(p.shippedOn, r.int(5, 9))
    const contact = people.partnerContact.get(p.school)!
    add(plan, 'book_shipment', {
      programme_id: programme,
      partner_organisation_id: requireId(places.partner, p.school),
      activity_id: null,
      book_count: p.books + damaged,
      status: 'received',
      shipped_on: p.shippedOn,
      received_on: receivedOn,
      received_book_count: p.books,
      receipt_confirmed_by: contact.id,
      receipt_notes: damaged ? `运输中破损${damaged}册，其余完好。` : '图书已收到，谢谢！',
      created_by: people.demoCoordinator,
      created_at: shanghaiInstant(addDays(p.shippedOn, -2), '10:00'),
      updated_at: shanghaiInstant(receivedOn, '16:00'),
    })
  }
}

function defaultShift(d: ActivityDraft, r: Random): ShiftSpec | null {
  if (d.mode === 'online') return null
  if (d.partnerId !== null) return { role: 'activity_assistant', capacity: [3, 5] }
  if (d.type === 'exhibition')
    return r.chance(0.5) ? { role: 'reading_guide', capacity: [2, 3], title: '展览导览' } : null
  return r.chance(0.4) ? { role: 'activity_assistant', capacity: [2, 3] } : null
}

function planActivityShifts({ shifts, r }: Ctx, activities: { draft: ActivityDraft; id: number }[]) {
  for (const { draft: d, id } of activities) {
    const spec = d.shift === undefined ? defaultShift(d, r) : d.shift
    if (!spec) continue
    const capacity = r.int(spec.capacity[0], spec.capacity[1])
    const startsAt = d.startsAt
    const endsAt = d.slot === 'exhibition' ? shanghaiInstant(d.day, '11:00') : d.endsAt
    shifts.addShift(
      {
        activityId: id,
        role: spec.role,
        title: spec.title ?? null,
        startsAt,
        endsAt,
        capacity,
        minAge: spec.minAge ?? null,
        training: spec.training,
        opensAt: shanghaiInstant(addDays(d.day, -14), '09:00'),
        closesAt: shanghaiInstant(addDays(d.day, -1), '20:00'),
        cancelCutoffHours: d.partnerId !== null ? 48 : 24,
        notes: d.partnerId !== null ? '外出服务：服务时长不含往返路程。' : null,
        contact: d.coordinator,
        createdBy: d.coordinator,
        createdAt: shanghaiInstant(addDays(d.day, -16), '10:00'),
      },
      {
        confirmed: Math.max(1, Math.round(capacity * (0.6 + 0.4 * r.next()))),
        cancelled: r.chance(0.25) ? 1 : 0,
        noShowRate: 0.03,
        hours: 'approved',
      },
    )
  }
}

function planDuty2021({ plan, places, people, shifts, r }: Ctx) {
  for (const slot of DUTY_ROSTER) {
    const opened = LIBRARY_SITES.find((s) => s.name === slot.site)!.openedOn
    const days = daysFrom(opened > '2021-01-04' ? opened : '2021-01-04', '2021-12-31').filter(
      (d) => weekdayOf(d) === slot.weekday,
    )
    if (days.length === 0) continue
    const siteId = requireId(places.site, slot.site)
    const coordinator = people.coordinators[7]!
    const createdAt = shanghaiInstant(addDays(days[0]!, -21), '10:00')
    const seriesId = add(plan, 'shift_series', {
      site_id: siteId,
      activity_id: null,
      role: slot.role,
      weekday: slot.weekday,
      start_time: slot.start,
      end_time: slot.end,
      capacity: slot.capacity,
      first_day: days[0]!,
      last_day: days[days.length - 1]!,
      skip_public_holidays: 1,
      notes: DUTY_NOTES,
      created_by: coordinator,
      created_at: createdAt,
      updated_at: createdAt,
    })
    for (const day of days) {
      if (HOLIDAYS.has(day) || (day >= SPRING_FESTIVAL_2021.first && day <= SPRING_FESTIVAL_2021.last)) continue
      const month = Number(day.slice(5, 7))
      const busy = month === 7 || month === 8 || month === 4 ? 0.15 : 0
      shifts.addShift(
        {
          seriesId,
          siteId,
          role: slot.role,
          title: `我们的阵地我做主·${ROLE_LABEL[slot.role]}`,
          startsAt: shanghaiInstant(day, slot.start),
          endsAt: shanghaiInstant(day, slot.end),
          capacity: slot.capacity,
          training: slot.training,
          opensAt: shanghaiInstant(addDays(day, -14), '09:00'),
          closesAt: shanghaiInstant(addDays(day, -1), '20:00'),
          cancelCutoffHours: 24,
          contact: coordinator,
          createdBy: coordinator,
          createdAt,
        },
        {
          confirmed: Math.max(1, Math.round(slot.capacity * Math.min(1, 0.5 + busy + 0.5 * r.next()))),
          cancelled: r.chance(0.15) ? 1 : 0,
          hours: 'approved',
        },
      )
    }
  }
}

function planDonations2021({ plan, places, people, r }: Ctx) {
  const programme = requireId(places.programme, '翻书越岭——关爱山区儿童')
  const main = requireId(places.site, '鼓楼图书馆')
  const donations: {
    day: string
    kind: 'individual' | 'organisation' | 'book_drive'
    name: string
    books: number
    site: number
    notes: string | null
  }[] = [
    {
      day: '2021-04-24',
      kind: 'book_drive',
      name: '4·23世界读书日“翻书越岭”图书募集（苏宁广场）',
      books: 1860,
      site: main,
      notes: '商圈现场募集',
    },
    {
      day: '2021-04-25',
      kind: 'book_drive',
      name: '4·23世界读书日“翻书越岭”图书募集（金鹰购物中心）',
      books: 1420,
      site: main,
      notes: '商圈现场募集',
    },
    { day: '2021-09-18', kind: 'book_drive', name: '“翻书越岭”秋季图书募集', books: 1650, site: main, notes: null },
    {
      day: '2021-05-08',
      kind: 'organisation',
      name: '徐州云创科技有限公司',
      books: 500,
      site: main,
      notes: '企业员工捐书',
    },
    { day: '2021-06-11', kind: 'organisation', name: '徐州汉风文化传媒有限公司', books: 320, site: main, notes: null },
    { day: '2021-10-22', kind: 'organisation', name: '鼓楼区丰财中学', books: 640, site: main, notes: '师生捐书' },
  ]
  for (const branch of LIBRARY_SITES.filter((s) => s.kind === 'branch')) {
    donations.push({
      day: `2021-${r.pick(['04', '05', '09', '10'])}-${String(r.int(1, 28)).padStart(2, '0')}`,
      kind: 'book_drive',
      name: `${branch.name}“翻书越岭”捐书点`,
      books: r.int(150, 420),
      site: requireId(places.site, branch.name),
      notes: null,
    })
  }
  for (let i = 0; i < 36; i++) {
    donations.push({
      day: r.pick(DAYS_2021.filter((d) => d >= '2021-03-01' && d <= '2021-11-30')),
      kind: 'individual',
      name: `读者${r.pick(['张', '王', '李', '刘', '陈', '杨', '赵', '黄', '周', '吴'])}${r.pick(['女士', '先生', '同学'])}`,
      books: r.int(5, 60),
      site: r.chance(0.6)
        ? main
        : requireId(places.site, r.pick(LIBRARY_SITES.filter((s) => s.kind === 'branch')).name),
      notes: null,
    })
  }
  donations.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
  for (const d of donations) {
    add(plan, 'book_donation', {
      programme_id: programme,
      site_id: d.site,
      donor_kind: d.kind,
      donor_name: d.name,
      book_count: d.books,
      received_on: d.day,
      notes: d.notes,
      recorded_by: people.demoCoordinator,
      created_at: shanghaiInstant(d.day, '17:00'),
    })
  }
}

const GRADES = ['一', '二', '三', '四', '五', '六']

export function classNames(count: number, r: Random, secondary = false): string[] {
  const grades = secondary ? ['七', '八', '九'] : GRADES
  const names = new Set<string>()
  while (names.size < count) names.add(`${r.pick(grades)}年级(${r.int(1, 8)})班`)
  return [...names].sort()
}

/** 双减: each school with a 2021 agreement asked for bulk borrowing cards, and got them. */
function planCards2021({ plan, places, people, r, cardNumbers }: Ctx) {
  const schools = PARTNERS.filter(
    (p) => p.kind === 'school' && p.agreementSignedOn && p.agreementSignedOn <= '2021-11-30',
  )
  for (const school of schools) {
    const contact = people.partnerContact.get(school.name)!
    const first = school.agreementSignedOn! > '2021-09-01' ? school.agreementSignedOn! : '2021-09-01'
    const createdDay = addDays(first, r.int(3, 20))
    const created = shanghaiInstant(createdDay, '15:30')
    const decided = shanghaiInstant(addDays(createdDay, r.int(2, 5)), '10:30')
    const issued = shanghaiInstant(addDays(createdDay, r.int(6, 9)), '14:00')
    const classes = classNames(r.int(6, 12), r, school.name.endsWith('中学'))
    const requestId = add(plan, 'card_request', {
      partner_organisation_id: requireId(places.partner, school.name),
      requested_by: contact.id,
      card_count: classes.length,
      classes: classes.join('、'),
      loan_limit: r.pick([30, 40, 50]),
      loan_period_days: r.pick([30, 60]),
      status: 'issued',
      decided_by: people.coordinators[3]!,
      decided_at: decided,
      decision_note: '“双减”大容量借阅卡，已按班级办理。',
      created_at: created,
      updated_at: issued,
    })
    for (const className of classes) {
      add(plan, 'bulk_card', {
        card_request_id: requestId,
        card_number: cardNumber(cardNumbers),
        class_name: className,
        issued_at: issued,
      })
    }
  }
}

export function cardNumber(counter: { next: number }): string {
  return `GLDK${String(counter.next++).padStart(6, '0')}`
}

const VISIT_KIND: Partial<Record<ActivityType, VisitKind>> = {
  lecture: 'lecture',
  exhibition: 'exhibition',
  reading_service: 'reading_service',
  study_trip: 'other',
  special_care: 'other',
}

/** Partners that asked for a visit in 2021, and the visit the library scheduled. */
function planVisitRequests2021({ plan, people, r }: Ctx, activities: { draft: ActivityDraft; id: number }[]) {
  for (const { draft: d, id } of activities) {
    if (d.partnerId === null || !VISIT_KIND[d.type]) continue
    if (d.partnerKind !== 'school' && d.partnerKind !== 'nursing_home' && d.partnerKind !== 'special_education_school')
      continue
    const contact = people.partnerContact.get(d.partnerName!)
    const createdDay = addDays(d.day, -r.int(21, 35))
    if (!contact || contact.since > createdDay || !r.chance(0.5)) continue
    const created = shanghaiInstant(createdDay, '16:00')
    const decided = shanghaiInstant(addDays(createdDay, r.int(2, 5)), '11:00')
    const month = Number(d.day.slice(5, 7))
    add(plan, 'visit_request', {
      partner_organisation_id: d.partnerId,
      requested_by: contact.id,
      kind: d.books !== null && d.type === 'reading_service' ? 'book_delivery' : VISIT_KIND[d.type]!,
      preferred_dates: `${month}月${Number(d.day.slice(8)) <= 15 ? '上半月' : '下半月'}的工作日${d.slot === 'morning' ? '上午' : '下午'}`,
      audience: d.partnerKind === 'nursing_home' ? '院内老人' : d.partnerKind === 'school' ? '全校学生' : '在校学生',
      expected_participants: Math.max(1, Math.round(d.participants / 10) * 10),
      status: 'scheduled',
      activity_id: id,
      note: null,
      decided_by: d.coordinator,
      decided_at: decided,
      created_at: created,
      updated_at: decided,
    })
  }
}
