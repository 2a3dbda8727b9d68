/**
 * Group accident-insurance policies (志愿服务条例 Art. 17): coordinators record
 * a policy and the volunteers it covers, one by one or a visit's whole team.
 * The sign-up rules read the cover (signups/eligibility: meetsRequirements).
 */
import type { Kysely } from 'kysely'
import { isUniqueViolation, writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { recordAudit } from '~/domain/audit/audit.server'
import { DomainError, notFound } from '~/domain/errors'
import { requirePlanner } from '~/domain/activities/planning.server'
import { findVolunteerByEmail } from '~/domain/planning/roster.server'
import type { PolicyInput } from './schema'

export async function createPolicy(db: Kysely<DB>, actor: Actor, input: PolicyInput, meta: RequestMeta) {
  requirePlanner(actor)
  const at = meta.now.toISOString()
  try {
    return await writeTransaction(db, async (trx) => {
      const row = await trx
        .insertInto('insurance_policy')
        .values({
          insurer: input.insurer,
          policy_number: input.policyNumber,
          covers_from: input.coversFrom,
          covers_until: input.coversUntil,
          note: input.note,
          created_by: actor.accountId,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await recordAudit(
        trx,
        {
          actorId: actor.accountId,
          action: 'insurance_policy_created',
          subjectType: 'insurance_policy',
          subjectId: row.id,
          ip: meta.ip,
        },
        meta.now,
      )
      return row.id
    })
  } catch (error) {
    if (isUniqueViolation(error))
      throw new DomainError('conflict', 'visits.insurance.duplicate', { field: 'policyNumber' })
    throw error
  }
}

async function addCover(
  trx: Kysely<DB>,
  actor: Actor,
  policyId: number,
  accountIds: readonly number[],
  meta: RequestMeta,
) {
  const policy = await trx.selectFrom('insurance_policy').select('id').where('id', '=', policyId).executeTakeFirst()
  if (!policy) throw notFound()
  const already = new Set(
    (await trx.selectFrom('insurance_cover').select('account_id').where('policy_id', '=', policyId).execute()).map(
      (c) => c.account_id,
    ),
  )
  const fresh = [...new Set(accountIds)].filter((id) => !already.has(id))
  if (fresh.length) {
    await trx
      .insertInto('insurance_cover')
      .values(
        fresh.map((account_id) => ({
          policy_id: policyId,
          account_id,
          added_by: actor.accountId,
          created_at: meta.now.toISOString(),
        })),
      )
      .execute()
  }
  await recordAudit(
    trx,
    {
      actorId: actor.accountId,
      action: 'insurance_cover_added',
      subjectType: 'insurance_policy',
      subjectId: policyId,
      ip: meta.ip,
      details: { added: fresh.length },
    },
    meta.now,
  )
  return fresh.length
}

/** Covers one volunteer, named by email. */
export async function coverVolunteer(
  db: Kysely<DB>,
  actor: Actor,
  policyId: number,
  email: string,
  meta: RequestMeta,
): Promise<number> {
  requirePlanner(actor)
  const volunteerId = await findVolunteerByEmail(db, actor, email)
  return writeTransaction(db, (trx) => addCover(trx, actor, policyId, [volunteerId], meta))
}

/** Covers everyone on a visit's team (confirmed or waitlisted). */
export async function coverTeam(
  db: Kysely<DB>,
  actor: Actor,
  policyId: number,
  activityId: number,
  meta: RequestMeta,
): Promise<number> {
  requirePlanner(actor)
  return writeTransaction(db, async (trx) => {
    const team = await trx
      .selectFrom('signup')
      .innerJoin('shift', 'shift.id', 'signup.shift_id')
      .select('signup.volunteer_id')
      .where('shift.activity_id', '=', activityId)
      .where('shift.status', '=', 'open')
      .where('signup.status', 'in', ['confirmed', 'waitlisted'])
      .execute()
    return addCover(
      trx,
      actor,
      policyId,
      team.map((t) => t.volunteer_id),
      meta,
    )
  })
}
