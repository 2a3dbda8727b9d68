import type { Generated } from 'kysely'
import type { Flag, Instant } from './types'

export const SITE_KINDS = ['main_library', 'branch', 'book_room', 'reading_point'] as const
export type SiteKind = (typeof SITE_KINDS)[number]

export const PARTNER_KINDS = [
  'school',
  'special_education_school',
  'nursing_home',
  'left_behind_children_home',
  'rural_school',
  'enterprise',
  'other',
] as const
export type PartnerKind = (typeof PARTNER_KINDS)[number]

export const PROGRAMME_KINDS = ['brand', 'project'] as const
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number]

/** A place of the library: the main library, a street branch, a city book room or a reading point. */
export interface SiteTable {
  id: Generated<number>
  name: string
  kind: SiteKind
  address: string | null
  /** A reading point hosted by a partner (a school campus, an enterprise). */
  partner_organisation_id: number | null
  opened_on: string | null
  /** Free text as the library posts it, e.g. `周二至周日 9:00–17:00`. */
  opening_hours: string | null
  /** Closed (not taking activities) when 0. */
  active: Generated<Flag>
  /** Archived: kept on past records, hidden from pickers. */
  archived_at: Instant | null
  created_at: Instant
  updated_at: Instant
}

/** A school, care home or enterprise the library works with. */
export interface PartnerOrganisationTable {
  id: Generated<number>
  name: string
  kind: PartnerKind
  address: string | null
  contact_name: string | null
  contact_phone: string | null
  contact_email: string | null
  /** Date a co-building agreement (共建协议) was signed, if any. */
  agreement_signed_on: string | null
  agreement_ends_on: string | null
  /** Street or county, e.g. 九里街道 or 睢宁县. */
  region: string | null
  notes: string | null
  active: Generated<Flag>
  archived_at: Instant | null
  created_at: Instant
  updated_at: Instant
}

/** A brand such as 我们在一起, or a project under it such as 翻书越岭. */
export interface ProgrammeTable {
  id: Generated<number>
  name: string
  kind: ProgrammeKind
  parent_programme_id: number | null
  description: string | null
  /** Calendar colour, `#rrggbb`. */
  colour: string
  active: Generated<Flag>
  archived_at: Instant | null
  created_at: Instant
  updated_at: Instant
}
