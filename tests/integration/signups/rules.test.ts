/** The rules the server enforces, on both databases: eligibility, cut-off, waitlist promotion, offers, capacity, who may do what. */
import { describe, expect, it } from 'vitest'
import { DomainError } from '~/domain/errors'
import { loadEligibility } from '~/domain/signups/eligibility.server'
import { addToShift, changeCapacity, removeFromShift } from '~/domain/signups/staff-actions.server'
import { cancelSignup } from '~/domain/signups/cancel.server'
import { listMyShifts } from '~/domain/signups/my-shifts.server'
import { offerPlace, takeOffer, withdrawOffer } from '~/domain/signups/offers.server'
import { signUp } from '~/domain/signups/sign-up.server'
import { describeEachDialect, useTestDatabase } from '../../support/databases'
import {
  HOUR,
  createShift,
  createStaff,
  createVolunteer,
  createVolunteers,
  expectInvariants,
  meta,
  outboxFor,
} from './helpers'

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DomainError)
  return error as DomainError
}

describeEachDialect('sign-up rules', (dialect) => {
  const database = useTestDatabase(dialect)

  it('refuses an overlapping shift, naming the other shift’s place, and allows a touching one', async () => {
    const { db } = database()
    const { actor } = await createVolunteer(db)
    const start = new Date(Date.now() + 5 * 24 * HOUR)
    const a = await createShift(db, { startsAt: start, hours: 3 })
    const b = await createShift(db, { startsAt: new Date(start.getTime() + 2 * HOUR), hours: 3 })
    const c = await createShift(db, { startsAt: new Date(start.getTime() + 3 * HOUR), hours: 1 })
    await signUp(db, actor, a, meta())
    const error = await refusal(signUp(db, actor, b, meta()))
    expect(error.code).toBe('signup.reason.overlap')
    expect(error.options.params?.place).toMatch(/鼓楼图书馆/)
    expect(error.options.params?.startsAt).toBe(start.toISOString())
    expect((await signUp(db, actor, c, meta())).status).toBe('confirmed')
    const map = await loadEligibility(db, actor, [a, b, c], new Date())
    expect(map.get(b)!.reasons.map((r) => r.code)).toEqual(['signup.reason.overlap'])
    expect(map.get(a)!.existingSignup).not.toBeNull()
  })

  it('enforces the window, verification and requirements on the server', async () => {
    const { db } = database()
    const training = await db
      .insertInto('training')
      .values({ name: `导读培训 ${dialect}`, description: null, created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow()
    const opensAt = new Date(Date.now() + 24 * HOUR)
    // On different days, so they do not overlap one another.
    const day = (n: number) => new Date(Date.now() + n * 24 * HOUR)
    const notYet = await createShift(db, { opensAt, startsAt: day(8) })
    const closed = await createShift(db, {
      closesAt: new Date(Date.now() - HOUR),
      opensAt: new Date(Date.now() - 2 * HOUR),
      startsAt: day(9),
    })
    const trained = await createShift(db, { requiredTrainingId: training.id, startsAt: day(10) })
    const skilled = await createShift(db, { requiredSkill: '手语', startsAt: day(11) })
    const adults = await createShift(db, { minAge: 18, startsAt: day(12) })
    const { actor } = await createVolunteer(db)
    const expectCode = async (shiftId: number, code: string) =>
      expect((await refusal(signUp(db, actor, shiftId, meta()))).code).toBe(code)
    await expectCode(notYet, 'signup.reason.windowNotOpen')
    expect((await refusal(signUp(db, actor, notYet, meta()))).options.params).toEqual({ date: opensAt.toISOString() })
    await expectCode(closed, 'signup.reason.windowClosed')
    await expectCode(trained, 'signup.reason.trainingRequired')
    await expectCode(skilled, 'signup.reason.skillRequired')

    const { actor: unverified } = await createVolunteer(db, { verified: false })
    expect((await refusal(signUp(db, unverified, adults, meta()))).code).toBe('signup.reason.emailNotVerified')
    const { actor: teen } = await createVolunteer(db, { birthDate: `${new Date().getFullYear() - 15}-01-01` })
    expect((await refusal(signUp(db, teen, adults, meta()))).code).toBe('signup.reason.tooYoung')
    const { actor: child } = await createVolunteer(db, { birthDate: `${new Date().getFullYear() - 10}-01-01` })
    expect((await refusal(signUp(db, child, skilled, meta()))).code).toBe('signup.reason.guardianConsentMissing')
    const { actor: coordinator } = await createStaff(db)
    expect((await refusal(signUp(db, coordinator, adults, meta()))).code).toBe('signup.reason.notVolunteer')

    // Meeting them works: the training done, the skill on the profile; the window opens later.
    await db
      .insertInto('training_completion')
      .values({
        account_id: actor.accountId,
        training_id: training.id,
        completed_on: '2026-01-01',
        recorded_by: null,
        created_at: new Date().toISOString(),
      })
      .execute()
    await db
      .updateTable('volunteer_profile')
      .set({ skills: '["手语"]' })
      .where('account_id', '=', actor.accountId)
      .execute()
    expect((await signUp(db, actor, trained, meta())).status).toBe('confirmed')
    expect((await signUp(db, actor, skilled, meta())).status).toBe('confirmed')
    expect((await signUp(db, actor, notYet, meta(new Date(opensAt.getTime() + 1)))).status).toBe('confirmed')
    // Nothing was written by the refusals.
    expect(
      (await db.selectFrom('signup').select('id').where('shift_id', 'in', [closed, adults]).execute()).length,
    ).toBe(0)
  })

  it('refuses a late cancellation with the contact’s name and phone; a waitlisted place may always go', async () => {
    const { db } = database()
    const { account: contact } = await createStaff(db, { name: '王老师', phone: '13912345678' })
    const shiftId = await createShift(db, {
      startsAt: new Date(Date.now() + 10 * HOUR),
      cutoffHours: 12,
      capacity: 1,
      contactAccountId: contact.id,
    })
    const [first, second] = await createVolunteers(db, 2)
    const mine = await signUp(db, first!, shiftId, meta())
    const waiting = await signUp(db, second!, shiftId, meta())
    const error = await refusal(cancelSignup(db, first!, mine.signupId, meta()))
    expect(error.code).toBe('signup.cancel.tooLate')
    expect(error.options.params).toEqual({ hours: 12, name: '王老师', phone: '13912345678' })
    expect((await cancelSignup(db, second!, waiting.signupId, meta())).cancelled).toBe(true)
    // Without a contact person: the coordinator in general.
    const other = await createShift(db, { startsAt: new Date(Date.now() + 2 * HOUR), cutoffHours: 3 })
    const s = await signUp(db, first!, other, meta())
    expect((await refusal(cancelSignup(db, first!, s.signupId, meta()))).code).toBe('signup.cancel.tooLateNoContact')
    // Someone else's sign-up is not found; staff may remove inside the cut-off, with a reason.
    expect((await refusal(cancelSignup(db, second!, mine.signupId, meta()))).status).toBe(404)
    const { actor: staff } = await createStaff(db)
    expect((await refusal(removeFromShift(db, staff, mine.signupId, ' ', meta()))).code).toBe(
      'signup.staff.reasonRequired',
    )
    expect((await refusal(removeFromShift(db, first!, mine.signupId, 'x', meta()))).status).toBe(403)
    expect((await removeFromShift(db, staff, mine.signupId, '生病', meta())).cancelled).toBe(true)
    await expectInvariants(db, shiftId)
  })

  it('a cancellation promotes the first waitlisted, tells them by mail, and drops the canceller’s pending reminder', async () => {
    const { db } = database()
    const shiftId = await createShift(db, { capacity: 2 })
    const [a, b, c, d] = await createVolunteers(db, 4)
    const ra = await signUp(db, a!, shiftId, meta())
    await signUp(db, b!, shiftId, meta())
    const rc = await signUp(db, c!, shiftId, meta())
    const rd = await signUp(db, d!, shiftId, meta())
    expect([rc.position, rd.position]).toEqual([1, 2])
    const result = await cancelSignup(db, a!, ra.signupId, meta())
    expect(result).toEqual({ signupId: ra.signupId, cancelled: true, promoted: [rc.signupId] })
    const { rows } = await expectInvariants(db, shiftId)
    expect(rows.find((r) => r.id === rc.signupId)!.status).toBe('confirmed')
    expect(rows.find((r) => r.id === rd.signupId)!.status).toBe('waitlisted')
    const promoted = (await outboxFor(db, 'waitlist-promoted')).filter((m) => m.to_account_id === c!.accountId)
    expect(promoted).toHaveLength(1)
    expect(JSON.parse(promoted[0]!.payload)).toMatchObject({ signupId: rc.signupId, shiftId })
    // D is now first in line.
    const mine = await listMyShifts(db, d!, new Date())
    expect(mine.upcoming.find((s) => s.shiftId === shiftId)).toMatchObject({ status: 'waitlisted', waitlistRank: 1 })
    // Cancelling again changes nothing.
    expect((await cancelSignup(db, a!, ra.signupId, meta())).cancelled).toBe(false)
    await expectInvariants(db, shiftId)
  })

  it('capacity: lowering below the confirmed is refused; raising promotes the waitlist in order', async () => {
    const { db } = database()
    const { actor: staff } = await createStaff(db)
    const shiftId = await createShift(db, { capacity: 2 })
    const vs = await createVolunteers(db, 5)
    const results = []
    for (const v of vs) results.push(await signUp(db, v, shiftId, meta()))
    expect((await refusal(changeCapacity(db, staff, shiftId, 1, meta()))).code).toBe('signup.capacity.belowConfirmed')
    expect((await refusal(changeCapacity(db, vs[0]!, shiftId, 9, meta()))).status).toBe(403)
    const raised = await changeCapacity(db, staff, shiftId, 4, meta())
    expect(raised.promoted).toEqual([results[2]!.signupId, results[3]!.signupId])
    await expectInvariants(db, shiftId)
    // A coordinator adds by hand: the seat is gone, so the waitlist, with who and why recorded.
    const { actor: extra } = await createVolunteer(db)
    const added = await addToShift(db, staff, shiftId, extra.accountId, '电话报名', meta())
    expect(added.status).toBe('waitlisted')
    const row = await db.selectFrom('signup').selectAll().where('id', '=', added.signupId).executeTakeFirstOrThrow()
    expect([row.added_by, row.added_reason]).toEqual([staff.accountId, '电话报名'])
    expect((await refusal(addToShift(db, staff, shiftId, extra.accountId, 'again', meta()))).status).toBe(409)
    await expectInvariants(db, shiftId)
  })

  it('offer → take: the first taker gets the place, the giver is released only then, the count is unchanged', async () => {
    const { db } = database()
    const shiftId = await createShift(db, { capacity: 1 })
    const [giver, waiting, other, late] = await createVolunteers(db, 4)
    const given = await signUp(db, giver!, shiftId, meta())
    const queued = await signUp(db, waiting!, shiftId, meta())
    expect((await refusal(offerPlace(db, waiting!, queued.signupId, meta()))).code).toBe('signup.offer.notConfirmed')
    const offer = await offerPlace(db, giver!, given.signupId, meta())
    expect(offer.created).toBe(true)
    expect((await offerPlace(db, giver!, given.signupId, meta())).offerId).toBe(offer.offerId)
    const told = (await outboxFor(db, 'place-offered')).filter((m) =>
      m.dedupe_key.startsWith(`place-offered:${offer.offerId}:`),
    )
    // The waitlisted volunteer is told first; the giver is not told.
    expect(told[0]!.to_account_id).toBe(waiting!.accountId)
    expect(told.map((m) => m.to_account_id)).toContain(other!.accountId)
    expect(told.map((m) => m.to_account_id)).not.toContain(giver!.accountId)
    expect(told.length).toBeLessThanOrEqual(50)
    // Still the giver's until taken.
    expect((await listMyShifts(db, giver!, new Date())).upcoming[0]).toMatchObject({
      status: 'confirmed',
      openOfferId: offer.offerId,
    })
    expect((await listMyShifts(db, other!, new Date())).availableOffers.map((o) => o.offerId)).toContain(offer.offerId)
    expect((await refusal(takeOffer(db, giver!, offer.offerId, meta()))).code).toBe('signup.offer.ownOffer')

    const [winner, loser] = await Promise.allSettled([
      takeOffer(db, other!, offer.offerId, meta()),
      takeOffer(db, late!, offer.offerId, meta()),
    ])
    expect(winner.status).toBe('fulfilled')
    expect(loser.status).toBe('rejected')
    expect(((loser as PromiseRejectedResult).reason as DomainError).code).toBe('signup.offer.gone')
    const { rows, shift } = await expectInvariants(db, shiftId)
    expect(shift.confirmed_count).toBe(1)
    expect(rows.find((r) => r.id === given.signupId)).toMatchObject({ status: 'cancelled', cancel_reason: 'offered' })
    const taker = rows.find((r) => r.volunteer_id === other!.accountId)!
    expect(taker.status).toBe('confirmed')
    expect(
      await db
        .selectFrom('signup_offer')
        .select(['status', 'taken_by_signup_id'])
        .where('id', '=', offer.offerId)
        .executeTakeFirst(),
    ).toEqual({
      status: 'taken',
      taken_by_signup_id: taker.id,
    })
    expect((await outboxFor(db, 'signup-confirmed')).filter((m) => m.to_account_id === other!.accountId)).toHaveLength(
      1,
    )
  })

  it('a waitlisted volunteer can take an offer; a withdrawn offer cannot be taken', async () => {
    const { db } = database()
    const shiftId = await createShift(db, { capacity: 1 })
    const [giver, waiting, other] = await createVolunteers(db, 3)
    const given = await signUp(db, giver!, shiftId, meta())
    const queued = await signUp(db, waiting!, shiftId, meta())
    const offer = await offerPlace(db, giver!, given.signupId, meta())
    await expect(withdrawOffer(db, other!, offer.offerId, meta())).rejects.toMatchObject({ status: 404 })
    await withdrawOffer(db, giver!, offer.offerId, meta())
    expect((await refusal(takeOffer(db, waiting!, offer.offerId, meta()))).code).toBe('signup.offer.gone')
    const again = await offerPlace(db, giver!, given.signupId, meta())
    expect((await takeOffer(db, waiting!, again.offerId, meta())).signupId).toBe(queued.signupId)
    const { rows } = await expectInvariants(db, shiftId)
    expect(rows.find((r) => r.id === queued.signupId)).toMatchObject({ status: 'confirmed', waitlist_position: null })
  })
})

describe('listMyShifts', () => {
  const database = useTestDatabase('sqlite')
  it('splits upcoming and past, with hours and their approval state', async () => {
    const { db } = database()
    const { actor } = await createVolunteer(db)
    const past = await createShift(db, { startsAt: new Date(Date.now() + HOUR) })
    const future = await createShift(db, { startsAt: new Date(Date.now() + 48 * HOUR) })
    const p = await signUp(db, actor, past, meta())
    await signUp(db, actor, future, meta())
    await db
      .updateTable('signup')
      .set({ attendance: 'attended', service_minutes: 180, hours_status: 'pending' })
      .where('id', '=', p.signupId)
      .execute()
    const later = new Date(Date.now() + 5 * HOUR)
    const mine = await listMyShifts(db, actor, later)
    expect(mine.upcoming.map((s) => s.shiftId)).toEqual([future])
    expect(mine.past).toEqual([
      expect.objectContaining({ shiftId: past, serviceMinutes: 180, hoursStatus: 'pending', attendance: 'attended' }),
    ])
  })
})
