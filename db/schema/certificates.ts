import type { Generated } from 'kysely'
import type { Day, Instant, JsonText } from './types'

/** The identity documents the 2015 guidance lets a certificate name (copied into the migration's CHECK). */
export const ID_TYPES = [
  'resident_id',
  'passport',
  'hk_macao_permit',
  'taiwan_permit',
  'foreign_permanent_residence',
] as const
export type IdType = (typeof ID_TYPES)[number]

export const CERTIFICATE_STATUSES = ['valid', 'revoked'] as const
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number]

/** The last certificate number handed out in a year; the issuing transaction increments it. */
export interface CertificateSequenceTable {
  year: number
  last_number: number
}

/** A service-record certificate (志愿服务记录证明) as issued: its content is frozen JSON. */
export interface CertificateTable {
  id: Generated<number>
  /** `GLTS-2026-000123`. */
  number: string
  /** The unguessable code in the QR's verification URL. */
  verification_code: string
  volunteer_id: number
  /** Null when the volunteer asked for it themself. */
  issued_by: number | null
  period_from: Day
  period_to: Day
  total_minutes: number
  /** CertificateContent (app/domain/certificates/content.ts). */
  content: JsonText
  holder_id_type: IdType | null
  /** AES-256-GCM, like volunteer_profile.id_number_encrypted. */
  holder_id_number_encrypted: string | null
  status: Generated<CertificateStatus>
  issued_at: Instant
  revoked_at: Instant | null
  revoked_by: number | null
  revoke_reason: string | null
  created_at: Instant
  updated_at: Instant
}
