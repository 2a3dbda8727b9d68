/**
 * The one home of seats and the waitlist. Every way a seat is taken, freed or
 * added goes through these functions, inside the caller's writeTransaction with
 * the shift row locked first (lockShift). Nothing else writes
 * `shift.confirmed_count`, `signup.waitlist_position` or a sign-up's status
 * (tests/unit/architecture.test.ts checks the count).
 *
 * - a seat is taken only by `update shift set confirmed_count = confirmed_count + 1
 *   where id = ? and confirmed_count < capacity` (the CHECK shift_within_capacity
 *   is the backstop); no seat → the waitlist, at max(position) + 1;
 * - a freed or added seat goes to the waitlist at once, first come first served,
 *   each promoted volunteer mailed ('waitlist-promoted');
 * - capacity never drops below the confirmed count: a translated refusal.
 *
 * See docs/decisions/0009-seats.md for what happens when a shift is moved,
 * cancelled or its requirements change, and when an account goes.
 */
import type { Kysely } from 'kysely'
import { forUpdate, lockRows } from '#db/dialect'
import type { DB } from '#db/schema'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import type { Actor } from '~/domain/actor'
import { DomainError, notFound } from '~/domain/errors'
import { enqueueEmail, messageIdDomainOf } from '~/domain/mail/outbox.server'
import { ACTIVE_SIGNUP_STATUSES } from '~/domain/shifts/queries.server'
import { meetsRequirements, type InsuranceCover } from './eligibility'
import { activityRequiresInsurance, loadInsuranceCover, parseSkills } from './eligibility.server'
import {
  enqueueConfirmation,
  forgetPendingReminders,
  loadRecipient,
  loadShiftMailInfo,
  shiftFields,
} from './mail.server'

export const MAX_CAPACITY = 1000

/** Why a sign-up was cancelled, as stored in `signup.cancel_reason`. */
export type ReleaseReason =
  'volunteer' | 'offered' | 'account_deleted' | 'account_deactivated' | 'overlap' | 'requirements' | `staff: ${string}`

export interface SeatOptions {
  /**
   * Fill freed and added seats from the waitlist. Only the deliberately broken
   * twin in tests/integration/seats turns it off, to prove the checks see it.
   */
  promote?: boolean
}

export interface PlacedSignup {
  id: number
  status: 'confirmed' | 'waitlisted'
  waitlistPosition: number | null
}

/** The shift's row, locked until the transaction ends (the write lock covers it where rows cannot be locked). */
export async function lockShift(trx: Kysely<DB>, shiftId: number) {
  const shift = await forUpdate(trx, trx.selectFrom('shift').selectAll().where('id', '=', shiftId)).executeTakeFirst()
  if (!shift) throw notFound('signup.shiftNotFound')
  return shift
}

/** Locks the shift's row without reading it, for a caller that reads it with more (eligibility). */
export async function lockShiftRow(trx: Kysely<DB>, shiftId: number): Promise<void> {
  await lockRows(trx, trx.selectFrom('shift').select('id').where('id', '=', shiftId))
}

/** Serialises one volunteer's own sign-ups (the overlap rule spans shifts). */
export async function lockAccount(trx: Kysely<DB>, accountId: number): Promise<void> {
  await lockRows(trx, trx.selectFrom('account').select('id').where('id', '=', accountId))
}

export async function lockSignup(trx: Kysely<DB>, signupId: number) {
  return forUpdate(
    trx,
    trx
      .selectFrom('signup')
      .select(['id', 'shift_id', 'volunteer_id', 'status', 'waitlist_position'])
      .where('id', '=', signupId),
  ).executeTakeFirst()
}

/**
 * The actor's own sign-up and its shift, locked shift first (the order every
 * sign-up transaction takes); someone else's sign-up is "not found".
 */
export async function lockOwnSignup(trx: Kysely<DB>, actor: Pick<Actor, 'accountId'>, signupId: number) {
  const first = await trx
    .selectFrom('signup')
    .select(['shift_id', 'volunteer_id'])
    .where('id', '=', signupId)
    .executeTakeFirst()
  if (!first || first.volunteer_id !== actor.accountId) throw notFound('signup.notFound')
  const shift = await lockShift(trx, first.shift_id)
  const signup = await lockSignup(trx, signupId)
  return { shift, signup }
}

/** 1 for the next in line. */
export async function waitlistRank(db: Kysely<DB>, shiftId: number, position: number): Promise<number> {
  const row = await db
    .selectFrom('signup')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('shift_id', '=', shiftId)
    .where('status', '=', 'waitlisted')
    .where('waitlist_position', '<=', position)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The refusal for a capacity below the confirmed count, or out of range. One check for every path. */
export function checkCapacity(shift: { confirmed_count: number }, capacity: number): void {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY) {
    throw new DomainError('rule', 'signup.capacity.invalid', { field: 'capacity' })
  }
  if (capacity < shift.confirmed_count) {
    throw new DomainError('rule', 'signup.capacity.belowConfirmed', {
      field: 'capacity',
      params: { confirmed: shift.confirmed_count },
    })
  }
}

export function seatRules(options: SeatOptions = {}) {
  const promoteOn = options.promote !== false

  /** Takes a seat if there is one: the conditional UPDATE that makes overbooking impossible. */
  async function takeSeat(trx: Kysely<DB>, shiftId: number): Promise<boolean> {
    const result = await trx
      .updateTable('shift')
      .set((eb) => ({ confirmed_count: eb('confirmed_count', '+', 1) }))
      .where('id', '=', shiftId)
      .where((eb) => eb('confirmed_count', '<', eb.ref('capacity')))
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async function freeSeat(trx: Kysely<DB>, shiftId: number): Promise<void> {
    await trx
      .updateTable('shift')
      .set((eb) => ({ confirmed_count: eb('confirmed_count', '-', 1) }))
      .where('id', '=', shiftId)
      .where('confirmed_count', '>', 0)
      .execute()
  }

  async function nextWaitlistPosition(trx: Kysely<DB>, shiftId: number): Promise<number> {
    const row = await trx
      .selectFrom('signup')
      .select((eb) => eb.fn.max('waitlist_position').as('last'))
      .where('shift_id', '=', shiftId)
      .where('status', '=', 'waitlisted')
      .executeTakeFirst()
    return Number(row?.last ?? 0) + 1
  }

  async function insertSignup(
    trx: Kysely<DB>,
    values: { shiftId: number; volunteerId: number; status: 'confirmed' | 'waitlisted'; position: number | null },
    now: string,
    added: { by: number; reason: string } | null,
  ): Promise<number> {
    const row = await trx
      .insertInto('signup')
      .values({
        shift_id: values.shiftId,
        volunteer_id: values.volunteerId,
        status: values.status,
        waitlist_position: values.position,
        attendance: 'pending',
        checked_in_at: null,
        checked_out_at: null,
        service_minutes: null,
        hours_status: 'none',
        hours_override_reason: null,
        hours_approved_by: null,
        hours_approved_at: null,
        cancelled_at: null,
        cancel_reason: null,
        added_by: added?.by ?? null,
        added_reason: added?.reason ?? null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  /** A new sign-up on a locked shift: confirmed if a seat is free, else at the end of the waitlist. */
  async function place(
    trx: Kysely<DB>,
    shiftId: number,
    volunteerId: number,
    meta: RequestMeta,
    added: { by: number; reason: string } | null = null,
  ): Promise<PlacedSignup> {
    const confirmed = await takeSeat(trx, shiftId)
    const position = confirmed ? null : await nextWaitlistPosition(trx, shiftId)
    const status = confirmed ? 'confirmed' : 'waitlisted'
    const id = await insertSignup(trx, { shiftId, volunteerId, status, position }, meta.now.toISOString(), added)
    return { id, status, waitlistPosition: position }
  }

  /**
   * Moves waitlisted volunteers, first in line first, into free seats (while the
   * shift is open and has not started), and tells each by mail. Returns their sign-up ids.
   */
  async function promote(trx: Kysely<DB>, shiftId: number, meta: RequestMeta): Promise<number[]> {
    if (!promoteOn) return []
    const shift = await trx
      .selectFrom('shift')
      .select(['starts_at', 'status'])
      .where('id', '=', shiftId)
      .executeTakeFirst()
    if (!shift || shift.status !== 'open' || Date.parse(shift.starts_at) <= meta.now.getTime()) return []
    const promoted: number[] = []
    for (;;) {
      const next = await trx
        .selectFrom('signup')
        .select(['id', 'volunteer_id'])
        .where('shift_id', '=', shiftId)
        .where('status', '=', 'waitlisted')
        .orderBy('waitlist_position')
        .limit(1)
        .executeTakeFirst()
      if (!next || !(await takeSeat(trx, shiftId))) break
      await trx
        .updateTable('signup')
        .set({ status: 'confirmed', waitlist_position: null, updated_at: meta.now.toISOString() })
        .where('id', '=', next.id)
        .execute()
      promoted.push(next.id)
      const to = await loadRecipient(trx, next.volunteer_id)
      if (to) await enqueueConfirmation(trx, 'waitlist-promoted', shiftId, to, next.id, meta)
    }
    return promoted
  }

  /**
   * Cancels a sign-up: withdraws its open offer, drops its pending reminder, and,
   * if it held a seat, frees it and promotes from the waitlist (unless `refill` is false,
   * when the caller promotes once after several releases).
   */
  async function release(
    trx: Kysely<DB>,
    signup: { id: number; shift_id: number; status: string },
    reason: ReleaseReason,
    meta: RequestMeta,
    refill = true,
  ): Promise<number[]> {
    const now = meta.now.toISOString()
    await trx
      .updateTable('signup')
      .set({ status: 'cancelled', waitlist_position: null, cancelled_at: now, cancel_reason: reason, updated_at: now })
      .where('id', '=', signup.id)
      .execute()
    await trx
      .updateTable('signup_offer')
      .set({ status: 'withdrawn', updated_at: now })
      .where('signup_id', '=', signup.id)
      .where('status', '=', 'open')
      .execute()
    await forgetPendingReminders(trx, [signup.id])
    if (signup.status !== 'confirmed') return []
    await freeSeat(trx, signup.shift_id)
    return refill ? promote(trx, signup.shift_id, meta) : []
  }

  /**
   * An offered place changes hands: the giver's sign-up is cancelled (`offered`)
   * and the taker confirmed in the same seat (their waitlisted sign-up, if any,
   * leaves the queue), so the count does not change.
   */
  async function handOver(
    trx: Kysely<DB>,
    giverSignupId: number,
    taker: { shiftId: number; volunteerId: number; waitingSignupId: number | null },
    meta: RequestMeta,
  ): Promise<number> {
    const now = meta.now.toISOString()
    await trx
      .updateTable('signup')
      .set({ status: 'cancelled', cancelled_at: now, cancel_reason: 'offered', updated_at: now })
      .where('id', '=', giverSignupId)
      .execute()
    await forgetPendingReminders(trx, [giverSignupId])
    if (taker.waitingSignupId === null) {
      return insertSignup(
        trx,
        { shiftId: taker.shiftId, volunteerId: taker.volunteerId, status: 'confirmed', position: null },
        now,
        null,
      )
    }
    await trx
      .updateTable('signup')
      .set({ status: 'confirmed', waitlist_position: null, updated_at: now })
      .where('id', '=', taker.waitingSignupId)
      .execute()
    return taker.waitingSignupId
  }

  /** Sets a locked shift's capacity (refused below the confirmed count); added seats go to the waitlist. */
  async function setCapacity(
    trx: Kysely<DB>,
    shift: { id: number; capacity: number; confirmed_count: number },
    capacity: number,
    meta: RequestMeta,
  ): Promise<number[]> {
    checkCapacity(shift, capacity)
    if (capacity === shift.capacity) return []
    await trx
      .updateTable('shift')
      .set({ capacity, updated_at: meta.now.toISOString() })
      .where('id', '=', shift.id)
      .execute()
    return capacity > shift.capacity ? promote(trx, shift.id, meta) : []
  }

  /**
   * After an edit of a locked shift: moves out (with a 'signup-released' mail)
   * every volunteer who no longer meets its requirements (`requirements`) or whose
   * moved time now overlaps another of their active sign-ups (`time`). Does not
   * refill: the caller mails the change to those who stay, then calls promote.
   */
  async function releaseUnfit(
    trx: Kysely<DB>,
    shiftId: number,
    check: { requirements: boolean; time: boolean },
    meta: RequestMeta,
  ): Promise<number[]> {
    if (!check.requirements && !check.time) return []
    const shift = await trx.selectFrom('shift').selectAll().where('id', '=', shiftId).executeTakeFirstOrThrow()
    if (shift.status !== 'open' || Date.parse(shift.starts_at) <= meta.now.getTime()) return []
    const signups = await trx
      .selectFrom('signup')
      .leftJoin('volunteer_profile as vp', 'vp.account_id', 'signup.volunteer_id')
      .select(['signup.id', 'signup.shift_id', 'signup.status', 'signup.volunteer_id', 'vp.birth_date', 'vp.skills'])
      .where('signup.shift_id', '=', shiftId)
      .where('signup.status', 'in', ACTIVE_SIGNUP_STATUSES)
      .orderBy('signup.id')
      .execute()
    if (signups.length === 0) return []
    const ids = signups.map((s) => s.volunteer_id)
    const trainings = check.requirements
      ? await trx
          .selectFrom('training_completion')
          .select(['account_id', 'training_id'])
          .where('account_id', 'in', ids)
          .execute()
      : []
    const clashes = check.time
      ? await trx
          .selectFrom('signup')
          .innerJoin('shift as other', 'other.id', 'signup.shift_id')
          .select('signup.volunteer_id')
          .where('signup.volunteer_id', 'in', ids)
          .where('signup.shift_id', '<>', shiftId)
          .where('signup.status', 'in', ACTIVE_SIGNUP_STATUSES)
          .where('other.status', '=', 'open')
          .where('other.starts_at', '<', shift.ends_at)
          .where('other.ends_at', '>', shift.starts_at)
          .execute()
      : []
    const insured = { ...shift, requires_insurance: await activityRequiresInsurance(trx, shift.activity_id) }
    const cover = check.requirements ? await loadInsuranceCover(trx, ids) : new Map<number, InsuranceCover[]>()
    const released: number[] = []
    for (const s of signups) {
      const fits = meetsRequirements(insured, {
        birthDate: s.birth_date ?? null,
        skills: parseSkills(s.skills),
        completedTrainingIds: trainings.filter((t) => t.account_id === s.volunteer_id).map((t) => t.training_id),
        insuranceCover: cover.get(s.volunteer_id) ?? [],
      }).all
      const reason =
        check.requirements && !fits
          ? 'requirements'
          : clashes.some((c) => c.volunteer_id === s.volunteer_id)
            ? 'overlap'
            : null
      if (reason === null) continue
      await release(trx, s, reason, meta, false)
      released.push(s.id)
      const to = await loadRecipient(trx, s.volunteer_id)
      if (!to) continue
      const info = await loadShiftMailInfo(trx, shiftId)
      await enqueueEmail(
        trx,
        {
          dedupeKey: `signup-released:${s.id}`,
          template: 'signup-released',
          to: to.email,
          toAccountId: to.id,
          locale: to.locale,
          messageIdDomain: messageIdDomainOf(meta.appOrigin),
          payload: { ...shiftFields(info, to, meta.appOrigin), reason },
        },
        meta.now,
      )
    }
    return released
  }

  /**
   * Gives up an account's places on shifts that have not started (deleted or
   * deactivated): each freed seat goes to the next in line. Past sign-ups (the
   * work done) stay. Locks each shift, in id order.
   */
  async function releaseFutureSignupsOf(
    trx: Kysely<DB>,
    accountId: number,
    reason: 'account_deleted' | 'account_deactivated',
    meta: RequestMeta,
  ): Promise<number[]> {
    const future = await trx
      .selectFrom('signup')
      .innerJoin('shift', 'shift.id', 'signup.shift_id')
      .select('signup.shift_id')
      .where('signup.volunteer_id', '=', accountId)
      .where('signup.status', 'in', ACTIVE_SIGNUP_STATUSES)
      .where('shift.starts_at', '>', meta.now.toISOString())
      .orderBy('signup.shift_id')
      .execute()
    const promoted: number[] = []
    for (const { shift_id } of future) {
      await lockShift(trx, shift_id)
      const signup = await forUpdate(
        trx,
        trx
          .selectFrom('signup')
          .select(['id', 'shift_id', 'status'])
          .where('shift_id', '=', shift_id)
          .where('volunteer_id', '=', accountId)
          .where('status', 'in', ACTIVE_SIGNUP_STATUSES),
      ).executeTakeFirst()
      if (signup) promoted.push(...(await release(trx, signup, reason, meta)))
    }
    return promoted
  }

  return { place, promote, release, handOver, setCapacity, releaseUnfit, releaseFutureSignupsOf }
}

export type SeatRules = ReturnType<typeof seatRules>

export const seats: SeatRules = seatRules()
