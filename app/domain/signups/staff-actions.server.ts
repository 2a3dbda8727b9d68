/** The coordinator's hand on a shift's places: add or remove a volunteer, change the capacity. */
import type { Kysely } from 'kysely'
import { writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import type { Actor } from '~/domain/actor'
import { DomainError, forbidden, notFound } from '~/domain/errors'
import { isStaff } from '~/domain/policy'
import type { CancelResult } from './cancel.server'
import { lockShift, lockSignup, seats } from './seats.server'
import { answerNewSignup, type SignUpResult } from './sign-up.server'

function requireStaff(actor: Actor): void {
  if (!isStaff(actor)) throw forbidden()
}

function requireReason(reason: string): string {
  const trimmed = reason.trim()
  if (trimmed === '' || trimmed.length > 500)
    throw new DomainError('rule', 'signup.staff.reasonRequired', { field: 'reason' })
  return trimmed
}

/** A coordinator adds a volunteer by hand, with a reason: a free seat if any, else the waitlist. */
export async function addToShift(
  db: Kysely<DB>,
  staff: Actor,
  shiftId: number,
  volunteerId: number,
  reason: string,
  meta: RequestMeta,
): Promise<SignUpResult> {
  requireStaff(staff)
  const why = requireReason(reason)
  return writeTransaction(db, async (trx) => {
    const shift = await lockShift(trx, shiftId)
    if (shift.status !== 'open') throw new DomainError('rule', 'signup.reason.shiftCancelled')
    const volunteer = await trx
      .selectFrom('account')
      .select(['id', 'name', 'email', 'locale', 'role', 'status'])
      .where('id', '=', volunteerId)
      .executeTakeFirst()
    if (!volunteer || volunteer.role !== 'volunteer' || volunteer.status !== 'active') {
      throw new DomainError('rule', 'signup.staff.notAVolunteer', { field: 'volunteerId' })
    }
    const active = await trx
      .selectFrom('signup')
      .select('id')
      .where('shift_id', '=', shiftId)
      .where('volunteer_id', '=', volunteerId)
      .where('status', '<>', 'cancelled')
      .executeTakeFirst()
    if (active) throw new DomainError('conflict', 'signup.staff.alreadyOnShift', { field: 'volunteerId' })
    const signup = await seats.place(trx, shiftId, volunteerId, meta, { by: staff.accountId, reason: why })
    return answerNewSignup(trx, signup, shiftId, volunteer, meta)
  })
}

/** A coordinator takes a volunteer off a shift, with a reason; no cut-off applies. A freed seat is refilled. */
export async function removeFromShift(
  db: Kysely<DB>,
  staff: Actor,
  signupId: number,
  reason: string,
  meta: RequestMeta,
): Promise<CancelResult> {
  requireStaff(staff)
  const why = requireReason(reason)
  return writeTransaction(db, async (trx) => {
    const first = await trx.selectFrom('signup').select('shift_id').where('id', '=', signupId).executeTakeFirst()
    if (!first) throw notFound('signup.notFound')
    await lockShift(trx, first.shift_id)
    const signup = await lockSignup(trx, signupId)
    if (!signup) throw notFound('signup.notFound')
    if (signup.status === 'cancelled') return { signupId, cancelled: false, promoted: [] }
    const promoted = await seats.release(trx, signup, `staff: ${why}`, meta)
    return { signupId, cancelled: true, promoted }
  })
}

/**
 * A coordinator changes a shift's capacity. Below the confirmed count is
 * refused; more seats go to the waitlist in order, at once.
 */
export async function changeCapacity(
  db: Kysely<DB>,
  staff: Actor,
  shiftId: number,
  capacity: number,
  meta: RequestMeta,
): Promise<{ capacity: number; promoted: number[] }> {
  requireStaff(staff)
  return writeTransaction(db, async (trx) => {
    const shift = await lockShift(trx, shiftId)
    const promoted = await seats.setCapacity(trx, shift, capacity, meta)
    return { capacity, promoted }
  })
}
