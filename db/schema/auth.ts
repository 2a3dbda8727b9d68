import type { Generated } from 'kysely'
import type { Role } from './people'
import type { Instant } from './types'

export interface SessionTable {
  /** Public half of the token; 24 chars of a-z2-9. */
  id: string
  account_id: number
  /** Hex SHA-256 of the secret half; the secret itself is never stored. */
  secret_hash: string
  created_at: Instant
  last_verified_at: Instant
}

export interface EmailVerificationTable {
  id: Generated<number>
  account_id: number
  email: string
  code_hash: string
  attempts: Generated<number>
  expires_at: Instant
  created_at: Instant
}

export interface PasswordResetTable {
  id: Generated<number>
  token_hash: string
  account_id: number
  expires_at: Instant
  used_at: Instant | null
  created_at: Instant
}

export type InvitableRole = Exclude<Role, 'volunteer'>

export interface InvitationTable {
  id: Generated<number>
  token_hash: string
  email: string
  email_normalised: string
  role: InvitableRole
  partner_organisation_id: number | null
  invited_by: number | null
  expires_at: Instant
  accepted_at: Instant | null
  created_at: Instant
}

export interface RateLimitBucketTable {
  key: string
  tokens: number
  refilled_at: Instant
}
