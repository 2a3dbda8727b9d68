import type { Generated } from 'kysely'
import type { Day, Flag, Instant } from './types'

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
  box_count: Generated<number>
  carrier: string | null
  waybill_number: string | null
  delivered_by_team: Generated<Flag>
  cancel_reason: string | null
  /** Who confirmed through a receipt link (no account). */
  receipt_name: string | null
  damage_reported: Generated<Flag>
  receipt_confirmed_at: Instant | null
  created_at: Instant
  updated_at: Instant
}

/** A receipt link for one shipment: only the hash of its token is kept. */
export interface ShipmentReceiptTokenTable {
  id: Generated<number>
  shipment_id: number
  token_hash: string
  expires_at: Instant
  used_at: Instant | null
  revoked_at: Instant | null
  created_at: Instant
}
