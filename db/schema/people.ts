import type { Generated } from 'kysely'
import type { Day, Instant, JsonText } from './types'
import type { IdType } from './certificates'

export const ROLES = ['volunteer', 'coordinator', 'partner_contact', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ACCOUNT_STATUSES = ['active', 'deactivated', 'deleted'] as const
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number]

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]

/** Anyone who signs in. A partner contact belongs to exactly one partner organisation. */
export interface AccountTable {
  id: Generated<number>
  name: string
  email: string
  /** Lower-cased email: the unique key for look-ups. */
  email_normalised: string
  phone: string | null
  role: Role
  partner_organisation_id: number | null
  password_hash: string | null
  email_verified_at: Instant | null
  locale: Locale
  status: AccountStatus
  created_at: Instant
  updated_at: Instant
}

/** What a volunteer tells the library about themselves. */
export interface VolunteerProfileTable {
  account_id: number
  /** Volunteer number printed on certificates, e.g. `GL-2021-0042`. */
  volunteer_number: string
  birth_date: Day | null
  skills: JsonText
  interests: JsonText
  availability: JsonText
  emergency_contact_name: string | null
  emergency_contact_phone: string | null
  guardian_name: string | null
  guardian_relation: string | null
  guardian_phone: string | null
  guardian_consent_on: Day | null
  privacy_consent_at: Instant | null
  /** The ID document a certificate names, if the volunteer gave one; the number only encrypted. */
  id_type: Generated<IdType | null>
  id_number_encrypted: Generated<string | null>
  created_at: Instant
  updated_at: Instant
}

/** A training the library runs for volunteers (e.g. 导读培训); shifts may require one. */
export interface TrainingTable {
  id: Generated<number>
  name: string
  description: string | null
  archived_at: Instant | null
  created_at: Instant
  updated_at: Instant | null
}

export interface TrainingCompletionTable {
  account_id: number
  training_id: number
  completed_on: Day
  recorded_by: number | null
  created_at: Instant
}
