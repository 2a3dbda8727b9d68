/** Staff withdraw a certificate with a reason; its verification page then says revoked. */
import type { Kysely } from 'kysely'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { recordAudit } from '~/domain/audit/audit.server'
import { writeTransaction } from '#db/dialect'
import { DomainError, forbidden, notFound } from '~/domain/errors'
import { isStaff } from '~/domain/policy'

export async function revokeCertificate(
  db: Kysely<DB>,
  actor: Actor,
  certificateId: number,
  reason: string,
  meta: RequestMeta,
): Promise<{ number: string }> {
  if (!isStaff(actor)) throw forbidden()
  const why = reason.trim()
  if (!why) throw new DomainError('rule', 'certificates.revoke.reasonRequired', { field: 'reason' })
  return writeTransaction(db, async (trx) => {
    const at = meta.now.toISOString()
    const updated = await trx
      .updateTable('certificate')
      .set({ status: 'revoked', revoked_at: at, revoked_by: actor.accountId, revoke_reason: why, updated_at: at })
      .where('id', '=', certificateId)
      .where('status', '=', 'valid')
      .returning('number')
      .executeTakeFirst()
    if (!updated) {
      const exists = await trx.selectFrom('certificate').select('id').where('id', '=', certificateId).executeTakeFirst()
      if (!exists) throw notFound()
      throw new DomainError('conflict', 'certificates.revoke.already')
    }
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'certificate_revoked',
        subjectType: 'certificate',
        subjectId: certificateId,
        details: { number: updated.number, reason: why },
        ip: meta.ip,
      },
      meta.now,
    )
    return { number: updated.number }
  })
}
