import type { Kysely } from 'kysely'
import type { DB } from '#db/schema'

export type AuditAction =
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_out'
  | 'account_registered'
  | 'email_verified'
  | 'password_changed'
  | 'password_reset'
  | 'email_changed'
  | 'role_changed'
  | 'account_deactivated'
  | 'account_reactivated'
  | 'account_invited'
  | 'invitation_accepted'
  | 'account_deleted'
  | 'data_exported'
  | 'minor_record_viewed'
  | 'shift_cancelled'
  | 'roll_call_recorded'
  | 'hours_overridden'
  | 'hours_approved'
  | 'certificate_issued'
  | 'certificate_revoked'
  | 'service_records_exported'
  | 'report_figure_entered'
  | 'report_closed'
  | 'report_reopened'
  | 'reference_created'
  | 'reference_updated'
  | 'reference_archived'
  | 'reference_restored'
  | 'training_completions_recorded'
  | 'training_completion_removed'
  | 'activity_created'
  | 'activity_updated'
  | 'activity_published'
  | 'activity_cancelled'
  | 'activity_series_created'
  | 'activity_outcome_filed'
  | 'activity_outcome_corrected'
  | 'visit_team_shift_added'
  | 'insurance_policy_created'
  | 'insurance_cover_added'
  | 'card_request_submitted'
  | 'card_request_withdrawn'
  | 'card_request_approved'
  | 'card_request_rejected'
  | 'cards_issued'
  | 'visit_request_submitted'
  | 'visit_request_withdrawn'
  | 'visit_request_accepted'
  | 'visit_request_proposed'
  | 'visit_request_declined'
  | 'visit_planned'
  | 'visit_feedback_left'
  | 'book_donation_recorded'
  | 'shipment_created'
  | 'shipment_shipped'
  | 'shipment_cancelled'
  | 'shipment_received'
  | 'receipt_link_issued'
  | 'receipt_links_revoked'

export interface AuditEntry {
  actorId: number | null
  action: AuditAction
  subjectType?: string
  subjectId?: string | number
  /** Never passwords, tokens, codes or ID numbers. */
  details?: Record<string, string | number | boolean | null>
  ip?: string
}

/** Writes one audit row, in the caller's transaction when given one. */
export async function recordAudit(db: Kysely<DB>, entry: AuditEntry, now: Date): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId === undefined ? null : String(entry.subjectId),
      details: entry.details ? JSON.stringify(entry.details) : null,
      ip: entry.ip ?? null,
      created_at: now.toISOString(),
    })
    .execute()
}
