/**
 * Visit requests: the contact asks (lecture, exhibition, reading service, book
 * delivery); a coordinator accepts, proposes another date, declines with a
 * reason, or accepts and plans it as a visit (planVisitFromRequest). After the
 * visit happened the contact may leave feedback once. Each step is one
 * conditional update on the states it may start from.
 */
import type { Kysely } from 'kysely'
import { writeTransaction } from '#db/dialect'
import { VISIT_NEEDS, type DB, type VisitKind, type VisitNeed, type VisitRequestStatus } from '#db/schema'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import type { Actor } from '~/domain/actor'
import { recordAudit, type AuditAction } from '~/domain/audit/audit.server'
import { shanghaiDay } from '~/lib/dates'
import { DomainError, notFound } from '~/domain/errors'
import type { PartnerEvent } from '#emails/partner-messages'
import { TEXT_LIMITS, VISIT_LIMITS, referenceOf } from './limits'
import { accountRecipient, activeCoordinators, organisationName, sendPartnerUpdate } from './notify.server'
import { planVisitFromRequest, type PlannedVisit } from './plan-visit.server'
import { partnerOrganisationOf, requireStaff, scopedToPartner } from './scope.server'

const P = 'partners.visits.'

export interface VisitRequestInput {
  kind: VisitKind
  topic: string
  preferredDates: string[]
  audience: string | null
  expectedParticipants: number
  needs: VisitNeed[]
  note: string | null
}

const tooLong = (field: string) => new DomainError('rule', 'partners.tooLong', { field })

export async function submitVisitRequest(
  db: Kysely<DB>,
  actor: Actor,
  input: VisitRequestInput,
  meta: RequestMeta,
): Promise<number> {
  const organisationId = partnerOrganisationOf(actor)
  if (input.topic.length > TEXT_LIMITS.topic) throw tooLong('topic')
  if ((input.audience?.length ?? 0) > TEXT_LIMITS.audience) throw tooLong('audience')
  if ((input.note?.length ?? 0) > TEXT_LIMITS.note) throw tooLong('note')
  if (input.preferredDates.length === 0 || input.preferredDates.length > VISIT_LIMITS.maxPreferredDates)
    throw new DomainError('rule', `${P}datesCount`, {
      field: 'preferredDates',
      params: { max: VISIT_LIMITS.maxPreferredDates },
    })
  if (input.preferredDates.some((d) => d < shanghaiDay(meta.now)))
    throw new DomainError('rule', `${P}dateInPast`, { field: 'preferredDates' })
  if (input.expectedParticipants < 1 || input.expectedParticipants > VISIT_LIMITS.maxParticipants)
    throw new DomainError('rule', `${P}participantsRange`, {
      field: 'expectedParticipants',
      params: { max: VISIT_LIMITS.maxParticipants },
    })
  const needs = input.needs.filter((n) => (VISIT_NEEDS as readonly string[]).includes(n))
  const now = meta.now.toISOString()
  return writeTransaction(db, async (trx) => {
    const { id } = await trx
      .insertInto('visit_request')
      .values({
        partner_organisation_id: organisationId,
        requested_by: actor.accountId,
        kind: input.kind,
        topic: input.topic,
        preferred_dates: [...new Set(input.preferredDates)].sort().join(','),
        audience: input.audience,
        expected_participants: input.expectedParticipants,
        needs: JSON.stringify(needs),
        status: 'submitted',
        note: input.note,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'visit_request_submitted',
        subjectType: 'visit_request',
        subjectId: id,
        ip: meta.ip,
      },
      meta.now,
    )
    const organisation = await organisationName(trx, organisationId)
    const reference = referenceOf('VR', id)
    await sendPartnerUpdate(
      trx,
      await accountRecipient(trx, actor.accountId),
      {
        event: 'visit_request_received',
        key: String(id),
        organisation,
        reference,
        path: `/partner/visit-requests/${id}`,
      },
      meta,
    )
    // Nobody is responsible for a new request yet: every coordinator hears of it.
    for (const to of await activeCoordinators(trx)) {
      await sendPartnerUpdate(
        trx,
        to,
        {
          event: 'visit_request_to_review',
          key: String(id),
          organisation,
          reference,
          path: `/staff/visit-requests/${id}`,
        },
        meta,
      )
    }
    return id
  })
}

export async function withdrawVisitRequest(db: Kysely<DB>, actor: Actor, id: number, meta: RequestMeta) {
  await writeTransaction(db, async (trx) => {
    const result = await scopedToPartner(
      trx
        .updateTable('visit_request')
        .set({ status: 'withdrawn', updated_at: meta.now.toISOString() })
        .where('id', '=', id)
        .where('status', 'in', ['submitted', 'accepted']),
      actor,
      'visit_request.partner_organisation_id',
    ).executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) {
      await getOwnVisitRequest(trx, actor, id)
      throw new DomainError('conflict', `${P}cannotWithdraw`)
    }
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'visit_request_withdrawn',
        subjectType: 'visit_request',
        subjectId: id,
        ip: meta.ip,
      },
      meta.now,
    )
  })
}

/** Feedback on a visit that happened: once, by the organisation's contact. */
export async function leaveVisitFeedback(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  input: { rating: number; comment: string | null },
  meta: RequestMeta,
) {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5)
    throw new DomainError('rule', `${P}ratingRange`, { field: 'rating' })
  if ((input.comment?.length ?? 0) > TEXT_LIMITS.note) throw tooLong('comment')
  await writeTransaction(db, async (trx) => {
    const now = meta.now.toISOString()
    const result = await scopedToPartner(
      trx
        .updateTable('visit_request')
        .set({ feedback_rating: input.rating, feedback_comment: input.comment, feedback_at: now, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'scheduled')
        .where('feedback_at', 'is', null)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('activity')
              .select('activity.id')
              .whereRef('activity.id', '=', 'visit_request.activity_id')
              .where('activity.status', '=', 'completed'),
          ),
        ),
      actor,
      'visit_request.partner_organisation_id',
    ).executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) {
      await getOwnVisitRequest(trx, actor, id)
      throw new DomainError('conflict', `${P}noFeedbackNow`)
    }
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'visit_feedback_left',
        subjectType: 'visit_request',
        subjectId: id,
        ip: meta.ip,
      },
      meta.now,
    )
  })
}

// ---------------------------------------------------------------------------
// The coordinator's answers

type Decision =
  | { kind: 'accept'; note: string | null }
  | { kind: 'propose'; day: string; note: string | null }
  | { kind: 'decline'; reason: string }
  | { kind: 'plan'; visit: PlannedVisit }

const FROM: Record<Decision['kind'], VisitRequestStatus[]> = {
  accept: ['submitted'],
  propose: ['submitted', 'accepted'],
  decline: ['submitted', 'accepted'],
  plan: ['submitted', 'accepted'],
}

const STEP: Record<Decision['kind'], { status: VisitRequestStatus; audit: AuditAction; event: PartnerEvent }> = {
  accept: { status: 'accepted', audit: 'visit_request_accepted', event: 'visit_request_accepted' },
  propose: { status: 'accepted', audit: 'visit_request_proposed', event: 'visit_request_proposed' },
  decline: { status: 'declined', audit: 'visit_request_declined', event: 'visit_request_declined' },
  plan: { status: 'scheduled', audit: 'visit_planned', event: 'visit_planned' },
}

export async function decideVisitRequest(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  decision: Decision,
  meta: RequestMeta,
): Promise<{ activityId: number | null }> {
  requireStaff(actor)
  const note = decision.kind === 'decline' ? decision.reason.trim() : decision.kind === 'plan' ? null : decision.note
  if (decision.kind === 'decline' && !note) throw new DomainError('rule', `${P}reasonRequired`, { field: 'reason' })
  if ((note?.length ?? 0) > TEXT_LIMITS.reason) throw tooLong(decision.kind === 'decline' ? 'reason' : 'note')
  if (decision.kind === 'propose' && decision.day < shanghaiDay(meta.now))
    throw new DomainError('rule', `${P}dateInPast`, { field: 'day' })
  if (decision.kind === 'plan') {
    if (decision.visit.title.trim() === '' || decision.visit.title.length > TEXT_LIMITS.topic) throw tooLong('title')
    if (decision.visit.endsAt <= decision.visit.startsAt)
      throw new DomainError('rule', `${P}endBeforeStart`, { field: 'endTime' })
  }
  const step = STEP[decision.kind]
  return writeTransaction(db, async (trx) => {
    const request = await trx
      .selectFrom('visit_request')
      .select(['partner_organisation_id', 'kind', 'topic', 'note', 'requested_by'])
      .where('id', '=', id)
      .executeTakeFirst()
    if (!request) throw notFound()
    const activityId =
      decision.kind === 'plan'
        ? await planVisitFromRequest(
            trx,
            actor,
            {
              partnerOrganisationId: request.partner_organisation_id,
              kind: request.kind,
              topic: request.topic,
              note: request.note,
            },
            decision.visit,
            meta,
          )
        : null
    const now = meta.now.toISOString()
    const result = await trx
      .updateTable('visit_request')
      .set({
        status: step.status,
        decided_by: actor.accountId,
        decided_at: now,
        updated_at: now,
        ...(decision.kind === 'plan' ? { activity_id: activityId } : { decision_note: note }),
        ...(decision.kind === 'propose' ? { proposed_on: decision.day } : {}),
      })
      .where('id', '=', id)
      .where('status', 'in', FROM[decision.kind])
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) {
      const row = await trx.selectFrom('visit_request').select('status').where('id', '=', id).executeTakeFirstOrThrow()
      // Throwing rolls back the activity inserted above.
      throw new DomainError('conflict', `${P}alreadyDecided`, { params: { status: row.status } })
    }
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: step.audit,
        subjectType: 'visit_request',
        subjectId: id,
        details: activityId ? { activityId } : undefined,
        ip: meta.ip,
      },
      meta.now,
    )
    await sendPartnerUpdate(
      trx,
      await accountRecipient(trx, request.requested_by),
      {
        event: step.event,
        key: `${id}:${now}`,
        organisation: await organisationName(trx, request.partner_organisation_id),
        reference: referenceOf('VR', id),
        detail: decision.kind === 'propose' ? [decision.day, note].filter(Boolean).join(' ') : note,
        path: `/partner/visit-requests/${id}`,
      },
      meta,
    )
    return { activityId }
  })
}

// ---------------------------------------------------------------------------
// Reading

function visitRequestColumns(db: Kysely<DB>) {
  return db
    .selectFrom('visit_request')
    .innerJoin('partner_organisation as o', 'o.id', 'visit_request.partner_organisation_id')
    .leftJoin('activity', 'activity.id', 'visit_request.activity_id')
    .select([
      'visit_request.id',
      'o.name as organisation',
      'visit_request.kind',
      'visit_request.topic',
      'visit_request.preferred_dates',
      'visit_request.audience',
      'visit_request.expected_participants',
      'visit_request.needs',
      'visit_request.note',
      'visit_request.status',
      'visit_request.decision_note',
      'visit_request.proposed_on',
      'visit_request.activity_id',
      'visit_request.feedback_rating',
      'visit_request.feedback_comment',
      'visit_request.feedback_at',
      'visit_request.created_at',
      'activity.title as activity_title',
      'activity.starts_at as activity_starts_at',
      'activity.ends_at as activity_ends_at',
      'activity.status as activity_status',
      'activity.participant_count as activity_participants',
      'activity.outcome_notes as activity_outcome',
    ])
}

export type VisitRequestRow = Awaited<ReturnType<typeof listOwnVisitRequests>>[number]

export async function listOwnVisitRequests(db: Kysely<DB>, actor: Actor) {
  return scopedToPartner(visitRequestColumns(db), actor, 'visit_request.partner_organisation_id')
    .orderBy('visit_request.created_at', 'desc')
    .limit(100)
    .execute()
}

export async function getOwnVisitRequest(db: Kysely<DB>, actor: Actor, id: number) {
  const row = await scopedToPartner(
    visitRequestColumns(db).where('visit_request.id', '=', id),
    actor,
    'visit_request.partner_organisation_id',
  ).executeTakeFirst()
  if (!row) throw notFound()
  return row
}

export async function listVisitRequestQueue(db: Kysely<DB>, actor: Actor) {
  requireStaff(actor)
  return visitRequestColumns(db).orderBy('visit_request.created_at', 'desc').limit(200).execute()
}

export async function getVisitRequestForStaff(db: Kysely<DB>, actor: Actor, id: number) {
  requireStaff(actor)
  const row = await visitRequestColumns(db).where('visit_request.id', '=', id).executeTakeFirst()
  if (!row) throw notFound()
  return row
}
