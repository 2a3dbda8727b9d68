/**
 * The one place a visit request becomes a visit (an activity at the partner
 * organisation). The outreach module builds activity creation; when it lands,
 * the insert below is switched to its create function and nothing else changes.
 */
import type { Kysely } from 'kysely'
import type { ActivityType, DB, VisitKind } from '#db/schema'
import type { Actor } from '~/domain/actor'

const ACTIVITY_TYPE: Record<VisitKind, ActivityType> = {
  lecture: 'lecture',
  exhibition: 'exhibition',
  reading_service: 'reading_service',
  book_delivery: 'other',
  other: 'other',
}

export interface PlannedVisit {
  title: string
  startsAt: string
  endsAt: string
}

/** Inserts the planned activity for a visit request, in the caller's transaction; returns its id. */
export async function planVisitFromRequest(
  trx: Kysely<DB>,
  actor: Actor,
  request: { partnerOrganisationId: number; kind: VisitKind; topic: string | null; note: string | null },
  visit: PlannedVisit,
  now: Date,
): Promise<number> {
  const at = now.toISOString()
  const { id } = await trx
    .insertInto('activity')
    .values({
      title: visit.title,
      type: ACTIVITY_TYPE[request.kind],
      theme: null,
      campaign: null,
      programme_id: null,
      site_id: null,
      partner_organisation_id: request.partnerOrganisationId,
      mode: 'offline',
      starts_at: visit.startsAt,
      ends_at: visit.endsAt,
      status: 'planned',
      description: request.note,
      is_public: 0,
      requires_insurance: 0,
      coordinator_id: actor.accountId,
      participant_count: null,
      books_delivered: null,
      outcome_notes: null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}
