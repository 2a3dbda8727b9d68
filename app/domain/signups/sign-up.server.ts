/**
 * A volunteer signs up: a confirmed place if a seat is free, else the waitlist.
 * The volunteer's account row is locked too, so two sign-ups of one person for
 * overlapping shifts cannot both pass the overlap check; the partial unique
 * index signup_one_active makes a double submission one sign-up.
 */
import type { Kysely } from 'kysely'
import { isUniqueViolation, writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import type { Actor } from '~/domain/actor'
import { DomainError, notFound } from '~/domain/errors'
import type { Reason } from './eligibility'
import { loadEligibility } from './eligibility.server'
import { enqueueConfirmation, enqueueWaitlisted, type Recipient } from './mail.server'
import { lockAccount, lockShiftRow, seats, waitlistRank, type PlacedSignup } from './seats.server'

/** A sign-up the rules refused; `reasons` lists every reason, the error's code is the first. */
export class SignupRefusedError extends DomainError {
  constructor(readonly reasons: Reason[]) {
    super('rule', reasons[0]?.code ?? 'signup.reason.notVolunteer', { params: reasons[0]?.params })
    this.name = 'SignupRefusedError'
  }
}

export interface SignUpResult {
  signupId: number
  status: 'confirmed' | 'waitlisted'
  /** Place in the waitlist now (1 = next in line), when waitlisted. */
  position?: number
  /** True when an active sign-up already existed (a double-submitted form): nothing changed. */
  alreadySignedUp: boolean
}

/** Mails a new sign-up (confirmed, or its waitlist rank) and answers with it. */
export async function answerNewSignup(
  trx: Kysely<DB>,
  signup: PlacedSignup,
  shiftId: number,
  to: Recipient,
  meta: RequestMeta,
): Promise<SignUpResult> {
  if (signup.status === 'confirmed') {
    await enqueueConfirmation(trx, 'signup-confirmed', shiftId, to, signup.id, meta)
    return { signupId: signup.id, status: 'confirmed', alreadySignedUp: false }
  }
  const position = await waitlistRank(trx, shiftId, signup.waitlistPosition!)
  await enqueueWaitlisted(trx, shiftId, to, signup.id, position, meta)
  return { signupId: signup.id, status: 'waitlisted', position, alreadySignedUp: false }
}

/**
 * Signs `actor` up for a shift. A second submission returns the existing
 * sign-up unchanged. Throws SignupRefusedError (kind `rule`) with every reason when not eligible.
 */
export async function signUp(db: Kysely<DB>, actor: Actor, shiftId: number, meta: RequestMeta): Promise<SignUpResult> {
  try {
    return await writeTransaction(db, async (trx) => {
      await lockShiftRow(trx, shiftId)
      await lockAccount(trx, actor.accountId)
      const eligibility = (await loadEligibility(trx, actor, [shiftId], meta.now)).get(shiftId)
      if (!eligibility) throw notFound('signup.shiftNotFound')
      const existing = eligibility.existingSignup
      if (existing) return existingResult(trx, existing.id)
      if (!eligibility.eligible) throw new SignupRefusedError(eligibility.reasons)

      const signup = await seats.place(trx, shiftId, actor.accountId, meta)
      const to: Recipient = { id: actor.accountId, name: actor.name, email: actor.email, locale: actor.locale }
      return answerNewSignup(trx, signup, shiftId, to, meta)
    })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    // The same form, submitted twice at once: the other submission's sign-up is the answer.
    const existing = await db
      .selectFrom('signup')
      .select('id')
      .where('shift_id', '=', shiftId)
      .where('volunteer_id', '=', actor.accountId)
      .where('status', '<>', 'cancelled')
      .executeTakeFirst()
    if (!existing) throw error
    return existingResult(db, existing.id)
  }
}

async function existingResult(db: Kysely<DB>, signupId: number): Promise<SignUpResult> {
  const row = await db
    .selectFrom('signup')
    .select(['id', 'shift_id', 'status', 'waitlist_position'])
    .where('id', '=', signupId)
    .executeTakeFirstOrThrow()
  if (row.status === 'waitlisted') {
    return {
      signupId: row.id,
      status: 'waitlisted',
      position: await waitlistRank(db, row.shift_id, row.waitlist_position!),
      alreadySignedUp: true,
    }
  }
  return { signupId: row.id, status: 'confirmed', alreadySignedUp: true }
}
