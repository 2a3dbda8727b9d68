import type { Generated } from 'kysely'
import type { Day, Flag, Instant } from './types'

export const SHIFT_ROLES = [
  'lending_desk',
  'reading_guide',
  'activity_assistant',
  'newspaper_reading',
  'book_handling',
  'other',
] as const
export type ShiftRole = (typeof SHIFT_ROLES)[number]

/** A role on an outreach visit's team (a shift on the visit's activity). */
export const TEAM_ROLES = [
  'team_lead',
  'reader',
  'activity_assistant',
  'photographer',
  'driver',
  'book_handling',
] as const
export type TeamRole = (typeof TEAM_ROLES)[number]

export const SHIFT_STATUSES = ['open', 'cancelled'] as const
export type ShiftStatus = (typeof SHIFT_STATUSES)[number]

export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const
export type SignupStatus = (typeof SIGNUP_STATUSES)[number]

export const ATTENDANCE_STATES = ['pending', 'attended', 'no_show'] as const
export type Attendance = (typeof ATTENDANCE_STATES)[number]

export const HOURS_STATUSES = ['none', 'pending', 'approved', 'rejected'] as const
export type HoursStatus = (typeof HOURS_STATUSES)[number]

/** A weekly roster rule, e.g. every Saturday 9:00–12:00 at 丰财分馆, two volunteers. */
export interface ShiftSeriesTable {
  id: Generated<number>
  site_id: number | null
  activity_id: number | null
  role: ShiftRole
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number
  /** Local (Asia/Shanghai) wall-clock time `HH:MM`. */
  start_time: string
  end_time: string
  capacity: number
  first_day: Day
  last_day: Day
  skip_public_holidays: 0 | 1
  notes: string | null
  created_by: number | null
  created_at: Instant
  updated_at: Instant
}

/** A time window in which volunteers serve, at a site or for an activity. */
export interface ShiftTable {
  id: Generated<number>
  series_id: number | null
  site_id: number | null
  activity_id: number | null
  role: ShiftRole
  /** Set on a visit team's shifts. */
  team_role: TeamRole | null
  title: string | null
  starts_at: Instant
  ends_at: Instant
  capacity: number
  /** Confirmed sign-ups, kept by the sign-up transaction; CHECKed ≤ capacity. */
  confirmed_count: Generated<number>
  min_age: number | null
  required_skill: string | null
  required_training_id: number | null
  signup_opens_at: Instant | null
  signup_closes_at: Instant | null
  /** Cancelling later than this many hours before the start needs the coordinator. */
  cancel_cutoff_hours: number
  notes: string | null
  contact_account_id: number | null
  /** Random per shift; QR check-in codes are HMACs of it and the time window. */
  check_in_secret: string | null
  what_to_bring: string | null
  /** Edited on its own: "all future" edits of its series leave it alone. */
  detached_from_series: Generated<Flag>
  status: ShiftStatus
  created_by: number | null
  created_at: Instant
  updated_at: Instant
}

/** A volunteer's place on a shift, and afterwards their attendance and hours. */
export interface SignupTable {
  id: Generated<number>
  shift_id: number
  volunteer_id: number
  status: SignupStatus
  /** Set only while waitlisted; lower goes first. */
  waitlist_position: number | null
  attendance: Attendance
  checked_in_at: Instant | null
  checked_out_at: Instant | null
  service_minutes: number | null
  hours_status: HoursStatus
  hours_override_reason: string | null
  hours_approved_by: number | null
  hours_approved_at: Instant | null
  cancelled_at: Instant | null
  cancel_reason: string | null
  /** A coordinator who added the volunteer by hand, and why. */
  added_by: number | null
  added_reason: string | null
  created_at: Instant
  updated_at: Instant
}

export const OFFER_STATUSES = ['open', 'taken', 'withdrawn'] as const
export type OfferStatus = (typeof OFFER_STATUSES)[number]

/** A confirmed volunteer offering their place; they keep it until someone takes it. */
export interface SignupOfferTable {
  id: Generated<number>
  signup_id: number
  status: OfferStatus
  taken_by_signup_id: number | null
  created_at: Instant
  updated_at: Instant
}

/** A volunteer's secret calendar subscription (ICS); only the token's hash is stored. */
export interface CalendarFeedTable {
  account_id: number
  token_hash: string
  created_at: Instant
}

export const DAY_KINDS = ['holiday', 'workday'] as const
export type DayKind = (typeof DAY_KINDS)[number]

/** A coordinator's correction to the public-holiday calendar. */
export interface HolidayOverrideTable {
  day: Day
  kind: DayKind
  note: string | null
  created_by: number | null
  created_at: Instant
}
