/**
 * Coordinators and admins plan activities: create (once or recurring), edit,
 * publish and cancel. An activity at a partner organisation is an outreach visit.
 * Cancelling cancels the activity's upcoming shifts through planning's
 * cancelShift, in the same transaction (the volunteers are told there).
 */
import type { Kysely } from 'kysely'
import { forUpdate, writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { recordAudit, type AuditAction } from '~/domain/audit/audit.server'
import { DomainError, forbidden, notFound } from '~/domain/errors'
import { holidayOverrides } from '~/domain/planning/series.server'
import { isoWeekday, type SeriesDays } from '~/domain/planning/series'
import { cancelShift } from '~/domain/planning/shifts.server'
import { canPlanActivities } from '~/domain/policy'
import { recurrenceDays } from './recurrence'
import { activityTimes, type ActivityInput, type NewActivityInput } from './schema'

/** A recurring activity spans at most a year. */
export const MAX_RECURRENCE_DAYS = 366

export function requirePlanner(actor: Actor): void {
  if (!canPlanActivities(actor)) throw forbidden()
}

/** Sites, partners, programmes and coordinators to pick from: archived and closed ones are left out. */
export async function activityChoices(db: Kysely<DB>, actor: Actor) {
  requirePlanner(actor)
  const [sites, partners, programmes, coordinators] = await Promise.all([
    db
      .selectFrom('site')
      .select(['id', 'name'])
      .where('archived_at', 'is', null)
      .where('active', '=', 1)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('partner_organisation')
      .select(['id', 'name', 'kind'])
      .where('archived_at', 'is', null)
      .where('active', '=', 1)
      .orderBy('kind')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('programme')
      .select(['id', 'name', 'kind', 'parent_programme_id'])
      .where('archived_at', 'is', null)
      .where('active', '=', 1)
      .orderBy((eb) => eb.fn.coalesce('parent_programme_id', 'id'))
      .orderBy('id')
      .execute(),
    db
      .selectFrom('account')
      .select(['id', 'name'])
      .where('role', 'in', ['coordinator', 'admin'])
      .where('status', '=', 'active')
      .orderBy('name')
      .execute(),
  ])
  return { sites, partners, programmes, coordinators }
}

/**
 * Every id the form names exists (a wrong one is its field's error, not a 500).
 * A new choice must not be archived; an activity keeps the archived site it already had.
 */
async function checkReferences(
  db: Kysely<DB>,
  input: ActivityInput,
  current?: { site_id: number | null; partner_organisation_id: number | null; programme_id: number | null },
): Promise<void> {
  const usable = async (
    table: 'site' | 'partner_organisation' | 'programme',
    id: number | null,
    kept: number | null | undefined,
    field: string,
  ) => {
    if (id === null) return
    const row = await db.selectFrom(table).select(['id', 'archived_at']).where('id', '=', id).executeTakeFirst()
    if (!row || (row.archived_at !== null && id !== kept)) throw new DomainError('rule', 'form.invalid', { field })
  }
  await usable('site', input.siteId, current?.site_id, 'siteId')
  await usable('partner_organisation', input.partnerId, current?.partner_organisation_id, 'partnerId')
  await usable('programme', input.programmeId, current?.programme_id, 'programmeId')
  if (input.coordinatorId !== null) {
    const coordinator = await db
      .selectFrom('account')
      .select('id')
      .where('id', '=', input.coordinatorId)
      .where('role', 'in', ['coordinator', 'admin'])
      .executeTakeFirst()
    if (!coordinator) throw new DomainError('rule', 'form.invalid', { field: 'coordinatorId' })
  }
}

/** What an activity row takes from its form; the times come as instants. */
export type ActivityFacts = Omit<ActivityInput, 'startDay' | 'startTime' | 'endDay' | 'endTime'>

function activityValues(input: ActivityFacts, startsAt: string, endsAt: string) {
  const online = input.mode === 'online'
  return {
    title: input.title,
    type: input.type,
    theme: input.theme,
    campaign: input.campaign,
    programme_id: input.programmeId,
    // Online activities may still be hosted by a site (its account streams them).
    site_id: input.siteId,
    partner_organisation_id: online ? null : input.partnerId,
    mode: input.mode,
    starts_at: startsAt,
    ends_at: endsAt,
    description: input.description,
    is_public: input.isPublic ? (1 as const) : (0 as const),
    requires_insurance: input.requiresInsurance ? (1 as const) : (0 as const),
  }
}

async function audit(
  db: Kysely<DB>,
  actor: Actor,
  action: AuditAction,
  id: number,
  meta: RequestMeta,
  details: Record<string, string | number | boolean | null> = {},
) {
  await recordAudit(
    db,
    { actorId: actor.accountId, action, subjectType: 'activity', subjectId: id, details, ip: meta.ip },
    meta.now,
  )
}

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
const daysBetween = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000

/**
 * Inserts one planned activity in the caller's transaction: the one insert every
 * plan goes through (the form, each occurrence of a recurrence, a partner's visit request).
 */
export async function insertPlannedActivity(
  trx: Kysely<DB>,
  actor: Actor,
  input: ActivityFacts,
  // A visit planned from a partner's request starts with the request's topic as its purpose.
  times: { startsAt: string; endsAt: string; seriesId?: number | null; purpose?: string | null },
  meta: RequestMeta,
  options: { audit: boolean } = { audit: true },
): Promise<number> {
  requirePlanner(actor)
  if (times.endsAt <= times.startsAt) throw new DomainError('rule', 'activities.form.endBeforeStart')
  const at = meta.now.toISOString()
  const row = await trx
    .insertInto('activity')
    .values({
      ...activityValues(input, times.startsAt, times.endsAt),
      status: 'planned',
      coordinator_id: input.coordinatorId ?? actor.accountId,
      series_id: times.seriesId ?? null,
      purpose: times.purpose ?? null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (options.audit) await audit(trx, actor, 'activity_created', row.id, meta, { title: input.title })
  return row.id
}

export interface CreatedActivities {
  ids: number[]
  days: string[]
  skipped: SeriesDays['skipped']
  uncovered: string[]
  seriesId: number | null
}

/** Creates one activity, or one per day of a weekly or monthly recurrence (each then edited on its own). */
export async function createActivities(
  db: Kysely<DB>,
  actor: Actor,
  input: NewActivityInput,
  meta: RequestMeta,
): Promise<CreatedActivities> {
  requirePlanner(actor)
  await checkReferences(db, input)
  const coordinatorId = input.coordinatorId ?? actor.accountId
  return writeTransaction(db, async (trx) => {
    const at = meta.now.toISOString()
    let plan: SeriesDays = { days: [input.startDay], skipped: [], uncovered: [] }
    let seriesId: number | null = null
    if (input.repeat !== 'none') {
      const lastDay = input.lastDay!
      if (daysBetween(input.startDay, lastDay) > MAX_RECURRENCE_DAYS) {
        throw new DomainError('rule', 'planning.series.tooLong', { field: 'lastDay' })
      }
      const weekday = isoWeekday(input.startDay)
      const overrides = await holidayOverrides(trx, input.startDay, lastDay)
      plan = recurrenceDays(
        {
          recurrence: input.repeat,
          weekday,
          weekOfMonth: input.repeat === 'monthly' ? (input.weekOfMonth ?? 1) : null,
          firstDay: input.startDay,
          lastDay,
          skipPublicHolidays: input.skipPublicHolidays,
        },
        overrides,
      )
      if (plan.days.length === 0) throw new DomainError('rule', 'planning.series.noDays', { field: 'lastDay' })
      const series = await trx
        .insertInto('activity_series')
        .values({
          recurrence: input.repeat,
          weekday,
          week_of_month: input.repeat === 'monthly' ? (input.weekOfMonth ?? 1) : null,
          start_time: input.startTime,
          end_time: input.endTime,
          first_day: input.startDay,
          last_day: lastDay,
          skip_public_holidays: input.skipPublicHolidays ? 1 : 0,
          created_by: actor.accountId,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      seriesId = series.id
    }
    const span = input.endDay ? daysBetween(input.startDay, input.endDay) : 0
    const ids: number[] = []
    for (const day of plan.days) {
      const { startsAt, endsAt } = activityTimes({
        startDay: day,
        startTime: input.startTime,
        endDay: addDays(day, span),
        endTime: input.endTime,
      })
      ids.push(
        await insertPlannedActivity(trx, actor, { ...input, coordinatorId }, { startsAt, endsAt, seriesId }, meta, {
          audit: seriesId === null,
        }),
      )
    }
    if (seriesId !== null) {
      await recordAudit(
        trx,
        {
          actorId: actor.accountId,
          action: 'activity_series_created',
          subjectType: 'activity_series',
          subjectId: seriesId,
          details: { recurrence: input.repeat, occurrences: ids.length, skipped: plan.skipped.length },
          ip: meta.ip,
        },
        meta.now,
      )
    }
    return { ids, days: plan.days, skipped: plan.skipped, uncovered: plan.uncovered, seriesId }
  })
}

async function lockActivity(trx: Kysely<DB>, id: number) {
  const activity = await forUpdate(trx, trx.selectFrom('activity').selectAll().where('id', '=', id)).executeTakeFirst()
  if (!activity) throw notFound()
  return activity
}

/** Edits one activity (one occurrence of a recurring one). A cancelled activity is not edited. */
export async function updateActivity(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  input: ActivityInput,
  meta: RequestMeta,
): Promise<void> {
  requirePlanner(actor)
  await writeTransaction(db, async (trx) => {
    const current = await lockActivity(trx, id)
    if (current.status === 'cancelled') throw new DomainError('conflict', 'activities.edit.cancelled')
    await checkReferences(trx, input, current)
    const { startsAt, endsAt } = activityTimes(input)
    const values = activityValues(input, startsAt, endsAt)
    const changed = (Object.keys(values) as (keyof typeof values)[]).filter((k) => values[k] !== current[k])
    await trx
      .updateTable('activity')
      .set({
        ...values,
        coordinator_id: input.coordinatorId ?? current.coordinator_id,
        updated_at: meta.now.toISOString(),
      })
      .where('id', '=', id)
      .execute()
    await audit(trx, actor, 'activity_updated', id, meta, { changed: changed.join(',') })
  })
}

/** A planned activity goes public (when it is public) and open to sign-ups. */
export async function publishActivity(db: Kysely<DB>, actor: Actor, id: number, meta: RequestMeta): Promise<void> {
  requirePlanner(actor)
  await writeTransaction(db, async (trx) => {
    const current = await lockActivity(trx, id)
    if (current.status !== 'planned') throw new DomainError('conflict', 'activities.publish.notPlanned')
    await trx
      .updateTable('activity')
      .set({ status: 'published', updated_at: meta.now.toISOString() })
      .where('id', '=', id)
      .execute()
    await audit(trx, actor, 'activity_published', id, meta)
  })
}

/** Cancels an activity that has not been completed, and with it each of its upcoming shifts. */
export async function cancelActivity(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  reason: string | null,
  meta: RequestMeta,
): Promise<{ shiftsCancelled: number }> {
  requirePlanner(actor)
  return writeTransaction(db, async (trx) => {
    const current = await lockActivity(trx, id)
    if (current.status === 'cancelled') return { shiftsCancelled: 0 }
    if (current.status === 'completed') throw new DomainError('conflict', 'activities.cancel.completed')
    await trx
      .updateTable('activity')
      .set({ status: 'cancelled', cancel_reason: reason, updated_at: meta.now.toISOString() })
      .where('id', '=', id)
      .execute()
    const shifts = await trx
      .selectFrom('shift')
      .select('id')
      .where('activity_id', '=', id)
      .where('status', '<>', 'cancelled')
      .where('starts_at', '>', meta.now.toISOString())
      .orderBy('id')
      .execute()
    for (const shift of shifts) await cancelShift(trx, actor, shift.id, reason, meta)
    await audit(trx, actor, 'activity_cancelled', id, meta, { reason, shiftsCancelled: shifts.length })
    return { shiftsCancelled: shifts.length }
  })
}
