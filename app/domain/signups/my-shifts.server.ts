/** The volunteer's own shifts: upcoming (with waitlist rank and open offers), past (with hours), offers to take. */
import type { Kysely } from 'kysely'
import type { Attendance, DB, HoursStatus, ShiftRole, ShiftStatus } from '#db/schema'
import type { Actor } from '~/domain/actor'
import { ACTIVE_SIGNUP_STATUSES, placeName, shiftWithPlace } from '~/domain/shifts/queries.server'
import { loadEligibility } from './eligibility.server'

export interface MyShift {
  signupId: number
  shiftId: number
  role: ShiftRole
  title: string | null
  activityTitle: string | null
  placeName: string | null
  startsAt: string
  endsAt: string
  shiftStatus: ShiftStatus
  status: 'confirmed' | 'waitlisted'
  /** 1 = next in line; null unless waitlisted. */
  waitlistRank: number | null
  /** Until when it can be cancelled online (confirmed places). */
  cancelUntil: string
  attendance: Attendance
  serviceMinutes: number | null
  hoursStatus: HoursStatus
  /** Their own open offer of this place. */
  openOfferId: number | null
}

export interface AvailableOffer {
  offerId: number
  shiftId: number
  role: ShiftRole
  title: string | null
  activityTitle: string | null
  placeName: string | null
  startsAt: string
  endsAt: string
}

export interface MyShifts {
  /** Not yet ended, soonest first. */
  upcoming: MyShift[]
  /** Ended, confirmed places with attendance and hours, latest first. */
  past: MyShift[]
  /** Places others offer that this volunteer may take now. */
  availableOffers: AvailableOffer[]
}

const PAST_LIMIT = 200
const OFFERS_LIMIT = 20

/** The volunteer's own shifts: upcoming (with waitlist rank and open offers) and past (with hours). */
export async function listMyShifts(db: Kysely<DB>, actor: Actor, now: Date): Promise<MyShifts> {
  const nowIso = now.toISOString()
  const base = () =>
    shiftWithPlace(db)
      .innerJoin('signup as su', 'su.shift_id', 'shift.id')
      .select([
        'su.id as signup_id',
        'shift.id as shift_id',
        'shift.role',
        'shift.title',
        'a.title as activity_title',
        placeName.as('place_name'),
        'shift.starts_at',
        'shift.ends_at',
        'shift.status as shift_status',
        'shift.cancel_cutoff_hours',
        'su.status',
        'su.waitlist_position',
        'su.attendance',
        'su.service_minutes',
        'su.hours_status',
      ])
      .where('su.volunteer_id', '=', actor.accountId)
  const upcomingRows = await base()
    .where('su.status', 'in', ACTIVE_SIGNUP_STATUSES)
    .where('shift.ends_at', '>', nowIso)
    .orderBy('shift.starts_at')
    .orderBy('shift.id')
    .execute()
  const pastRows = await base()
    .where('su.status', '=', 'confirmed')
    .where('shift.ends_at', '<=', nowIso)
    .orderBy('shift.starts_at', 'desc')
    .orderBy('shift.id', 'desc')
    .limit(PAST_LIMIT)
    .execute()

  const waitingShiftIds = upcomingRows.filter((r) => r.status === 'waitlisted').map((r) => r.shift_id)
  const queue =
    waitingShiftIds.length === 0
      ? []
      : await db
          .selectFrom('signup')
          .select(['shift_id', 'waitlist_position'])
          .where('shift_id', 'in', waitingShiftIds)
          .where('status', '=', 'waitlisted')
          .execute()
  const mySignupIds = upcomingRows.map((r) => r.signup_id)
  const myOffers =
    mySignupIds.length === 0
      ? []
      : await db
          .selectFrom('signup_offer')
          .select(['id', 'signup_id'])
          .where('signup_id', 'in', mySignupIds)
          .where('status', '=', 'open')
          .execute()

  const toItem = (row: (typeof upcomingRows)[number]): MyShift => ({
    signupId: row.signup_id,
    shiftId: row.shift_id,
    role: row.role,
    title: row.title,
    activityTitle: row.activity_title ?? null,
    placeName: row.place_name ?? null,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    shiftStatus: row.shift_status,
    status: row.status === 'waitlisted' ? 'waitlisted' : 'confirmed',
    waitlistRank:
      row.status === 'waitlisted'
        ? queue.filter((q) => q.shift_id === row.shift_id && q.waitlist_position! <= row.waitlist_position!).length
        : null,
    cancelUntil: new Date(Date.parse(row.starts_at) - row.cancel_cutoff_hours * 3_600_000).toISOString(),
    attendance: row.attendance,
    serviceMinutes: row.service_minutes,
    hoursStatus: row.hours_status,
    openOfferId: myOffers.find((o) => o.signup_id === row.signup_id)?.id ?? null,
  })

  const offerRows = await shiftWithPlace(db)
    .innerJoin('signup as giver', 'giver.shift_id', 'shift.id')
    .innerJoin('signup_offer as o', 'o.signup_id', 'giver.id')
    .select([
      'o.id as offer_id',
      'shift.id as shift_id',
      'shift.role',
      'shift.title',
      'a.title as activity_title',
      placeName.as('place_name'),
      'shift.starts_at',
      'shift.ends_at',
    ])
    .where('o.status', '=', 'open')
    .where('giver.volunteer_id', '<>', actor.accountId)
    .where('shift.status', '=', 'open')
    .where('shift.starts_at', '>', nowIso)
    .orderBy('shift.starts_at')
    .orderBy('o.id')
    .limit(OFFERS_LIMIT * 5)
    .execute()
  const eligibility = await loadEligibility(
    db,
    actor,
    offerRows.map((r) => r.shift_id),
    now,
    { purpose: 'offer' },
  )
  const availableOffers = offerRows
    .filter((r) => eligibility.get(r.shift_id)?.eligible)
    .slice(0, OFFERS_LIMIT)
    .map((r) => ({
      offerId: r.offer_id,
      shiftId: r.shift_id,
      role: r.role,
      title: r.title,
      activityTitle: r.activity_title ?? null,
      placeName: r.place_name ?? null,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
    }))

  return { upcoming: upcomingRows.map(toItem), past: pastRows.map(toItem), availableOffers }
}
