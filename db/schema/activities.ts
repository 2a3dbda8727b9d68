import type { Generated } from 'kysely'
import type { Day, Flag, Instant } from './types'

/** The summary's six counted types, plus study trips and everything else. */
export const ACTIVITY_TYPES = [
  'training',
  'lecture',
  'reading_promotion',
  'exhibition',
  'reading_service',
  'special_care',
  'study_trip',
  'other',
] as const
export type ActivityType = (typeof ACTIVITY_TYPES)[number]

export const ACTIVITY_THEMES = ['culture', 'art', 'science', 'parent_child', 'health', 'safety'] as const
export type ActivityTheme = (typeof ACTIVITY_THEMES)[number]

export const CAMPAIGNS = [
  'red_education',
  'traditional_culture',
  'science_education',
  'tribute_to_classics',
  'literature_parent_child',
] as const
export type Campaign = (typeof CAMPAIGNS)[number]

export const ACTIVITY_MODES = ['offline', 'online'] as const
export type ActivityMode = (typeof ACTIVITY_MODES)[number]

export const ACTIVITY_STATUSES = ['planned', 'published', 'completed', 'cancelled'] as const
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number]

export const BENEFICIARY_GROUPS = [
  'children',
  'students',
  'parents_and_children',
  'elderly',
  'special_education_students',
  'left_behind_children',
  'visually_impaired',
  'general_public',
] as const
export type BeneficiaryGroup = (typeof BENEFICIARY_GROUPS)[number]

/**
 * Anything the library holds: a lecture in a branch, an online reading, or an
 * outreach visit (an activity whose partner_organisation_id is set).
 */
export interface ActivityTable {
  id: Generated<number>
  title: string
  type: ActivityType
  theme: ActivityTheme | null
  campaign: Campaign | null
  programme_id: number | null
  site_id: number | null
  partner_organisation_id: number | null
  mode: ActivityMode
  starts_at: Instant
  ends_at: Instant
  status: ActivityStatus
  description: string | null
  is_public: Flag
  requires_insurance: Flag
  /** An outreach visit's plan: why, what to bring, how the team travels and where it meets. */
  purpose: string | null
  what_to_bring: string | null
  transport: string | null
  meeting_point: string | null
  coordinator_id: number | null
  /** After it happened: attendances (人次). */
  participant_count: number | null
  /** After a visit: books handed over. */
  books_delivered: number | null
  outcome_notes: string | null
  materials_used: string | null
  follow_ups: string | null
  /** Set when the outcome is filed; an ended activity without it is listed to its coordinator. */
  outcome_filed_at: Instant | null
  outcome_filed_by: number | null
  cancel_reason: string | null
  series_id: number | null
  created_at: Instant
  updated_at: Instant
}

export const RECURRENCES = ['weekly', 'monthly'] as const
export type Recurrence = (typeof RECURRENCES)[number]

/** How a recurring activity was generated; its occurrences are ordinary activities. */
export interface ActivitySeriesTable {
  id: Generated<number>
  recurrence: Recurrence
  /** ISO weekday, 1 = Monday. */
  weekday: number
  /** Monthly: the nth weekday of the month, 5 = the last. */
  week_of_month: number | null
  start_time: string
  end_time: string
  first_day: Day
  last_day: Day
  skip_public_holidays: Flag
  created_by: number | null
  created_at: Instant
  updated_at: Instant
}

/** People served by an activity, counted by group and never named. */
export interface ActivityBeneficiaryCountTable {
  activity_id: number
  beneficiary_group: BeneficiaryGroup
  people_count: number
}
