/**
 * What every kind of reference data shares: admins change it, staff read it,
 * a taken name is the name field's error, and every change is audited.
 * Nothing is deleted: archiving keeps a row on past records and reports.
 */
import type { Kysely } from 'kysely'
import { isUniqueViolation, writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { recordAudit } from '~/domain/audit/audit.server'
import { DomainError, forbidden, notFound } from '~/domain/errors'
import { canManageReference, canReadReference } from '~/domain/policy'

export type ReferenceTable = 'site' | 'programme' | 'partner_organisation' | 'training'

export function requireReferenceAdmin(actor: Actor): void {
  if (!canManageReference(actor)) throw forbidden()
}

export function requireReferenceReader(actor: Actor): void {
  if (!canReadReference(actor)) throw forbidden()
}

/** `current`: not archived; `archived`: only archived; `all`: both. */
export type ArchiveFilter = 'current' | 'archived' | 'all'

/** Runs a create or update; a name already taken answers on the name field instead of a 500. */
export async function withUniqueName<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('conflict', 'reference.form.nameTaken', { field: 'name' })
    throw error
  }
}

export async function auditReference(
  db: Kysely<DB>,
  actor: Actor,
  action: 'reference_created' | 'reference_updated' | 'reference_archived' | 'reference_restored',
  table: ReferenceTable,
  id: number,
  meta: RequestMeta,
  details: Record<string, string | number | boolean | null> = {},
): Promise<void> {
  await recordAudit(
    db,
    { actorId: actor.accountId, action, subjectType: table, subjectId: id, details, ip: meta.ip },
    meta.now,
  )
}

/** Archives (or restores) one row: it keeps its id, so past activities still name it. */
export async function setArchived(
  db: Kysely<DB>,
  actor: Actor,
  table: ReferenceTable,
  id: number,
  archived: boolean,
  meta: RequestMeta,
): Promise<void> {
  requireReferenceAdmin(actor)
  await writeTransaction(db, async (trx) => {
    const at = meta.now.toISOString()
    const row = await trx
      .updateTable(table)
      .set({ archived_at: archived ? at : null, updated_at: at })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst()
    if (!row) throw notFound()
    await auditReference(trx, actor, archived ? 'reference_archived' : 'reference_restored', table, id, meta)
  })
}
