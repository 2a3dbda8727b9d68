/**
 * Every way a seat is freed or added, through the real routes over HTTP, on
 * both databases: the first waitlisted volunteer is promoted and mailed, a
 * later newcomer queues behind them, and the stored count equals the rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD, sessionClient } from '../accounts/helpers'
import { startTestApp, type CapturedMail, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import type { HttpClient } from '../../support/http-client'
import { makeSeries, makeShift, makeStaff, makeVolunteer, signUpFor, type Person } from '../../factories'
import { seatViolations, statusOf } from './invariants'

const hhmm = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16)

describeEachDialect('seats over HTTP', (dialect) => {
  let app: TestApp
  let coordinator: Person
  let coordinatorClient: HttpClient
  const db = () => app.database.db

  beforeAll(async () => {
    app = await startTestApp(dialect)
    coordinator = await makeStaff(db())
    coordinatorClient = await sessionClient(app, coordinator.account)
  }, 60_000)

  afterAll(async () => {
    await app?.close()
  })

  const clientOf = (p: Person) => sessionClient(app, p.account)

  async function signUpOverHttp(p: Person, shiftId: number) {
    const response = await (await clientOf(p)).post(`/shifts/${shiftId}`, { intent: 'signup' })
    expect(response.status, 'sign-up answered').toBeLessThan(400)
  }

  /** A full one-seat shift: `holder` confirmed, `first` then `second` waiting; the outbox emptied. */
  async function fullShift(spec: Parameters<typeof makeShift>[2] = {}) {
    const shiftId = await makeShift(db(), coordinator.actor, spec)
    const [holder, first, second] = [await makeVolunteer(db()), await makeVolunteer(db()), await makeVolunteer(db())]
    for (const p of [holder, first, second]) await signUpOverHttp(p, shiftId)
    expect(await statusOf(db(), shiftId, holder.account.id)).toBe('confirmed')
    expect(await statusOf(db(), shiftId, first.account.id)).toBe('waitlisted')
    await app.deliverMail()
    return { shiftId, holder: holder!, first: first!, second: second! }
  }

  /** First in line got the seat and the promotion mail; second still waits; a newcomer queues behind; count = rows. */
  async function expectFirstPromoted(shiftId: number, first: Person, second: Person, earlier: CapturedMail[] = []) {
    const mail = [...earlier, ...(await app.deliverMail())]
    expect(await statusOf(db(), shiftId, first.account.id)).toBe('confirmed')
    expect(mail.some((m) => m.to === first.account.email && m.subject.includes('候补成功'))).toBe(true)
    expect(mail.some((m) => m.to === second.account.email && m.subject.includes('候补成功'))).toBe(false)
    expect(await seatViolations(db(), shiftId)).toEqual([])
    const newcomer = await makeVolunteer(db())
    await signUpOverHttp(newcomer, shiftId)
    expect(await statusOf(db(), shiftId, newcomer.account.id)).toBe('waitlisted')
    expect(await seatViolations(db(), shiftId)).toEqual([])
  }

  async function editFields(shiftId: number, overrides: Record<string, string> = {}) {
    const s = await db().selectFrom('shift').selectAll().where('id', '=', shiftId).executeTakeFirstOrThrow()
    return {
      intent: 'edit',
      scope: 'one',
      startTime: hhmm(s.starts_at),
      endTime: hhmm(s.ends_at),
      siteId: String(s.site_id),
      capacity: String(s.capacity),
      minAge: s.min_age === null ? '' : String(s.min_age),
      requiredSkill: s.required_skill ?? '',
      cancelCutoffHours: String(s.cancel_cutoff_hours),
      ...overrides,
    }
  }

  async function postEdit(shiftId: number, fields: Record<string, string>) {
    const response = await coordinatorClient.post(`/staff/shifts/${shiftId}/edit`, fields)
    expect(
      response.status,
      await response
        .clone()
        .text()
        .then((t) => t.slice(0, 300)),
    ).toBeLessThan(400)
  }

  it('cancel by the volunteer', async () => {
    const { shiftId, holder, first, second } = await fullShift()
    const signup = await db()
      .selectFrom('signup')
      .select('id')
      .where('volunteer_id', '=', holder.account.id)
      .executeTakeFirstOrThrow()
    expect(
      (await (await clientOf(holder)).post(`/shifts/${shiftId}`, { intent: 'cancel', signupId: String(signup.id) }))
        .status,
    ).toBeLessThan(400)
    await expectFirstPromoted(shiftId, first, second)
  })

  it('a place taken from an offer: the seat changes hands, the rest of the queue keeps its order', async () => {
    const { shiftId, holder, first, second } = await fullShift()
    const signup = await db()
      .selectFrom('signup')
      .select('id')
      .where('volunteer_id', '=', holder.account.id)
      .executeTakeFirstOrThrow()
    await (await clientOf(holder)).post(`/shifts/${shiftId}`, { intent: 'offer', signupId: String(signup.id) })
    const offer = await db()
      .selectFrom('signup_offer')
      .select('id')
      .where('signup_id', '=', signup.id)
      .executeTakeFirstOrThrow()
    await app.deliverMail()
    // The second in line takes it: the first keeps their place at the head of the queue.
    expect(
      (await (await clientOf(second)).post(`/shifts/${shiftId}`, { intent: 'take', offerId: String(offer.id) })).status,
    ).toBeLessThan(400)
    expect(await statusOf(db(), shiftId, second.account.id)).toBe('confirmed')
    expect(await statusOf(db(), shiftId, holder.account.id)).toBe('cancelled')
    expect(await statusOf(db(), shiftId, first.account.id)).toBe('waitlisted')
    expect(await seatViolations(db(), shiftId)).toEqual([])
    // Then the taker cancels: the first in line, not a newcomer, gets the seat.
    const taken = await db()
      .selectFrom('signup')
      .select('id')
      .where('volunteer_id', '=', second.account.id)
      .where('status', '=', 'confirmed')
      .executeTakeFirstOrThrow()
    await (await clientOf(second)).post(`/shifts/${shiftId}`, { intent: 'cancel', signupId: String(taken.id) })
    await expectFirstPromoted(shiftId, first, holder)
  })

  it('a coordinator removes the holder', async () => {
    const { shiftId, holder, first, second } = await fullShift()
    const signup = await db()
      .selectFrom('signup')
      .select('id')
      .where('volunteer_id', '=', holder.account.id)
      .executeTakeFirstOrThrow()
    const response = await coordinatorClient.post(`/staff/shifts/${shiftId}`, {
      intent: 'remove',
      signupId: String(signup.id),
      reason: '临时有事',
    })
    expect(response.status).toBeLessThan(400)
    await expectFirstPromoted(shiftId, first, second)
  })

  it('capacity raised 1 → 2 with the edit form of one shift', async () => {
    const { shiftId, first, second } = await fullShift()
    await postEdit(shiftId, await editFields(shiftId, { capacity: '2' }))
    await expectFirstPromoted(shiftId, first, second)
  })

  it('capacity below the confirmed count: refused with the translated message, nothing changes', async () => {
    const shiftId = await makeShift(db(), coordinator.actor, { capacity: 2 })
    for (let i = 0; i < 3; i++) await signUpOverHttp(await makeVolunteer(db()), shiftId)
    const response = await coordinatorClient.post(
      `/staff/shifts/${shiftId}/edit`,
      await editFields(shiftId, { capacity: '1' }),
    )
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('名额不能少于已确认的 2 人')
    expect(
      (await db().selectFrom('shift').select('capacity').where('id', '=', shiftId).executeTakeFirstOrThrow()).capacity,
    ).toBe(2)
    expect(await seatViolations(db(), shiftId)).toEqual([])
  })

  it('capacity raised on all future shifts of a series ("this and all future")', async () => {
    const { shiftIds } = await makeSeries(db(), coordinator.actor, { weeks: 3, capacity: 1 })
    const [holder, first, second] = [await makeVolunteer(db()), await makeVolunteer(db()), await makeVolunteer(db())]
    for (const id of shiftIds) for (const p of [holder, first, second]) await signUpFor(db(), p, id)
    await app.deliverMail()
    await postEdit(shiftIds[1]!, await editFields(shiftIds[1]!, { scope: 'future', capacity: '2' }))
    // The earlier occurrence is left alone; each later one promotes its first in line.
    expect(await statusOf(db(), shiftIds[0]!, first.account.id)).toBe('waitlisted')
    const mail = await app.deliverMail()
    expect(mail.filter((m) => m.to === first.account.email && m.subject.includes('候补成功'))).toHaveLength(2)
    for (const id of shiftIds.slice(1)) {
      expect(await statusOf(db(), id, first.account.id)).toBe('confirmed')
      expect(await statusOf(db(), id, second.account.id)).toBe('waitlisted')
      expect(await seatViolations(db(), id)).toEqual([])
    }
    for (const id of shiftIds) expect(await seatViolations(db(), id)).toEqual([])
  })

  it('shift moved onto another of the holder’s shifts: they are moved out with a mail, the first in line gets the seat', async () => {
    const { shiftId, holder, first, second } = await fullShift({ daysAhead: 12 })
    const other = await makeShift(db(), coordinator.actor, {
      daysAhead: 12,
      startTime: '14:00',
      endTime: '16:00',
      capacity: 5,
    })
    await signUpFor(db(), holder, other)
    await app.deliverMail()
    await postEdit(shiftId, await editFields(shiftId, { startTime: '13:00', endTime: '15:00' }))
    expect(await statusOf(db(), shiftId, holder.account.id)).toBe('cancelled')
    expect(await statusOf(db(), other, holder.account.id)).toBe('confirmed')
    const reason = await db()
      .selectFrom('signup')
      .select('cancel_reason')
      .where('shift_id', '=', shiftId)
      .where('volunteer_id', '=', holder.account.id)
      .executeTakeFirstOrThrow()
    expect(reason.cancel_reason).toBe('overlap')
    const mail = await app.deliverMail()
    expect(mail.some((m) => m.to === holder.account.email && m.subject.includes('您已不在岗位名单中'))).toBe(true)
    // Those who stay hear of the change.
    expect(mail.some((m) => m.to === second.account.email && m.subject.includes('岗位有变动'))).toBe(true)
    await expectFirstPromoted(shiftId, first, second, mail)
  })

  it('shift cancelled: sign-ups are kept as the record of who was told, nobody is promoted, nobody new gets in', async () => {
    const { shiftId, holder, first } = await fullShift()
    const response = await coordinatorClient.post(`/staff/shifts/${shiftId}/edit`, { intent: 'cancel', reason: '闭馆' })
    expect(response.status).toBeLessThan(400)
    expect(await statusOf(db(), shiftId, holder.account.id)).toBe('confirmed')
    expect(await statusOf(db(), shiftId, first.account.id)).toBe('waitlisted')
    const mail = await app.deliverMail()
    expect(mail.filter((m) => m.subject.includes('岗位已取消'))).toHaveLength(3)
    const newcomer = await makeVolunteer(db())
    await (await clientOf(newcomer)).post(`/shifts/${shiftId}`, { intent: 'signup' })
    expect(await statusOf(db(), shiftId, newcomer.account.id)).toBeNull()
    expect(await seatViolations(db(), shiftId)).toEqual([])
  })

  it('account deleted via /me/privacy', async () => {
    const { shiftId, holder, first, second } = await fullShift()
    const response = await (await clientOf(holder)).post('/me/privacy', { password: PASSWORD, confirm: 'on' })
    expect(response.status).toBeLessThan(400)
    expect(await statusOf(db(), shiftId, holder.account.id)).toBe('cancelled')
    await expectFirstPromoted(shiftId, first, second)
  })

  it('account deactivated by an admin', async () => {
    const { shiftId, holder, first, second } = await fullShift()
    const admin = await makeStaff(db(), 'admin')
    const response = await (
      await sessionClient(app, admin.account)
    ).post('/admin/accounts', {
      intent: 'status',
      accountId: String(holder.account.id),
      status: 'deactivated',
    })
    expect(response.status).toBeLessThan(400)
    expect(await statusOf(db(), shiftId, holder.account.id)).toBe('cancelled')
    await expectFirstPromoted(shiftId, first, second)
  })

  describe('a requirement changed by the edit form', () => {
    it('moves out, with a mail, whoever no longer meets it; the first who does is promoted', async () => {
      const shiftId = await makeShift(db(), coordinator.actor, { capacity: 1 })
      const holder = await makeVolunteer(db(), { skills: ['绘本'] })
      const first = await makeVolunteer(db(), { skills: ['  Sign Language '] })
      const second = await makeVolunteer(db(), { skills: ['sign language'] })
      for (const p of [holder, first, second]) await signUpOverHttp(p, shiftId)
      await app.deliverMail()
      await postEdit(shiftId, await editFields(shiftId, { requiredSkill: 'Sign language' }))
      expect(await statusOf(db(), shiftId, holder.account.id)).toBe('cancelled')
      const mail = await app.deliverMail()
      expect(mail.some((m) => m.to === holder.account.email && m.text.includes('不符合'))).toBe(true)
      // The newcomer must meet the requirement to queue at all.
      await expectFirstPromotedWithSkill(shiftId, first, second, mail)
    })
  })

  async function expectFirstPromotedWithSkill(shiftId: number, first: Person, second: Person, earlier: CapturedMail[]) {
    const mail = [...earlier, ...(await app.deliverMail())]
    expect(await statusOf(db(), shiftId, first.account.id)).toBe('confirmed')
    expect(mail.some((m) => m.to === first.account.email && m.subject.includes('候补成功'))).toBe(true)
    expect(await statusOf(db(), shiftId, second.account.id)).toBe('waitlisted')
    const newcomer = await makeVolunteer(db(), { skills: ['SIGN LANGUAGE'] })
    await signUpOverHttp(newcomer, shiftId)
    expect(await statusOf(db(), shiftId, newcomer.account.id)).toBe('waitlisted')
    expect(await seatViolations(db(), shiftId)).toEqual([])
  }
})
