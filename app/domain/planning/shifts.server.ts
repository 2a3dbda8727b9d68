/**
 * Coordinators create, edit and cancel shifts. Every function checks the actor;
 * mail to volunteers goes through the outbox in the same transaction.
 *
 * Cancelling never deletes or cancels sign-ups: a shift that already happened
 * keeps its attendance and hours (only its status changes, and no one is mailed);
 * an upcoming one is marked cancelled and its confirmed and waitlisted volunteers
 * are told. Pages and the sign-up rules read the shift's status.
 */
import { randomBytes } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import { writeTransaction } from '#db/dialect'
import type { DB, ShiftTable } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { DomainError, forbidden, notFound } from '~/domain/errors'
import { enqueueEmail, messageIdDomainOf } from '~/domain/mail/outbox.server'
import { isStaff } from '~/domain/policy'
import { shanghaiDay, shanghaiInstant } from '~/lib/dates'
import type { EditShiftInput, SingleShiftInput } from './schema'
import { recordAudit } from '~/domain/audit/audit.server'
import { ACTIVE_SIGNUP_STATUSES, placeName, shiftWithPlace } from '~/domain/shifts/queries.server'
import { loadShiftMailInfo, shiftFields } from '~/domain/signups/mail.server'
import { checkCapacity, lockShift, seats } from '~/domain/signups/seats.server'
import zhCN from '~/i18n/locales/zh-CN'

export type ShiftRow = Selectable<ShiftTable>

export function requireStaff(actor: Actor): void {
  if (!isStaff(actor)) throw forbidden()
}

/** The sign-up window and times of a shift on `day`, from the form's relative settings. */
export function shiftTimes(
  day: string,
  input: { startTime: string; endTime: string; opensDaysBefore?: number | null; closesHoursBefore?: number | null },
) {
  const startsAt = shanghaiInstant(day, input.startTime)
  const endsAt = shanghaiInstant(day, input.endTime)
  const start = Date.parse(startsAt)
  return {
    starts_at: startsAt,
    ends_at: endsAt,
    signup_opens_at:
      input.opensDaysBefore == null ? null : new Date(start - input.opensDaysBefore * 86_400_000).toISOString(),
    signup_closes_at:
      input.closesHoursBefore == null ? null : new Date(start - input.closesHoursBefore * 3_600_000).toISOString(),
  }
}

/** Site and activity exist (and training, when required): a wrong id is the field's error, not a 500. */
export async function checkReferences(
  db: Kysely<DB>,
  input: { siteId?: number | null; activityId?: number | null; requiredTrainingId?: number | null },
): Promise<void> {
  if (input.siteId != null) {
    const site = await db.selectFrom('site').select('id').where('id', '=', input.siteId).executeTakeFirst()
    if (!site) throw new DomainError('rule', 'form.invalid', { field: 'siteId' })
  }
  if (input.activityId != null) {
    const activity = await db.selectFrom('activity').select('id').where('id', '=', input.activityId).executeTakeFirst()
    if (!activity) throw new DomainError('rule', 'form.invalid', { field: 'activityId' })
  }
  if (input.requiredTrainingId != null) {
    const training = await db
      .selectFrom('training')
      .select('id')
      .where('id', '=', input.requiredTrainingId)
      .executeTakeFirst()
    if (!training) throw new DomainError('rule', 'form.invalid', { field: 'requiredTrainingId' })
  }
}

export function shiftValues(
  actor: Actor,
  input: Omit<SingleShiftInput, 'kind' | 'day'>,
  day: string,
  now: Date,
  seriesId: number | null,
) {
  const at = now.toISOString()
  return {
    series_id: seriesId,
    site_id: input.siteId,
    activity_id: input.activityId,
    role: input.role,
    title: input.title,
    ...shiftTimes(day, input),
    capacity: input.capacity,
    min_age: input.minAge,
    required_skill: input.requiredSkill,
    required_training_id: input.requiredTrainingId,
    cancel_cutoff_hours: input.cancelCutoffHours,
    notes: input.notes,
    what_to_bring: input.whatToBring,
    contact_account_id: actor.accountId,
    check_in_secret: randomBytes(32).toString('base64url'),
    status: 'open' as const,
    created_by: actor.accountId,
    created_at: at,
    updated_at: at,
  }
}

export async function createShift(
  db: Kysely<DB>,
  actor: Actor,
  input: SingleShiftInput,
  meta: RequestMeta,
): Promise<number> {
  requireStaff(actor)
  await checkReferences(db, input)
  return writeTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('shift')
      .values(shiftValues(actor, input, input.day, meta.now, null))
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  })
}

/** Where a shift happens, as volunteers read it: the site, else the activity's partner or site ('' when none). */
export async function placeOf(db: Kysely<DB>, shiftId: number): Promise<string> {
  const row = await shiftWithPlace(db).select(placeName.as('place')).where('shift.id', '=', shiftId).executeTakeFirst()
  return row?.place ?? ''
}

/** The roster's heading: the shift's title, else its activity's, else its role (the page's language). */
export async function shiftTitleOf(db: Kysely<DB>, shift: Pick<ShiftRow, 'title' | 'activity_id' | 'role'>) {
  if (shift.title) return shift.title
  if (shift.activity_id !== null) {
    const activity = await db
      .selectFrom('activity')
      .select('title')
      .where('id', '=', shift.activity_id)
      .executeTakeFirst()
    if (activity) return activity.title
  }
  return zhCN.shift.role[shift.role]
}

/** Confirmed and waitlisted volunteers of a shift, with where to write to them. */
export function activeVolunteers(db: Kysely<DB>, shiftId: number) {
  return db
    .selectFrom('signup')
    .innerJoin('account', 'account.id', 'signup.volunteer_id')
    .select(['signup.id as signup_id', 'account.id as account_id', 'account.name', 'account.email', 'account.locale'])
    .where('signup.shift_id', '=', shiftId)
    .where('signup.status', 'in', ACTIVE_SIGNUP_STATUSES)
    .where('account.status', '=', 'active')
    .orderBy('signup.id')
    .execute()
}

/** Tells a shift's volunteers that it changed (`changes`, as codes) or was cancelled. Runs in the caller's transaction. */
export async function notifyShiftVolunteers(
  trx: Kysely<DB>,
  shift: ShiftRow,
  kind: 'changed' | 'cancelled',
  changes: readonly ShiftChange[],
  meta: RequestMeta,
): Promise<number> {
  const [info, volunteers] = await Promise.all([loadShiftMailInfo(trx, shift.id), activeVolunteers(trx, shift.id)])
  const version = Date.parse(shift.updated_at)
  for (const v of volunteers) {
    const common = {
      to: v.email,
      toAccountId: v.account_id,
      locale: v.locale,
      messageIdDomain: messageIdDomainOf(meta.appOrigin),
    }
    const payload = shiftFields(info, v, meta.appOrigin)
    if (kind === 'changed') {
      await enqueueEmail(
        trx,
        {
          ...common,
          dedupeKey: `shift-changed:${shift.id}:${v.signup_id}:${version}`,
          template: 'shift-changed',
          payload: { ...payload, changes: [...changes] },
        },
        meta.now,
      )
    } else {
      await enqueueEmail(
        trx,
        { ...common, dedupeKey: `shift-cancelled:${shift.id}:${v.signup_id}`, template: 'shift-cancelled', payload },
        meta.now,
      )
    }
  }
  return volunteers.length
}

/** What an edit changes, as codes the mail template translates: 'time', 'place'. */
export type ShiftChange = 'time' | 'place'

/**
 * Applies an edit to one locked shift: keeps its own day unless `day` is given,
 * refuses a capacity below the confirmed count, and mails its volunteers when
 * time or place changed and the shift has not ended. Returns the changes.
 */
export async function applyShiftEdit(
  trx: Kysely<DB>,
  shift: ShiftRow,
  input: Omit<EditShiftInput, 'scope'>,
  extra: { detach: boolean },
  meta: RequestMeta,
): Promise<ShiftChange[]> {
  if (shift.status === 'cancelled') throw new DomainError('rule', 'planning.edit.cancelled')
  checkCapacity(shift, input.capacity)
  const day = input.day ?? shanghaiDay(shift.starts_at)
  const times = shiftTimes(day, input)
  const changes: ShiftChange[] = []
  if (times.starts_at !== shift.starts_at || times.ends_at !== shift.ends_at) changes.push('time')
  if (input.siteId !== shift.site_id || input.activityId !== shift.activity_id) changes.push('place')
  // The sign-up window moves with the start.
  const shiftBy = Date.parse(times.starts_at) - Date.parse(shift.starts_at)
  const move = (instant: string | null) =>
    instant === null ? null : new Date(Date.parse(instant) + shiftBy).toISOString()
  // A strictly later updated_at: two edits in one millisecond still give two mails.
  const updatedAt = new Date(Math.max(meta.now.getTime(), Date.parse(shift.updated_at) + 1)).toISOString()
  const updated = await trx
    .updateTable('shift')
    .set({
      starts_at: times.starts_at,
      ends_at: times.ends_at,
      signup_opens_at: move(shift.signup_opens_at),
      signup_closes_at: move(shift.signup_closes_at),
      site_id: input.siteId,
      activity_id: input.activityId,
      title: input.title,
      min_age: input.minAge,
      required_skill: input.requiredSkill,
      cancel_cutoff_hours: input.cancelCutoffHours,
      what_to_bring: input.whatToBring,
      notes: input.notes,
      ...(extra.detach && shift.series_id !== null ? { detached_from_series: 1 as const } : {}),
      updated_at: updatedAt,
    })
    .where('id', '=', shift.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  // Who no longer fits leaves first (with a mail), the others hear of the change, then the seats refill.
  const requirementsChanged = input.minAge !== shift.min_age || input.requiredSkill !== shift.required_skill
  await seats.releaseUnfit(trx, shift.id, { requirements: requirementsChanged, time: changes.includes('time') }, meta)
  if (changes.length > 0 && Date.parse(shift.ends_at) > meta.now.getTime()) {
    await notifyShiftVolunteers(trx, updated, 'changed', changes, meta)
  }
  await seats.setCapacity(trx, updated, input.capacity, meta)
  await seats.promote(trx, shift.id, meta)
  return changes
}

/** Edits one shift; an occurrence of a series is detached from it, so later series edits leave it alone. */
export async function updateShift(
  db: Kysely<DB>,
  actor: Actor,
  shiftId: number,
  input: Omit<EditShiftInput, 'scope'>,
  meta: RequestMeta,
): Promise<ShiftChange[]> {
  requireStaff(actor)
  await checkReferences(db, input)
  return writeTransaction(db, async (trx) => {
    const shift = await lockShift(trx, shiftId)
    const changes = await applyShiftEdit(trx, shift, input, { detach: true }, meta)
    return changes
  })
}

/**
 * Cancels a shift. An upcoming one: status cancelled, its confirmed and
 * waitlisted volunteers are mailed. One that has already started: only the
 * status changes; its sign-ups, attendance and hours stay exactly as they were
 * and no one is mailed. Sign-ups are never deleted or cancelled here.
 */
export async function cancelShift(
  db: Kysely<DB>,
  actor: Actor,
  shiftId: number,
  reason: string | null,
  meta: RequestMeta,
): Promise<{ notified: number; past: boolean }> {
  requireStaff(actor)
  return writeTransaction(db, async (trx) => {
    const shift = await lockShift(trx, shiftId)
    if (shift.status === 'cancelled') return { notified: 0, past: false }
    const past = Date.parse(shift.starts_at) <= meta.now.getTime()
    const updatedAt = new Date(Math.max(meta.now.getTime(), Date.parse(shift.updated_at) + 1)).toISOString()
    const updated = await trx
      .updateTable('shift')
      .set({
        status: 'cancelled',
        ...(shift.series_id !== null ? { detached_from_series: 1 as const } : {}),
        updated_at: updatedAt,
      })
      .where('id', '=', shiftId)
      .returningAll()
      .executeTakeFirstOrThrow()
    const notified = past ? 0 : await notifyShiftVolunteers(trx, updated, 'cancelled', [], meta)
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'shift_cancelled',
        subjectType: 'shift',
        subjectId: shiftId,
        details: { reason, notified },
        ip: meta.ip,
      },
      meta.now,
    )
    return { notified, past }
  })
}

/** One shift for the edit form. */
export async function getShiftForEdit(db: Kysely<DB>, actor: Actor, shiftId: number) {
  requireStaff(actor)
  const shift = await db.selectFrom('shift').selectAll().where('id', '=', shiftId).executeTakeFirst()
  if (!shift) throw notFound()
  return shift
}

/** Sites, activities and trainings to choose from in the shift forms. */
export async function planningChoices(db: Kysely<DB>, actor: Actor, now: Date) {
  requireStaff(actor)
  const [sites, activities, trainings] = await Promise.all([
    db.selectFrom('site').select(['id', 'name']).orderBy('id').execute(),
    db
      .selectFrom('activity')
      .select(['id', 'title', 'starts_at'])
      .where('ends_at', '>', now.toISOString())
      .where('status', '<>', 'cancelled')
      .orderBy('starts_at')
      .limit(200)
      .execute(),
    db.selectFrom('training').select(['id', 'name']).orderBy('name').execute(),
  ])
  return { sites, activities, trainings }
}
