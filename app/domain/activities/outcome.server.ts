/**
 * Closing an activity with its outcome: attendances, people served by group
 * (counts, never names), books handed over, materials, notes and follow-ups.
 * Filing marks the activity completed; a correction needs a reason and is
 * audited with the old and the new values.
 */
import type { Kysely } from 'kysely'
import { forUpdate, writeTransaction } from '#db/dialect'
import type { BeneficiaryGroup, DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { recordAudit } from '~/domain/audit/audit.server'
import { DomainError, forbidden, notFound } from '~/domain/errors'
import { canPlanActivities } from '~/domain/policy'
import { enqueueOutcomeMails } from '~/domain/visits/mail.server'
import { isTeamLeadOf } from '~/domain/visits/team-lead.server'
import { requirePlanner } from './planning.server'
import { servedOf, type CorrectOutcomeInput, type OutcomeInput } from './schema'

export interface OutcomeSnapshot {
  participantCount: number | null
  booksDelivered: number | null
  materialsUsed: string | null
  notes: string | null
  followUps: string | null
  served: Partial<Record<BeneficiaryGroup, number>>
}

async function snapshotOf(db: Kysely<DB>, id: number): Promise<OutcomeSnapshot> {
  const activity = await db
    .selectFrom('activity')
    .select(['participant_count', 'books_delivered', 'materials_used', 'outcome_notes', 'follow_ups'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  const served = await db
    .selectFrom('activity_beneficiary_count')
    .select(['beneficiary_group', 'people_count'])
    .where('activity_id', '=', id)
    .orderBy('beneficiary_group')
    .execute()
  return {
    participantCount: activity.participant_count,
    booksDelivered: activity.books_delivered,
    materialsUsed: activity.materials_used,
    notes: activity.outcome_notes,
    followUps: activity.follow_ups,
    served: Object.fromEntries(served.map((s) => [s.beneficiary_group, s.people_count])),
  }
}

async function writeOutcome(trx: Kysely<DB>, id: number, input: OutcomeInput, set: Record<string, string | number>) {
  await trx
    .updateTable('activity')
    .set({
      participant_count: input.participantCount,
      books_delivered: input.booksDelivered,
      materials_used: input.materialsUsed,
      outcome_notes: input.notes,
      follow_ups: input.followUps,
      ...set,
    })
    .where('id', '=', id)
    .execute()
  await trx.deleteFrom('activity_beneficiary_count').where('activity_id', '=', id).execute()
  const served = servedOf(input)
  if (served.length) {
    await trx
      .insertInto('activity_beneficiary_count')
      .values(served.map((s) => ({ activity_id: id, beneficiary_group: s.group, people_count: s.count })))
      .execute()
  }
}

async function lockForOutcome(trx: Kysely<DB>, id: number, now: Date) {
  const activity = await forUpdate(
    trx,
    trx.selectFrom('activity').select(['id', 'status', 'starts_at', 'outcome_filed_at']).where('id', '=', id),
  ).executeTakeFirst()
  if (!activity) throw notFound()
  if (activity.status === 'cancelled') throw new DomainError('conflict', 'activities.outcome.cancelled')
  if (Date.parse(activity.starts_at) > now.getTime()) {
    throw new DomainError('rule', 'activities.outcome.notStarted')
  }
  return activity
}

/**
 * Files the outcome of an activity that has started; it is then completed.
 * Staff file any; a team lead files their own visit's. A visit's coordinator
 * and team are mailed (visits/mail.server.ts), in the same transaction.
 */
export async function fileOutcome(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  input: OutcomeInput,
  meta: RequestMeta,
): Promise<void> {
  if (!canPlanActivities(actor) && !(await isTeamLeadOf(db, actor, id))) throw forbidden()
  await writeTransaction(db, async (trx) => {
    const activity = await lockForOutcome(trx, id, meta.now)
    if (activity.outcome_filed_at !== null) throw new DomainError('conflict', 'activities.outcome.alreadyFiled')
    const at = meta.now.toISOString()
    await writeOutcome(trx, id, input, {
      status: 'completed',
      outcome_filed_at: at,
      outcome_filed_by: actor.accountId,
      updated_at: at,
    })
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'activity_outcome_filed',
        subjectType: 'activity',
        subjectId: id,
        details: { after: JSON.stringify(await snapshotOf(trx, id)) },
        ip: meta.ip,
      },
      meta.now,
    )
    await enqueueOutcomeMails(trx, actor, id, meta)
  })
}

/** Corrects a filed outcome; the audit row keeps the reason and both versions. */
export async function correctOutcome(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  input: CorrectOutcomeInput,
  meta: RequestMeta,
): Promise<void> {
  requirePlanner(actor)
  await writeTransaction(db, async (trx) => {
    const activity = await lockForOutcome(trx, id, meta.now)
    if (activity.outcome_filed_at === null) throw new DomainError('conflict', 'activities.outcome.notFiled')
    const before = await snapshotOf(trx, id)
    await writeOutcome(trx, id, input, { updated_at: meta.now.toISOString() })
    const after = await snapshotOf(trx, id)
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'activity_outcome_corrected',
        subjectType: 'activity',
        subjectId: id,
        details: { reason: input.reason, before: JSON.stringify(before), after: JSON.stringify(after) },
        ip: meta.ip,
      },
      meta.now,
    )
  })
}

/** The outcome's history, newest first: who filed or corrected it, when, and why. */
export async function outcomeHistory(db: Kysely<DB>, actor: Actor, id: number) {
  requirePlanner(actor)
  const rows = await db
    .selectFrom('audit_log as l')
    .leftJoin('account as a', 'a.id', 'l.actor_id')
    .select(['l.id', 'l.action', 'l.details', 'l.created_at', 'a.name as actor_name'])
    .where('l.subject_type', '=', 'activity')
    .where('l.subject_id', '=', String(id))
    .where('l.action', 'in', ['activity_outcome_filed', 'activity_outcome_corrected'])
    .orderBy('l.id', 'desc')
    .execute()
  return rows.map((row) => {
    const details = (row.details ? JSON.parse(row.details) : {}) as { reason?: string; before?: string }
    const before = details.before ? (JSON.parse(details.before) as OutcomeSnapshot) : null
    return {
      id: row.id,
      action: row.action,
      at: row.created_at,
      by: row.actor_name,
      reason: details.reason ?? null,
      previousParticipants: before?.participantCount ?? null,
    }
  })
}

/** Ended activities without an outcome: the coordinator's own (an admin's list shows everyone's). */
export async function listOutcomesMissing(db: Kysely<DB>, actor: Actor, now: Date, limit = 20) {
  requirePlanner(actor)
  let query = db
    .selectFrom('activity')
    .select(['id', 'title', 'type', 'starts_at', 'ends_at'])
    .where('ends_at', '<=', now.toISOString())
    .where('status', 'in', ['planned', 'published'])
    .where('outcome_filed_at', 'is', null)
  if (actor.role !== 'admin') query = query.where('coordinator_id', '=', actor.accountId)
  return query.orderBy('ends_at', 'desc').limit(limit).execute()
}
