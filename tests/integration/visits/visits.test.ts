/**
 * Outreach visits over real HTTP on both databases: a coordinator plans a visit
 * and its team, volunteers sign up through the normal rules (waitlist, insurance),
 * the team lead takes the roll and files the outcome, the coordinator corrects it;
 * mails go to the coordinator and the team; the partner contact sees the visit.
 * Role rules: a volunteer, another organisation's contact and another visit's
 * team lead are refused.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { shanghaiDay } from '~/lib/dates'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import type { HttpClient } from '../../support/http-client'
import {
  createAccount,
  createPartnerOrganisation,
  outboxPayloads,
  sessionClient,
  type TestAccount,
} from '../accounts/helpers'

const DAY_MS = 86_400_000
const dayFromNow = (days: number) => shanghaiDay(new Date(Date.now() + days * DAY_MS))

describeEachDialect('outreach visits over HTTP', (dialect) => {
  let app: TestApp
  let coordinator: HttpClient
  let otherCoordinator: TestAccount
  let partnerA: HttpClient
  let partnerB: HttpClient
  let homeId: number

  beforeAll(async () => {
    app = await startTestApp(dialect)
    const db = app.database.db
    homeId = await createPartnerOrganisation(db, '九里街道敬老院')
    const otherOrg = await createPartnerOrganisation(db, '鼓楼区实验小学')
    otherCoordinator = await createAccount(db, { role: 'coordinator' })
    coordinator = await sessionClient(app, await createAccount(db, { role: 'coordinator' }))
    partnerA = await sessionClient(
      app,
      await createAccount(db, { role: 'partner_contact', partnerOrganisationId: homeId }),
    )
    partnerB = await sessionClient(
      app,
      await createAccount(db, { role: 'partner_contact', partnerOrganisationId: otherOrg }),
    )
  }, 60_000)

  afterAll(async () => {
    await app?.close()
  })

  const db = () => app.database.db

  async function planVisit(overrides: Record<string, string> = {}): Promise<number> {
    const response = await coordinator.post('/staff/activities/new', {
      title: '我来读报给您听',
      type: 'special_care',
      mode: 'offline',
      partnerId: String(homeId),
      startDay: dayFromNow(4),
      startTime: '09:30',
      endTime: '11:30',
      coordinatorId: String(otherCoordinator.id),
      ...overrides,
    })
    expect(response.status, await response.clone().text()).toBe(302)
    return Number(/\/staff\/activities\/(\d+)$/.exec(response.headers.get('location') ?? '')![1])
  }

  async function addRole(visitId: number, teamRole: string, capacity = 1): Promise<number> {
    const response = await coordinator.post(`/staff/visits/${visitId}`, {
      intent: 'team',
      teamRole,
      capacity: String(capacity),
    })
    expect(response.status, await response.clone().text()).toBe(302)
    const row = await db()
      .selectFrom('shift')
      .select('id')
      .where('activity_id', '=', visitId)
      .where('team_role', '=', teamRole as 'team_lead')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    return row.id
  }

  const volunteer = async () => {
    const account = await createAccount(db())
    return { account, client: await sessionClient(app, account) }
  }

  /** Time passes: the visit and its team shifts happened from two hours ago to one hour ago. */
  async function moveIntoThePast(visitId: number) {
    const startsAt = new Date(Date.now() - 2 * 3_600_000).toISOString()
    const endsAt = new Date(Date.now() - 3_600_000).toISOString()
    await db().updateTable('activity').set({ starts_at: startsAt, ends_at: endsAt }).where('id', '=', visitId).execute()
    await db()
      .updateTable('shift')
      .set({ starts_at: startsAt, ends_at: endsAt })
      .where('activity_id', '=', visitId)
      .execute()
  }

  it('runs a visit from plan to team, roll call, outcome and correction, with mails and the partner’s view', async () => {
    const visitId = await planVisit()
    // The activity's own page leads to the visit's plan and team.
    expect(await (await coordinator.get(`/staff/activities/${visitId}`)).text()).toContain(
      `href="/staff/visits/${visitId}"`,
    )
    const plan = await coordinator.post(`/staff/visits/${visitId}`, {
      intent: 'plan',
      purpose: '为老人读报，陪伴聊天',
      whatToBring: '报纸、大字本图书',
      transport: '公交 3 路',
      meetingPoint: '总馆东门',
    })
    expect(plan.status).toBe(302)
    const leadShift = await addRole(visitId, 'team_lead')
    const readerShift = await addRole(visitId, 'reader', 2)

    // On the board: team open, two of three seats missing… none taken yet.
    let board = await (await coordinator.get('/staff/visits')).text()
    expect(board).toContain(`/staff/visits/${visitId}`)
    expect(board).toContain('招募中')

    const lead = await volunteer()
    const [a, b, c] = [await volunteer(), await volunteer(), await volunteer()]
    for (const [who, shift] of [
      [lead, leadShift],
      [a, readerShift],
      [b, readerShift],
      [c, readerShift],
    ] as const) {
      const response = await who.client.post(`/shifts/${shift}`, { intent: 'signup' })
      expect(response.status, await response.clone().text()).toBe(302)
    }
    const statuses = await db()
      .selectFrom('signup')
      .select(['volunteer_id', 'status'])
      .where('shift_id', '=', readerShift)
      .orderBy('id')
      .execute()
    // The normal rules: the third reader waits.
    expect(statuses.map((s) => s.status)).toEqual(['confirmed', 'confirmed', 'waitlisted'])
    board = await (await coordinator.get('/staff/visits')).text()
    expect(board).toContain('已满员')

    // The partner contact of the destination sees it, with purpose and the team lead's phone; another organisation does not.
    const portal = await (await partnerA.get('/partner')).text()
    expect(portal).toContain('为老人读报，陪伴聊天')
    expect(portal).toContain(lead.account.name)
    expect(portal).toContain(lead.account.phone!)
    expect(await (await partnerB.get('/partner')).text()).not.toContain('为老人读报，陪伴聊天')

    // Before it starts: no outcome, even for its team lead.
    expect((await lead.client.get(`/visits/${visitId}/team`)).status).toBe(200)
    expect((await lead.client.post(`/visits/${visitId}/outcome`, { participantCount: '10' })).status).toBe(400)

    await moveIntoThePast(visitId)
    const roster = await (await lead.client.get(`/visits/${visitId}/team`)).text()
    expect(roster).toContain(a.account.phone!)
    const signupOf = async (accountId: number) =>
      (await db().selectFrom('signup').select('id').where('volunteer_id', '=', accountId).executeTakeFirstOrThrow()).id
    const rollCall = await lead.client.post(`/visits/${visitId}/team`, {
      attended: String(await signupOf(a.account.id)),
    })
    expect(rollCall.status, await rollCall.clone().text()).toBe(302)
    const attendance = await db()
      .selectFrom('signup')
      .select(['volunteer_id', 'attendance', 'service_minutes'])
      .where('volunteer_id', 'in', [lead.account.id, a.account.id, b.account.id])
      .orderBy('volunteer_id')
      .execute()
    expect(Object.fromEntries(attendance.map((r) => [r.volunteer_id, r.attendance]))).toEqual({
      [lead.account.id]: 'no_show',
      [a.account.id]: 'attended',
      [b.account.id]: 'no_show',
    })
    expect(attendance.find((r) => r.volunteer_id === a.account.id)!.service_minutes).toBe(60)

    const filed = await lead.client.post(`/visits/${visitId}/outcome`, {
      participantCount: '28',
      served_elderly: '28',
      booksDelivered: '15',
      notes: '老人们很开心',
    })
    expect(filed.status, await filed.clone().text()).toBe(302)
    const activity = await db().selectFrom('activity').selectAll().where('id', '=', visitId).executeTakeFirstOrThrow()
    expect(activity).toMatchObject({ status: 'completed', participant_count: 28, outcome_filed_by: lead.account.id })
    // Filed once only.
    expect((await lead.client.post(`/visits/${visitId}/outcome`, { participantCount: '30' })).status).toBe(409)

    // The coordinator in charge is told; whoever served is thanked with their hours.
    expect(await outboxPayloads(db(), 'visit-outcome-filed', otherCoordinator.email)).toMatchObject([
      { participants: 28, filedBy: lead.account.name },
    ])
    expect(await outboxPayloads(db(), 'visit-thanks', a.account.email)).toMatchObject([{ minutes: 60 }])
    expect(await outboxPayloads(db(), 'visit-thanks', b.account.email)).toEqual([])

    // The coordinator sees it filed on the board and corrects it with a reason (audited).
    expect(await (await coordinator.get('/staff/visits')).text()).toContain('已登记成效')
    const corrected = await coordinator.post(`/staff/activities/${visitId}`, {
      intent: 'correct',
      participantCount: '30',
      served_elderly: '30',
      reason: '漏记两位老人',
    })
    expect(corrected.status).toBe(302)
    const audit = await db()
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'activity_outcome_corrected')
      .where('subject_id', '=', String(visitId))
      .executeTakeFirstOrThrow()
    expect(audit.details).toContain('漏记两位老人')
  })

  it('refuses a volunteer, another organisation’s contact and another visit’s team lead', async () => {
    const visitId = await planVisit({ startDay: dayFromNow(6) })
    const otherVisit = await planVisit({ startDay: dayFromNow(7) })
    const otherLeadShift = await addRole(otherVisit, 'team_lead')
    await addRole(visitId, 'reader')
    const otherLead = await volunteer()
    expect((await otherLead.client.post(`/shifts/${otherLeadShift}`, { intent: 'signup' })).status).toBe(302)
    await moveIntoThePast(visitId)
    const plain = await volunteer()
    for (const client of [plain.client, otherLead.client, partnerB, partnerA]) {
      expect((await client.get(`/visits/${visitId}/team`)).status).toBe(403)
      expect((await client.post(`/visits/${visitId}/team`, {})).status).toBe(403)
      expect((await client.post(`/visits/${visitId}/outcome`, { participantCount: '5' })).status).toBe(403)
      expect((await client.get(`/staff/visits/${visitId}`)).status).toBe(403)
    }
    expect(
      (await db().selectFrom('activity').select('outcome_filed_at').where('id', '=', visitId).executeTakeFirstOrThrow())
        .outcome_filed_at,
    ).toBeNull()
  })

  it('an insured trip takes only volunteers covered on its date; cover can be added for one or the whole team', async () => {
    const tripId = await planVisit({ title: '翻书越岭', startDay: dayFromNow(10), requiresInsurance: 'on' })
    const shift = await addRole(tripId, 'reader', 3)
    const [a, b] = [await volunteer(), await volunteer()]
    const refused = await a.client.post(`/shifts/${shift}`, { intent: 'signup' })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('意外险')

    // A policy that ends before the trip does not help.
    const early = await coordinator.post(`/staff/visits/${tripId}`, {
      intent: 'policy',
      insurer: '中国人寿',
      policyNumber: `EARLY-${dialect}`,
      coversFrom: dayFromNow(0),
      coversUntil: dayFromNow(9),
    })
    expect(early.status).toBe(302)
    const earlyId = (
      await db()
        .selectFrom('insurance_policy')
        .select('id')
        .where('policy_number', '=', `EARLY-${dialect}`)
        .executeTakeFirstOrThrow()
    ).id
    expect(
      (
        await coordinator.post(`/staff/visits/${tripId}`, {
          intent: 'cover',
          policyId: String(earlyId),
          volunteerEmail: a.account.email,
        })
      ).status,
    ).toBe(302)
    expect((await a.client.post(`/shifts/${shift}`, { intent: 'signup' })).status).toBe(400)

    const policy = await coordinator.post(`/staff/visits/${tripId}`, {
      intent: 'policy',
      insurer: '中国人寿',
      policyNumber: `GL-${dialect}`,
      coversFrom: dayFromNow(1),
      coversUntil: dayFromNow(30),
    })
    expect(policy.status).toBe(302)
    // The same number twice is the field's error, not a 500.
    expect(
      (
        await coordinator.post(`/staff/visits/${tripId}`, {
          intent: 'policy',
          insurer: '中国人寿',
          policyNumber: `GL-${dialect}`,
          coversFrom: dayFromNow(1),
          coversUntil: dayFromNow(30),
        })
      ).status,
    ).toBe(409)
    const policyId = (
      await db()
        .selectFrom('insurance_policy')
        .select('id')
        .where('policy_number', '=', `GL-${dialect}`)
        .executeTakeFirstOrThrow()
    ).id
    expect(
      (
        await coordinator.post(`/staff/visits/${tripId}`, {
          intent: 'cover',
          policyId: String(policyId),
          volunteerEmail: a.account.email,
        })
      ).status,
    ).toBe(302)
    expect((await a.client.post(`/shifts/${shift}`, { intent: 'signup' })).status).toBe(302)
    // The whole team at once: a is already covered; b is not on the team, so stays uncovered.
    expect(
      (await coordinator.post(`/staff/visits/${tripId}`, { intent: 'coverTeam', policyId: String(policyId) })).status,
    ).toBe(302)
    expect((await b.client.post(`/shifts/${shift}`, { intent: 'signup' })).status).toBe(400)
    const page = await (await coordinator.get(`/staff/visits/${tripId}`)).text()
    expect(page).toContain(`GL-${dialect}`)
    expect(page).toContain('已投保')
  })
})
