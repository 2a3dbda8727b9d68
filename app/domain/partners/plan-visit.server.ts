/**
 * The one place a visit request becomes a visit: a planned activity at the
 * partner organisation, inserted by the activities module (insertPlannedActivity)
 * in the caller's transaction.
 */
import type { Kysely } from 'kysely'
import type { ActivityType, DB, VisitKind } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { insertPlannedActivity } from '~/domain/activities/planning.server'

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

/** Plans the activity for a visit request, in the caller's transaction; returns its id. */
export async function planVisitFromRequest(
  trx: Kysely<DB>,
  actor: Actor,
  request: { partnerOrganisationId: number; kind: VisitKind; topic: string | null; note: string | null },
  visit: PlannedVisit,
  meta: RequestMeta,
): Promise<number> {
  return insertPlannedActivity(
    trx,
    actor,
    {
      title: visit.title,
      type: ACTIVITY_TYPE[request.kind],
      theme: null,
      campaign: null,
      programmeId: null,
      mode: 'offline',
      siteId: null,
      partnerId: request.partnerOrganisationId,
      description: request.note,
      isPublic: false,
      requiresInsurance: false,
      coordinatorId: actor.accountId,
    },
    { startsAt: visit.startsAt, endsAt: visit.endsAt, purpose: request.topic },
    meta,
  )
}
