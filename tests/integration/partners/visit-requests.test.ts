/**
 * Visit requests over HTTP: the contact asks, the coordinator proposes a date,
 * then accepts and plans it as a visit (an activity at the partner, linked to
 * the request; racing clicks plan one), the contact sees it, and after it
 * happened leaves feedback once, which staff see.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import { activeCoordinatorEmails, idFromLocation, partnerWorld, type PartnerWorld } from './helpers'

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

describeEachDialect('visit requests', (dialect) => {
  let app: TestApp
  let w: PartnerWorld
  beforeAll(async () => {
    app = await startTestApp(dialect)
    w = await partnerWorld(app)
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  const ask = (extra: Record<string, string> = {}) =>
    w.a.post('/partner/visit-requests/new', {
      kind: 'lecture',
      topic: '科普讲座：星空',
      preferredDates: inDays(10),
      audience: '六年级',
      expectedParticipants: '150',
      needs: 'projector',
      ...extra,
    })

  it('refuses past dates and silly numbers', async () => {
    expect((await ask({ preferredDates: '2020-01-01' })).status).toBe(400)
    expect((await ask({ expectedParticipants: '99999' })).status).toBe(400)
    expect((await ask({ preferredDates: '' })).status).toBe(400)
  })

  it('goes from request to a planned visit linked to it, seen by the contact, then feedback', async () => {
    await app.deliverMail()
    const id = idFromLocation(await ask())
    const asked = await app.deliverMail()
    expect(asked.filter((m) => m.to === w.contactA.email).map((m) => m.subject)).toEqual([
      expect.stringContaining('已收到您的活动邀请'),
    ])
    const toAnswer = asked.filter((m) => m.to !== w.contactA.email)
    expect(toAnswer.map((m) => m.to).sort()).toEqual(await activeCoordinatorEmails(app.database.db))
    for (const mail of toAnswer) {
      expect(mail.subject).toContain('新的活动邀请待答复')
      expect(mail.text).toContain(`/staff/visit-requests/${id}`)
    }

    const propose = await w.coordinator.post(`/staff/visit-requests/${id}`, {
      intent: 'propose',
      day: inDays(12),
      note: '改在周四',
    })
    expect(propose.status).toBe(302)
    const proposal = await app.deliverMail()
    expect(proposal[0]!.subject).toContain('日期建议')
    expect(await (await w.a.get(`/partner/visit-requests/${id}`)).text()).toContain(inDays(12))

    const plan = { intent: 'plan', title: '星空科普讲座', day: inDays(12), startTime: '14:00', endTime: '15:30' }
    const [one, two] = await Promise.all([
      w.coordinator.post(`/staff/visit-requests/${id}`, plan),
      w.coordinator2.post(`/staff/visit-requests/${id}`, plan),
    ])
    expect([one.status, two.status].sort()).toEqual([302, 409])
    const db = app.database.db
    const request = await db.selectFrom('visit_request').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(request.status).toBe('scheduled')
    const activities = await db
      .selectFrom('activity')
      .selectAll()
      .where('partner_organisation_id', '=', w.orgA)
      .execute()
    expect(activities).toHaveLength(1)
    expect(activities[0]!.id).toBe(request.activity_id)
    expect(activities[0]!.status).toBe('planned')
    // The request's topic is the visit's purpose, shown to the team and the contact.
    expect(activities[0]!.purpose).toBe('科普讲座：星空')
    expect(activities[0]!.starts_at).toBe(new Date(`${inDays(12)}T14:00:00+08:00`).toISOString())
    expect((await app.deliverMail()).map((m) => m.subject)).toEqual([expect.stringContaining('活动已排期')])

    const portal = await (await w.a.get('/partner')).text()
    expect(portal).toContain('星空科普讲座')
    expect(portal).toContain('科普讲座：星空')

    // No feedback before it happened.
    expect((await w.a.post(`/partner/visit-requests/${id}`, { intent: 'feedback', rating: '5' })).status).toBe(409)
    await db
      .updateTable('activity')
      .set({ status: 'completed', participant_count: 148 })
      .where('id', '=', request.activity_id!)
      .execute()
    expect(await (await w.a.get(`/partner/visit-requests/${id}`)).text()).toContain('148')
    expect((await w.a.post(`/partner/visit-requests/${id}`, { intent: 'feedback', rating: '9' })).status).toBe(400)
    expect(
      (await w.a.post(`/partner/visit-requests/${id}`, { intent: 'feedback', rating: '5', comment: '孩子们很喜欢' }))
        .status,
    ).toBe(302)
    expect((await w.a.post(`/partner/visit-requests/${id}`, { intent: 'feedback', rating: '1' })).status).toBe(409)
    const staffPage = await (await w.coordinator.get(`/staff/visit-requests/${id}`)).text()
    expect(staffPage).toContain('孩子们很喜欢')
  })

  it('declines with a reason the contact sees', async () => {
    const id = idFromLocation(await ask())
    expect((await w.coordinator.post(`/staff/visit-requests/${id}`, { intent: 'decline', reason: '' })).status).toBe(
      400,
    )
    expect(
      (await w.coordinator.post(`/staff/visit-requests/${id}`, { intent: 'decline', reason: '该时段已排满' })).status,
    ).toBe(302)
    expect(await (await w.a.get(`/partner/visit-requests/${id}`)).text()).toContain('该时段已排满')
    expect((await w.a.post(`/partner/visit-requests/${id}`, { intent: 'withdraw' })).status).toBe(409)
  })
})
