/**
 * The seed is built in memory first, as a plan: one array of rows per table,
 * where a row's local id is its position + 1 and every foreign key holds a
 * local id. write.ts inserts the plan and maps local ids to the database's.
 */
import type { Insertable } from 'kysely'
import type { DB } from '../schema'

export type Row<T extends keyof DB> = Insertable<DB[T]>

/** The tables the seed fills, in insert order (parents before children). */
export const PLANNED_TABLES = [
  'partner_organisation',
  'site',
  'programme',
  'account',
  'volunteer_profile',
  'training',
  'training_completion',
  'activity',
  'activity_beneficiary_count',
  'shift_series',
  'shift',
  'signup',
  'book_donation',
  'book_shipment',
  'card_request',
  'card_request_line',
  'bulk_card',
  'visit_request',
  'insurance_policy',
  'insurance_cover',
] as const satisfies readonly (keyof DB)[]
export type PlannedTable = (typeof PLANNED_TABLES)[number]

export type Plan = { [T in PlannedTable]: Row<T>[] }

/** Foreign keys of each planned table: column → referenced table. */
export const FOREIGN_KEYS: { [T in PlannedTable]: Partial<Record<keyof DB[T] & string, PlannedTable>> } = {
  partner_organisation: {},
  site: { partner_organisation_id: 'partner_organisation' },
  programme: { parent_programme_id: 'programme' },
  account: { partner_organisation_id: 'partner_organisation' },
  volunteer_profile: { account_id: 'account' },
  training: {},
  training_completion: { account_id: 'account', training_id: 'training', recorded_by: 'account' },
  activity: {
    programme_id: 'programme',
    site_id: 'site',
    partner_organisation_id: 'partner_organisation',
    coordinator_id: 'account',
    outcome_filed_by: 'account',
  },
  activity_beneficiary_count: { activity_id: 'activity' },
  shift_series: { site_id: 'site', activity_id: 'activity', created_by: 'account' },
  shift: {
    series_id: 'shift_series',
    site_id: 'site',
    activity_id: 'activity',
    required_training_id: 'training',
    contact_account_id: 'account',
    created_by: 'account',
  },
  signup: { shift_id: 'shift', volunteer_id: 'account', hours_approved_by: 'account' },
  book_donation: { programme_id: 'programme', site_id: 'site', recorded_by: 'account' },
  book_shipment: {
    programme_id: 'programme',
    partner_organisation_id: 'partner_organisation',
    activity_id: 'activity',
    receipt_confirmed_by: 'account',
    created_by: 'account',
  },
  card_request: { partner_organisation_id: 'partner_organisation', requested_by: 'account', decided_by: 'account' },
  card_request_line: { card_request_id: 'card_request' },
  bulk_card: { card_request_id: 'card_request' },
  visit_request: {
    partner_organisation_id: 'partner_organisation',
    requested_by: 'account',
    activity_id: 'activity',
    decided_by: 'account',
  },
  insurance_policy: { created_by: 'account' },
  insurance_cover: { policy_id: 'insurance_policy', account_id: 'account', added_by: 'account' },
}

/** Tables whose rows have an identity `id` (the others are keyed by their foreign keys). */
export const TABLES_WITH_ID = new Set<PlannedTable>([
  'partner_organisation',
  'site',
  'programme',
  'account',
  'training',
  'activity',
  'shift_series',
  'shift',
  'signup',
  'book_donation',
  'book_shipment',
  'card_request',
  'card_request_line',
  'bulk_card',
  'visit_request',
  'insurance_policy',
])

export function emptyPlan(): Plan {
  return Object.fromEntries(PLANNED_TABLES.map((t) => [t, []])) as unknown as Plan
}

/** Appends a row and returns its local id. */
export function add<T extends PlannedTable>(plan: Plan, table: T, row: Row<T>): number {
  const rows = plan[table] as Row<T>[]
  rows.push(row)
  return rows.length
}
