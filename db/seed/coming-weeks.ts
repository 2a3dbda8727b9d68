/**
 * The weeks around `now`: the duty rosters of the last two weeks (attended, hours
 * approved or awaiting approval) and the next eight (sign-up windows open three
 * weeks ahead: some shifts full with a waitlist, some almost full), six weeks of
 * published activities and outreach visits, and (partner-work.ts) the partner
 * work in progress.
 */
import { planVisitTeams } from './visit-teams'
import type { ShiftSpec } from './activity-templates'
import { TEMPLATES, type ActivityTemplate, type FixedActivity } from './activity-templates'
import { addActivity, draftActivity, type ActivityDraft } from './activities'
import { DEMO_PARTNER_SCHOOL, LIBRARY_SITES } from './library-2021'
import type { People, Volunteer } from './people'
import { requireId, type Places } from './places'
import { add, type Plan } from './plan'
import type { Random } from './random'
import { DUTY_NOTES, DUTY_ROSTER } from './rosters'
import { ROLE_LABEL, type FillPlan, type ShiftBook } from './shifts'
import { addDays, daysBetween, daysFrom, shanghaiInstant, weekdayOf } from './time'
import { planPartnerWork } from './partner-work'

export interface ComingWeeksContext {
  plan: Plan
  places: Places
  people: People
  shifts: ShiftBook
  r: Random
  now: string
  today: string
  cardNumbers: { next: number }
}

const SIGNUP_WINDOW_DAYS = 21

/** The first day on or after `from` that falls on `weekday`. */
function onOrAfter(from: string, weekday: number): string {
  return addDays(from, (weekday - weekdayOf(from) + 7) % 7)
}

function instantBefore(ctx: ComingWeeksContext, daysAgo: number, time: string): string {
  return shanghaiInstant(addDays(ctx.today, -Math.max(1, daysAgo)), time)
}

/** How many of `capacity` seats are taken `daysAhead` days before the shift. */
function upcomingFill(r: Random, capacity: number, daysAhead: number): Pick<FillPlan, 'confirmed' | 'waitlisted'> {
  if (daysAhead <= 7) {
    const share = r.pick([1, 1, 1, 0.75, 0.5])
    return { confirmed: Math.round(capacity * share), waitlisted: share === 1 && r.chance(0.5) ? r.int(1, 2) : 0 }
  }
  if (daysAhead <= 14) return { confirmed: Math.round(capacity * (0.3 + 0.6 * r.next())), waitlisted: 0 }
  return { confirmed: Math.round(capacity * 0.4 * r.next()), waitlisted: 0 }
}

export function planComingWeeks(ctx: ComingWeeksContext) {
  const visits = planUpcomingActivities(ctx)
  planDutyRosters(ctx)
  planPartnerWork(ctx, visits)
  planVisitTeams(ctx, visits)
}

function planDutyRosters(ctx: ComingWeeksContext) {
  const { plan, places, people, shifts, r, today, now } = ctx
  const demo = people.demoVolunteer
  const coordinator = people.coordinators[7]!
  let demoCancelled = false
  for (const slot of DUTY_ROSTER) {
    const opened = LIBRARY_SITES.find((s) => s.name === slot.site)!.openedOn
    // From two weeks back (never into 2021, whose rosters year-2021.ts holds).
    const from = [addDays(today, -14), opened, '2022-01-01'].sort().at(-1)!
    const first = onOrAfter(from, slot.weekday)
    const last = addDays(onOrAfter(addDays(today, 49), slot.weekday), 0)
    const siteId = requireId(places.site, slot.site)
    const createdAt = instantBefore(ctx, 30, '10:00')
    const seriesId = add(plan, 'shift_series', {
      site_id: siteId,
      activity_id: null,
      role: slot.role,
      weekday: slot.weekday,
      start_time: slot.start,
      end_time: slot.end,
      capacity: slot.capacity,
      first_day: first,
      last_day: last,
      skip_public_holidays: 0,
      notes: DUTY_NOTES,
      created_by: coordinator,
      created_at: createdAt,
      updated_at: createdAt,
    })
    let firstUpcoming = true
    const saturdayAtFengcai = slot.site === '丰财分馆' && slot.weekday === 6
    for (const day of daysFrom(first, last).filter((d) => weekdayOf(d) === slot.weekday)) {
      const startsAt = shanghaiInstant(day, slot.start)
      const endsAt = shanghaiInstant(day, slot.end)
      const opensAt = shanghaiInstant(addDays(day, -SIGNUP_WINDOW_DAYS), '09:00')
      let fill: FillPlan
      if (endsAt <= now) {
        fill = {
          confirmed: Math.max(1, Math.round(slot.capacity * (0.6 + 0.4 * r.next()))),
          hours: day <= addDays(today, -7) ? 'approved' : 'pending',
          include: saturdayAtFengcai ? [{ volunteer: demo, status: 'confirmed' }] : [],
          noShowRate: 0.03,
        }
      } else if (startsAt <= now) {
        fill = { confirmed: slot.capacity }
      } else if (opensAt > now) {
        fill = { confirmed: 0 }
      } else {
        const ahead = daysBetween(today, day)
        fill = { ...upcomingFill(r, slot.capacity, ahead), cancelled: r.chance(0.15) ? 1 : 0 }
        // The 丰财分馆 Saturday morning: full, the demo volunteer on it, one reader waiting.
        if (saturdayAtFengcai && firstUpcoming) {
          fill = { confirmed: slot.capacity, waitlisted: 1, include: [{ volunteer: demo, status: 'confirmed' }] }
        }
        // The demo volunteer cancelled one Sunday at the main library.
        if (
          slot.site === '鼓楼图书馆' &&
          slot.weekday === 7 &&
          slot.role === 'lending_desk' &&
          !demoCancelled &&
          ahead >= 3
        ) {
          fill = { ...fill, include: [{ volunteer: demo, status: 'cancelled' }] }
          demoCancelled = true
        }
        firstUpcoming = false
      }
      shifts.addShift(
        {
          seriesId,
          siteId,
          role: slot.role,
          title: `我们的阵地我做主·${ROLE_LABEL[slot.role]}`,
          startsAt,
          endsAt,
          capacity: slot.capacity,
          training: slot.training,
          opensAt,
          closesAt: shanghaiInstant(addDays(day, -1), '20:00'),
          cancelCutoffHours: 24,
          notes: DUTY_NOTES,
          contact: coordinator,
          createdBy: coordinator,
          createdAt,
        },
        fill,
      )
    }
  }
}

export interface PlannedVisit {
  key: string
  id: number
  draft: ActivityDraft
}

/** Outreach visits and events with a fixed place in the coming weeks, as offsets from today. */
type SpecialVisit = FixedActivity & { offsetDays: number; weekday: number }

function specialVisits(today: string): SpecialVisit[] {
  const at = (weekday: number, week: number) => ({ weekday, offsetDays: 7 * week + 1 })
  const list: SpecialVisit[] = [
    {
      ...at(3, 0),
      key: 'newspaper-1',
      day: '',
      type: 'reading_service',
      theme: 'health',
      campaign: null,
      programme: '我来读报给您听',
      title: () => '我来读报给您听·走进九里街道敬老院',
      place: { kind: 'partnerNamed', names: ['九里街道敬老院'] },
      participants: [30, 30],
      slot: 'morning',
      start: '09:30',
      minutes: 90,
      groups: ['elderly'],
      shift: { role: 'newspaper_reading', capacity: [4, 4], training: '特殊群体服务培训' },
    },
    {
      ...at(3, 2),
      key: 'newspaper-2',
      day: '',
      type: 'reading_service',
      theme: 'health',
      campaign: null,
      programme: '我来读报给您听',
      title: () => '我来读报给您听·走进环城街道敬老院',
      place: { kind: 'partnerNamed', names: ['环城街道敬老院'] },
      participants: [30, 30],
      slot: 'morning',
      start: '09:30',
      minutes: 90,
      groups: ['elderly'],
      shift: { role: 'newspaper_reading', capacity: [4, 4], training: '特殊群体服务培训' },
    },
    {
      ...at(3, 4),
      key: 'newspaper-3',
      day: '',
      type: 'reading_service',
      theme: 'health',
      campaign: null,
      programme: '我来读报给您听',
      title: () => '我来读报给您听·关爱孤寡老人',
      place: { kind: 'partnerNamed', names: ['牌楼街道居家养老服务中心'] },
      participants: [30, 30],
      slot: 'morning',
      start: '09:30',
      minutes: 90,
      groups: ['elderly'],
      shift: { role: 'newspaper_reading', capacity: [4, 4], training: '特殊群体服务培训' },
    },
    {
      ...at(6, 0),
      key: 'guide-training',
      day: '',
      type: 'training',
      theme: 'culture',
      campaign: null,
      programme: '我们的阵地我做主',
      title: () => '读者志愿者导读培训',
      place: { kind: 'main' },
      participants: [30, 30],
      slot: 'afternoon',
      start: '14:00',
      minutes: 120,
      groups: ['general_public'],
      isPublic: false,
      shift: null,
    },
    {
      ...at(2, 1),
      key: 'school-lecture',
      day: '',
      type: 'lecture',
      theme: 'science',
      campaign: 'science_education',
      programme: '馆校共建',
      title: () => '送讲座进校园：科学就在身边',
      place: { kind: 'partnerNamed', names: [DEMO_PARTNER_SCHOOL] },
      participants: [200, 200],
      slot: 'afternoon',
      start: '14:30',
      minutes: 60,
      groups: ['students'],
      shift: { role: 'activity_assistant', capacity: [3, 3] },
    },
    {
      ...at(6, 1),
      key: 'book-sorting',
      day: '',
      type: 'other',
      theme: 'culture',
      campaign: null,
      programme: '翻书越岭——关爱山区儿童',
      title: () => '翻书越岭·图书分拣打包志愿活动',
      place: { kind: 'main' },
      participants: [20, 20],
      slot: 'afternoon',
      start: '14:00',
      minutes: 180,
      groups: ['general_public'],
      isPublic: true,
      shift: { role: 'book_handling', capacity: [8, 8], training: '图书分拣与上架培训' },
    },
    {
      ...at(4, 1),
      key: 'special-school',
      day: '',
      type: 'special_care',
      theme: 'art',
      campaign: null,
      programme: '特别的爱给特别的你',
      title: () => '特别的爱给特别的你·走进特殊教育学校',
      place: { kind: 'partnerNamed', names: ['鼓楼区特殊教育学校'] },
      participants: [60, 60],
      slot: 'afternoon',
      start: '14:00',
      minutes: 120,
      groups: ['special_education_students'],
      books: [120, 120],
      shift: { role: 'activity_assistant', capacity: [6, 6], training: '特殊群体服务培训' },
    },
    {
      ...at(4, 2),
      key: 'campus-reading-point',
      day: '',
      type: 'reading_service',
      theme: 'culture',
      campaign: 'literature_parent_child',
      programme: '馆校共建',
      title: () => '校园阅读点图书更换与阅读指导',
      place: { kind: 'reading_point', hostKinds: ['school'] },
      participants: [120, 120],
      slot: 'afternoon',
      start: '15:00',
      minutes: 90,
      groups: ['students'],
      books: [200, 200],
      shift: { role: 'book_handling', capacity: [3, 3], training: '图书分拣与上架培训' },
    },
    {
      ...at(5, 2),
      key: 'mountain-trip',
      day: '',
      type: 'special_care',
      theme: 'culture',
      campaign: null,
      programme: '翻书越岭——关爱山区儿童',
      title: () => '翻书越岭——走进山区学校送书送课',
      place: { kind: 'partnerNamed', names: ['陕西商洛杏坪村小学'] },
      participants: [150, 150],
      slot: 'morning',
      start: '09:00',
      minutes: 240,
      groups: ['children'],
      books: [800, 800],
      insurance: true,
      shift: { role: 'book_handling', capacity: [6, 6], minAge: 18 },
      description: '志愿者随车送书送课，行前统一办理意外保险；服务时长不含往返路程。',
    },
  ]
  return list.map((v) => ({ ...v, day: onOrAfter(addDays(today, v.offsetDays), v.weekday) }))
}

function fitsDay(t: ActivityTemplate, day: string): boolean {
  const month = Number(day.slice(5, 7))
  const weekend = weekdayOf(day) >= 6
  if (t.months && !t.months.includes(month)) return false
  if (t.window && (day.slice(5) < t.window[0] || day.slice(5) > t.window[1])) return false
  if (t.days === 'weekend' && !weekend) return false
  if (t.days === 'weekday' && weekend) return false
  return true
}

function planUpcomingActivities(ctx: ComingWeeksContext): Map<string, PlannedVisit> {
  const { plan, places, people, shifts, r, today, now } = ctx
  const dctx = { places, people, r }
  const drafts: { draft: ActivityDraft; status: 'published' | 'planned'; special?: string }[] = []

  for (const v of specialVisits(today)) {
    if (v.day <= today) continue
    drafts.push({ draft: draftActivity(v, v.day, 1, dctx, { start: v.start }), status: 'published', special: v.key })
  }

  // Library events: about four a week, more at weekends.
  const pool = TEMPLATES.filter(
    (t) =>
      t.isPublic !== false &&
      t.place.kind !== 'partner' &&
      t.place.kind !== 'reading_point' &&
      t.type !== 'reading_service',
  )
  const days = daysFrom(addDays(today, 1), addDays(today, 42))
  const occurrences = new Map<string, number>()
  for (let i = 0; i < 24; i++) {
    const day = r.weighted(days, (d) => (weekdayOf(d) >= 6 ? 3 : 1))
    // An exhibition runs for weeks: each at most once.
    const fitting = pool.filter((t) => fitsDay(t, day) && !(t.type === 'exhibition' && occurrences.has(t.key)))
    const t = r.weighted(fitting, (x) => x.weight)
    const n = (occurrences.get(t.key) ?? 0) + 1
    occurrences.set(t.key, n)
    drafts.push({ draft: draftActivity(t, day, n, dctx), status: 'published' })
  }
  // Two being prepared, not yet published.
  for (const key of ['calligraphy-exhibition', 'su-shi-lecture']) {
    const t = TEMPLATES.find((x) => x.key === key)!
    const day = onOrAfter(addDays(today, 36), 6)
    drafts.push({ draft: draftActivity(t, day, 1, dctx), status: 'planned' })
  }
  drafts.sort((a, b) =>
    a.draft.startsAt < b.draft.startsAt
      ? -1
      : a.draft.startsAt > b.draft.startsAt
        ? 1
        : a.draft.title < b.draft.title
          ? -1
          : 1,
  )
  // Period numbers continue after 2021's.
  const seen = new Map<string, number>()
  for (const { draft: d } of drafts) {
    if (!/（第\d+期）$/.test(d.title)) continue
    const n = (seen.get(d.key) ?? 0) + 1
    seen.set(d.key, n)
    d.title = d.title.replace(/（第\d+期）$/, `（第${60 + n}期）`)
  }

  const visits = new Map<string, PlannedVisit>()
  const demo = people.demoVolunteer
  const minors = people.volunteers.filter((v) => v.kind === 'minor')
  let minorsPlaced = false
  for (const { draft: d, status, special } of drafts) {
    const createdAt = instantBefore(ctx, Math.min(20, daysBetween(today, d.day) + r.int(3, 10)), '10:00')
    const id = addActivity(plan, d, { status, createdAt, updatedAt: createdAt })
    if (special) visits.set(special, { key: special, id, draft: d })
    if (status !== 'published') continue
    const spec: ShiftSpec | null =
      d.shift === undefined
        ? d.mode === 'offline' && r.chance(0.5)
          ? { role: 'activity_assistant', capacity: [2, 4] }
          : null
        : d.shift
    if (!spec) continue
    const capacity = r.int(spec.capacity[0], spec.capacity[1])
    const opensAt = shanghaiInstant(addDays(d.day, -SIGNUP_WINDOW_DAYS), '09:00')
    const ahead = daysBetween(today, d.day)
    let fill: FillPlan =
      opensAt > now ? { confirmed: 0 } : { ...upcomingFill(r, capacity, ahead), cancelled: r.chance(0.2) ? 1 : 0 }
    const include: { volunteer: Volunteer; status: 'confirmed' | 'waitlisted' }[] = []
    if (special === 'mountain-trip') {
      // Full, with two readers waiting; the demo volunteer is first in line.
      fill = { confirmed: capacity, waitlisted: 2 }
      include.push({ volunteer: demo, status: 'waitlisted' })
    }
    if (special === 'book-sorting') fill = { confirmed: capacity - 1, cancelled: 1 }
    if (special === 'newspaper-1') include.push({ volunteer: demo, status: 'confirmed' })
    if (!minorsPlaced && spec.role === 'activity_assistant' && !spec.minAge && d.partnerId === null && opensAt <= now) {
      for (const m of minors) include.push({ volunteer: m, status: 'confirmed' })
      fill = { ...fill, confirmed: Math.max(fill.confirmed, Math.min(capacity, minors.length + 1)) }
      minorsPlaced = true
    }
    shifts.addShift(
      {
        activityId: id,
        role: spec.role,
        title: spec.title ?? null,
        startsAt: d.startsAt,
        endsAt: d.slot === 'exhibition' ? shanghaiInstant(d.day, '11:00') : d.endsAt,
        capacity,
        minAge: spec.minAge ?? null,
        training: spec.training,
        opensAt,
        closesAt: shanghaiInstant(addDays(d.day, -1), '20:00'),
        cancelCutoffHours: d.partnerId !== null ? 48 : 24,
        notes: d.partnerId !== null ? '外出服务：服务时长不含往返路程。' : null,
        contact: d.coordinator,
        createdBy: d.coordinator,
        createdAt,
      },
      { ...fill, include },
    )
  }
  return visits
}
