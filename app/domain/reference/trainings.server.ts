/**
 * Trainings the library runs for volunteers, and who completed which on which
 * day: named one by one (by email), or every attendee of a training activity at once.
 * A completion already on file keeps its first day.
 */
import type { Kysely } from 'kysely'
import { writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { recordAudit } from '~/domain/audit/audit.server'
import { DomainError, notFound } from '~/domain/errors'
import {
  auditReference,
  requireReferenceAdmin,
  requireReferenceReader,
  withUniqueName,
  type ArchiveFilter,
} from './reference.server'
import type { RecordCompletionsInput, TrainingInput } from './schema'

/** At most this many people in one recording (a large session, not the whole register). */
export const MAX_COMPLETIONS_AT_ONCE = 500

export async function listTrainings(db: Kysely<DB>, actor: Actor, show: ArchiveFilter = 'current') {
  requireReferenceReader(actor)
  let query = db
    .selectFrom('training as t')
    .leftJoin('training_completion as c', 'c.training_id', 't.id')
    .select(['t.id', 't.name', 't.description', 't.archived_at'])
    .select((eb) => eb.fn.count<number | string>('c.account_id').as('completions'))
    .groupBy(['t.id', 't.name', 't.description', 't.archived_at'])
  if (show === 'current') query = query.where('t.archived_at', 'is', null)
  if (show === 'archived') query = query.where('t.archived_at', 'is not', null)
  const rows = await query.orderBy('t.id').execute()
  return rows.map((row) => ({ ...row, completions: Number(row.completions) }))
}

export async function getTraining(db: Kysely<DB>, actor: Actor, id: number) {
  requireReferenceReader(actor)
  const training = await db.selectFrom('training').selectAll().where('id', '=', id).executeTakeFirst()
  if (!training) throw notFound()
  const completions = await db
    .selectFrom('training_completion as c')
    .innerJoin('account as a', 'a.id', 'c.account_id')
    .select(['c.account_id', 'a.name', 'a.email', 'c.completed_on'])
    .where('c.training_id', '=', id)
    .orderBy('c.completed_on', 'desc')
    .orderBy('a.name')
    .execute()
  return { training, completions }
}

export async function createTraining(db: Kysely<DB>, actor: Actor, input: TrainingInput, meta: RequestMeta) {
  requireReferenceAdmin(actor)
  return withUniqueName(() =>
    writeTransaction(db, async (trx) => {
      const at = meta.now.toISOString()
      const { id } = await trx
        .insertInto('training')
        .values({ name: input.name, description: input.description, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
      await auditReference(trx, actor, 'reference_created', 'training', id, meta, { name: input.name })
      return id
    }),
  )
}

export async function updateTraining(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  input: TrainingInput,
  meta: RequestMeta,
) {
  requireReferenceAdmin(actor)
  await withUniqueName(() =>
    writeTransaction(db, async (trx) => {
      const row = await trx
        .updateTable('training')
        .set({ name: input.name, description: input.description, updated_at: meta.now.toISOString() })
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirst()
      if (!row) throw notFound()
      await auditReference(trx, actor, 'reference_updated', 'training', id, meta, { name: input.name })
    }),
  )
}

/** Splits a pasted list of emails (one a line, or separated by commas, semicolons or spaces). */
export function emailsIn(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;，；、]+/)
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  ]
}

/** Records completions; returns how many were new. */
export async function recordCompletions(
  db: Kysely<DB>,
  actor: Actor,
  trainingId: number,
  input: RecordCompletionsInput,
  meta: RequestMeta,
): Promise<{ added: number; total: number }> {
  requireReferenceAdmin(actor)
  return writeTransaction(db, async (trx) => {
    const training = await trx
      .selectFrom('training')
      .select(['id', 'archived_at'])
      .where('id', '=', trainingId)
      .executeTakeFirst()
    if (!training) throw notFound()
    if (training.archived_at !== null) throw new DomainError('rule', 'reference.training.archived')
    const accountIds = new Set<number>()
    if (input.emails !== null) {
      const emails = emailsIn(input.emails)
      if (emails.length > MAX_COMPLETIONS_AT_ONCE) {
        throw new DomainError('rule', 'reference.training.tooMany', {
          field: 'emails',
          params: { count: MAX_COMPLETIONS_AT_ONCE },
        })
      }
      const found = emails.length
        ? await trx
            .selectFrom('account')
            .select(['id', 'email_normalised'])
            .where('email_normalised', 'in', emails)
            .where('status', '=', 'active')
            .execute()
        : []
      const unknown = emails.filter((e) => !found.some((a) => a.email_normalised === e))
      if (unknown.length) {
        throw new DomainError('rule', 'reference.training.unknownEmails', {
          field: 'emails',
          params: { emails: unknown.slice(0, 5).join(', ') },
        })
      }
      for (const a of found) accountIds.add(a.id)
    }
    if (input.activityId !== null) {
      const activity = await trx
        .selectFrom('activity')
        .select(['id', 'type'])
        .where('id', '=', input.activityId)
        .executeTakeFirst()
      if (!activity || activity.type !== 'training') {
        throw new DomainError('rule', 'reference.training.activityInvalid', { field: 'activityId' })
      }
      const attendees = await trx
        .selectFrom('signup as s')
        .innerJoin('shift as sh', 'sh.id', 's.shift_id')
        .select('s.volunteer_id')
        .distinct()
        .where('sh.activity_id', '=', activity.id)
        .where('s.attendance', '=', 'attended')
        .execute()
      for (const a of attendees) accountIds.add(a.volunteer_id)
    }
    if (accountIds.size === 0) return { added: 0, total: 0 }
    const at = meta.now.toISOString()
    const inserted = await trx
      .insertInto('training_completion')
      .values(
        [...accountIds].map((accountId) => ({
          account_id: accountId,
          training_id: trainingId,
          completed_on: input.completedOn,
          recorded_by: actor.accountId,
          created_at: at,
        })),
      )
      .onConflict((oc) => oc.columns(['account_id', 'training_id']).doNothing())
      .returning('account_id')
      .execute()
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'training_completions_recorded',
        subjectType: 'training',
        subjectId: trainingId,
        details: { completedOn: input.completedOn, added: inserted.length, activityId: input.activityId },
        ip: meta.ip,
      },
      meta.now,
    )
    return { added: inserted.length, total: accountIds.size }
  })
}

/** Takes back a completion recorded by mistake (audited). */
export async function removeCompletion(
  db: Kysely<DB>,
  actor: Actor,
  trainingId: number,
  accountId: number,
  meta: RequestMeta,
): Promise<void> {
  requireReferenceAdmin(actor)
  await writeTransaction(db, async (trx) => {
    const removed = await trx
      .deleteFrom('training_completion')
      .where('training_id', '=', trainingId)
      .where('account_id', '=', accountId)
      .returning('completed_on')
      .executeTakeFirst()
    if (!removed) throw notFound()
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'training_completion_removed',
        subjectType: 'training',
        subjectId: trainingId,
        details: { accountId, completedOn: removed.completed_on },
        ip: meta.ip,
      },
      meta.now,
    )
  })
}

/** Recent training activities whose attendees can be recorded at once. */
export async function listTrainingActivities(db: Kysely<DB>, actor: Actor, now: Date) {
  requireReferenceReader(actor)
  return db
    .selectFrom('activity')
    .select(['id', 'title', 'starts_at'])
    .where('type', '=', 'training')
    .where('status', '<>', 'cancelled')
    .where('starts_at', '<=', now.toISOString())
    .orderBy('starts_at', 'desc')
    .limit(50)
    .execute()
}
