import type { Generated } from 'kysely'
import type { Day, Instant } from './types'

export const CARD_REQUEST_STATUSES = ['submitted', 'approved', 'issued', 'rejected', 'withdrawn'] as const
export type CardRequestStatus = (typeof CARD_REQUEST_STATUSES)[number]

export const VISIT_KINDS = ['lecture', 'exhibition', 'reading_service', 'book_delivery', 'other'] as const
export type VisitKind = (typeof VISIT_KINDS)[number]

export const VISIT_REQUEST_STATUSES = ['submitted', 'accepted', 'scheduled', 'declined', 'withdrawn'] as const
export type VisitRequestStatus = (typeof VISIT_REQUEST_STATUSES)[number]

export const VISIT_NEEDS = ['accessibility', 'projector', 'sound', 'tables'] as const
export type VisitNeed = (typeof VISIT_NEEDS)[number]

/** A partner school's request for bulk borrowing cards (大容量借阅卡). */
export interface CardRequestTable {
  id: Generated<number>
  partner_organisation_id: number
  requested_by: number
  card_count: number
  classes: string
  loan_limit: number
  loan_period_days: number
  status: CardRequestStatus
  decided_by: number | null
  decided_at: Instant | null
  decision_note: string | null
  note: string | null
  /** What the contact asked for, when the coordinator approved other numbers. */
  requested_card_count: number | null
  issued_by: number | null
  issued_at: Instant | null
  created_at: Instant
  updated_at: Instant
}

/** One class of a card request: its cards and the teacher in charge. */
export interface CardRequestLineTable {
  id: Generated<number>
  card_request_id: number
  line_no: number
  class_name: string
  card_count: number
  requested_card_count: number
  teacher_name: string | null
}

/** A card issued against a card request. */
export interface BulkCardTable {
  id: Generated<number>
  card_request_id: number
  card_number: string
  class_name: string | null
  issued_at: Instant
}

/** A partner asking the library to come: a lecture, an exhibition, a reading service. */
export interface VisitRequestTable {
  id: Generated<number>
  partner_organisation_id: number
  requested_by: number
  kind: VisitKind
  preferred_dates: string
  audience: string | null
  expected_participants: number | null
  status: VisitRequestStatus
  activity_id: number | null
  note: string | null
  decided_by: number | null
  decided_at: Instant | null
  topic: string | null
  /** JSON list of VISIT_NEEDS. */
  needs: string | null
  /** The decline reason, or the coordinator's words with a proposed date. */
  decision_note: string | null
  /** Another date the coordinator proposes (status stays accepted). */
  proposed_on: Day | null
  feedback_rating: number | null
  feedback_comment: string | null
  feedback_at: Instant | null
  created_at: Instant
  updated_at: Instant
}
