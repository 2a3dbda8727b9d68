/**
 * Offering a place: a confirmed volunteer who cannot come offers it and keeps
 * it until someone eligible takes it. The offer is a hand-over between two
 * people, not a freed seat: the shift's waitlist is told first, and whoever
 * accepts first gets the same seat (docs/decisions/0009-seats.md).
 */
import type { Kysely } from 'kysely'
import { forUpdate, writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import type { Actor } from '~/domain/actor'
import { DomainError, notFound } from '~/domain/errors'
import { enqueueEmail, messageIdDomainOf } from '~/domain/mail/outbox.server'
import { eligibleVolunteersForShift, loadEligibility } from './eligibility.server'
import { enqueueConfirmation, loadShiftMailInfo, shiftFields, type Recipient } from './mail.server'
import { lockAccount, lockOwnSignup, lockShift, lockSignup, seats } from './seats.server'
import { SignupRefusedError } from './sign-up.server'

/** How many "a place is offered" mails one offer may send. */
export const OFFER_NOTIFY_LIMIT = 50

export interface OfferResult {
  offerId: number
  /** False when an open offer for this sign-up already existed. */
  created: boolean
  /** How many volunteers were told. */
  notified: number
}

/**
 * Eligible volunteers are told by mail: the shift's waitlist first, then other
 * verified, eligible volunteers, at most OFFER_NOTIFY_LIMIT.
 */
export async function offerPlace(
  db: Kysely<DB>,
  actor: Actor,
  signupId: number,
  meta: RequestMeta,
): Promise<OfferResult> {
  return writeTransaction(db, async (trx) => {
    const { shift, signup } = await lockOwnSignup(trx, actor, signupId)
    if (!signup || signup.status !== 'confirmed') throw new DomainError('rule', 'signup.offer.notConfirmed')
    if (shift.status !== 'open') throw new DomainError('rule', 'signup.reason.shiftCancelled')
    if (Date.parse(shift.starts_at) <= meta.now.getTime()) throw new DomainError('rule', 'signup.reason.shiftStarted')

    const open = await trx
      .selectFrom('signup_offer')
      .select('id')
      .where('signup_id', '=', signupId)
      .where('status', '=', 'open')
      .executeTakeFirst()
    if (open) return { offerId: open.id, created: false, notified: 0 }

    const now = meta.now.toISOString()
    const offer = await trx
      .insertInto('signup_offer')
      .values({ signup_id: signupId, status: 'open', taken_by_signup_id: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()

    const candidates = await eligibleVolunteersForShift(trx, signup.shift_id, meta.now, {
      limit: OFFER_NOTIFY_LIMIT,
      excludeAccountIds: [actor.accountId],
    })
    const info = await loadShiftMailInfo(trx, signup.shift_id)
    for (const to of candidates) {
      await enqueueEmail(
        trx,
        {
          dedupeKey: `place-offered:${offer.id}:${to.id}`,
          template: 'place-offered',
          to: to.email,
          toAccountId: to.id,
          locale: to.locale,
          messageIdDomain: messageIdDomainOf(meta.appOrigin),
          payload: shiftFields(info, to, meta.appOrigin),
        },
        meta.now,
      )
    }
    return { offerId: offer.id, created: true, notified: candidates.length }
  })
}

/**
 * The first eligible volunteer to accept gets the place: in one transaction the
 * offer is taken and the seat handed over (seats.handOver).
 */
export async function takeOffer(
  db: Kysely<DB>,
  actor: Actor,
  offerId: number,
  meta: RequestMeta,
): Promise<{ signupId: number }> {
  return writeTransaction(db, async (trx) => {
    const first = await trx
      .selectFrom('signup_offer as o')
      .innerJoin('signup as giver', 'giver.id', 'o.signup_id')
      .select(['giver.shift_id', 'giver.volunteer_id', 'giver.id as giver_signup_id'])
      .where('o.id', '=', offerId)
      .executeTakeFirst()
    if (!first) throw notFound('signup.offer.gone')
    if (first.volunteer_id === actor.accountId) throw new DomainError('rule', 'signup.offer.ownOffer')
    await lockShift(trx, first.shift_id)
    await lockAccount(trx, actor.accountId)
    const offer = await forUpdate(
      trx,
      trx.selectFrom('signup_offer').select(['id', 'status']).where('id', '=', offerId),
    ).executeTakeFirst()
    const giver = await lockSignup(trx, first.giver_signup_id)
    if (!offer || offer.status !== 'open' || !giver || giver.status !== 'confirmed') {
      throw new DomainError('conflict', 'signup.offer.gone')
    }

    const eligibility = (await loadEligibility(trx, actor, [first.shift_id], meta.now, { purpose: 'offer' })).get(
      first.shift_id,
    )
    if (!eligibility) throw notFound('signup.shiftNotFound')
    if (eligibility.existingSignup?.status === 'confirmed')
      throw new DomainError('rule', 'signup.offer.alreadyConfirmed')
    if (!eligibility.eligible) throw new SignupRefusedError(eligibility.reasons)

    const takerSignupId = await seats.handOver(
      trx,
      giver.id,
      {
        shiftId: first.shift_id,
        volunteerId: actor.accountId,
        waitingSignupId: eligibility.existingSignup?.id ?? null,
      },
      meta,
    )
    const taken = await trx
      .updateTable('signup_offer')
      .set({ status: 'taken', taken_by_signup_id: takerSignupId, updated_at: meta.now.toISOString() })
      .where('id', '=', offerId)
      .where('status', '=', 'open')
      .executeTakeFirst()
    if (Number(taken.numUpdatedRows) !== 1) throw new DomainError('conflict', 'signup.offer.gone')

    const to: Recipient = { id: actor.accountId, name: actor.name, email: actor.email, locale: actor.locale }
    await enqueueConfirmation(trx, 'signup-confirmed', first.shift_id, to, takerSignupId, meta)
    return { signupId: takerSignupId }
  })
}

/** The giver takes their offer back (they never lost the place). */
export async function withdrawOffer(db: Kysely<DB>, actor: Actor, offerId: number, meta: RequestMeta): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const offer = await trx
      .selectFrom('signup_offer as o')
      .innerJoin('signup as giver', 'giver.id', 'o.signup_id')
      .select(['o.status', 'giver.volunteer_id'])
      .where('o.id', '=', offerId)
      .executeTakeFirst()
    if (!offer || offer.volunteer_id !== actor.accountId) throw notFound('signup.notFound')
    const result = await trx
      .updateTable('signup_offer')
      .set({ status: 'withdrawn', updated_at: meta.now.toISOString() })
      .where('id', '=', offerId)
      .where('status', '=', 'open')
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) throw new DomainError('conflict', 'signup.offer.gone')
  })
}
