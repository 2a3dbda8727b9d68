import type { Generated } from 'kysely'
import type { Day, Instant } from './types'

export const DONOR_KINDS = ['individual', 'organisation', 'book_drive'] as const
export type DonorKind = (typeof DONOR_KINDS)[number]

export const SHIPMENT_STATUSES = ['preparing', 'shipped', 'received', 'cancelled'] as const
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number]

/** Books collected for a programme (翻书越岭's donation drives). */
export interface BookDonationTable {
  id: Generated<number>
  programme_id: number | null
  site_id: number | null
  donor_kind: DonorKind
  donor_name: string | null
  book_count: number
  received_on: Day
  notes: string | null
  recorded_by: number | null
  created_at: Instant
}

/** Books sent to a partner, and the partner's confirmation that they arrived. */
export interface BookShipmentTable {
  id: Generated<number>
  programme_id: number | null
  partner_organisation_id: number
  activity_id: number | null
  book_count: number
  status: ShipmentStatus
  shipped_on: Day | null
  received_on: Day | null
  received_book_count: number | null
  receipt_confirmed_by: number | null
  receipt_notes: string | null
  created_by: number | null
  created_at: Instant
  updated_at: Instant
}
