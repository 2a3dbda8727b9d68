import type { Generated } from 'kysely'
import type { Instant, JsonText } from './types'
import type { Locale } from './people'

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number]

/** Mail written in the same transaction as the change that causes it; a worker sends it. */
export interface EmailOutboxTable {
  id: Generated<number>
  /** e.g. `signup-confirmed:42`; makes enqueueing idempotent. */
  dedupe_key: string
  template: string
  to_address: string
  to_account_id: number | null
  locale: Locale
  payload: JsonText
  status: OutboxStatus
  attempts: number
  next_attempt_at: Instant
  lease_until: Instant | null
  message_id: string
  last_error: string | null
  sent_at: Instant | null
  created_at: Instant
}

export interface AuditLogTable {
  id: Generated<number>
  actor_id: number | null
  action: string
  subject_type: string | null
  subject_id: string | null
  details: JsonText | null
  ip: string | null
  created_at: Instant
}
