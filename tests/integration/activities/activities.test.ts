/**
 * Activities over real HTTP on both databases: the lifecycle (create → publish →
 * ended → outcome → correction with an audit row), cancelling cascades to the
 * activity's upcoming shifts through cancelShift, recurring generation around
 * 国庆 2026, the role rules and bad input answering translated 400/404.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { shanghaiDay } from '~/lib/dates'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import type { HttpClient } from '../../support/http-client'
import {
  createAccount,
  createPartnerOrganisation,
  createShift,
  createSignup,
  createSite,
  dumpDatabase,
  sessionClient,
} from '../accounts/helpers'

const DAY_MS = 86_400_000
const dayFromNow = (days: number) => shanghaiDay(new Date(Date.now() + days * DAY_MS))

describeEachDialect('activities over HTTP', (dialect) => {
  let app: TestApp
  let coordinator: HttpClient
  let volunteer: HttpClient
  let partner: HttpClient
  let coordinatorId: number
  let siteId: number
  let partnerId: number

  beforeAll(async () => {
    app = await startTestApp(dialect)
    const db = app.database.db
    partnerId = await createPartnerOrganisation(db, '九里街道敬老院')
    siteId = await createSite(db, '丰财分馆')
    const coordinatorAccount = await createAccount(db, { role: 'coordinator' })
    coordinatorId = coordinatorAccount.id
    coordinator = await sessionClient(app, coordinatorAccount)
    volunteer = await sessionClient(app, await createAccount(db))
    partner = await sessionClient(
      app,
      await createAccount(db, { role: 'partner_contact', partnerOrganisationId: partnerId }),
    )
  }, 60_000)

  afterAll(async () => {
    await app?.close()
  })

  const fields = (overrides: Record<string, string> = {}) => ({
    title: '我来读报给您听',
    type: 'special_care',
    mode: 'offline',
    partnerId: String(partnerId),
    startDay: dayFromNow(3),
    startTime: '09:30',
    endTime: '11:00',
    isPublic: 'on',
    ...overrides,
  })

  async function create(overrides: Record<string, string> = {}): Promise<number> {
    const response = await coordinator.post('/staff/activities/new', fields(overrides))
    expect(response.status, await response.clone().text()).toBe(302)
    const match = /^\/staff\/activities\/(\d+)$/.exec(response.headers.get('location') ?? '')
    expect(match).not.toBeNull()
    return Number(match![1])
  }

  const activity = (id: number) =>
    app.database.db.selectFrom('activity').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  it('runs an activity from plan to a corrected outcome, audited with the old and new values', async () => {
    // Held two days ago: it has ended, and its outcome is missing.
    const id = await create({ startDay: dayFromNow(-2), title: '读报服务（九里街道敬老院）' })
    expect(await activity(id)).toMatchObject({
      status: 'planned',
      coordinator_id: coordinatorId,
      partner_organisation_id: partnerId,
      is_public: 1,
    })
    // Not published yet: the public does not see it.
    expect((await app.client().get(`/activities/${id}`)).status).toBe(404)
    expect((await coordinator.post(`/staff/activities/${id}`, { intent: 'publish' })).status).toBe(302)
    expect((await activity(id)).status).toBe('published')
    const publicPage = await app.client().get(`/activities/${id}`)
    expect(publicPage.status).toBe(200)
    expect(await publicPage.text()).toContain('读报服务（九里街道敬老院）')

    // Listed to its coordinator as missing an outcome, on the activities page and the staff home.
    expect(await (await coordinator.get('/staff/activities')).text()).toContain('待登记成效的活动')
    const home = await (await coordinator.get('/staff')).text()
    expect(home).toContain('读报服务（九里街道敬老院）')
    const missingOnly = await (await coordinator.get('/staff/activities?status=outcome_missing')).text()
    expect(missingOnly).toContain(`/staff/activities/${id}`)

    const filed = await coordinator.post(`/staff/activities/${id}`, {
      intent: 'outcome',
      participantCount: '36',
      served_elderly: '30',
      served_general_public: '6',
      booksDelivered: '20',
      materialsUsed: '报纸、大字本图书',
      notes: '老人们很喜欢',
      followUps: '下月带上老花镜',
    })
    expect(filed.status, await filed.clone().text()).toBe(302)
    expect(await activity(id)).toMatchObject({
      status: 'completed',
      participant_count: 36,
      books_delivered: 20,
      materials_used: '报纸、大字本图书',
      follow_ups: '下月带上老花镜',
      outcome_filed_by: coordinatorId,
    })
    const served = await app.database.db
      .selectFrom('activity_beneficiary_count')
      .select(['beneficiary_group', 'people_count'])
      .where('activity_id', '=', id)
      .orderBy('beneficiary_group')
      .execute()
    expect(served).toEqual([
      { beneficiary_group: 'elderly', people_count: 30 },
      { beneficiary_group: 'general_public', people_count: 6 },
    ])
    // Filed: no longer missing; a second filing is refused.
    expect(await (await coordinator.get('/staff/activities?status=outcome_missing')).text()).not.toContain(
      `/staff/activities/${id}"`,
    )
    const again = await coordinator.post(`/staff/activities/${id}`, { intent: 'outcome', participantCount: '1' })
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('成效已登记')

    // A correction needs a reason, and is audited with both versions.
    const noReason = await coordinator.post(`/staff/activities/${id}`, { intent: 'correct', participantCount: '40' })
    expect(noReason.status).toBe(400)
    const corrected = await coordinator.post(`/staff/activities/${id}`, {
      intent: 'correct',
      participantCount: '40',
      served_elderly: '34',
      served_general_public: '6',
      booksDelivered: '20',
      reason: '签到表漏计 4 人',
    })
    expect(corrected.status).toBe(302)
    expect((await activity(id)).participant_count).toBe(40)
    const audit = await app.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'activity_outcome_corrected')
      .where('subject_id', '=', String(id))
      .executeTakeFirstOrThrow()
    expect(audit.actor_id).toBe(coordinatorId)
    const details = JSON.parse(audit.details!) as { reason: string; before: string; after: string }
    expect(details.reason).toBe('签到表漏计 4 人')
    expect(JSON.parse(details.before)).toMatchObject({ participantCount: 36, served: { elderly: 30 } })
    expect(JSON.parse(details.after)).toMatchObject({ participantCount: 40, served: { elderly: 34 } })
    const page = await (await coordinator.get(`/staff/activities/${id}`)).text()
    expect(page).toContain('签到表漏计 4 人')
  })

  it('refuses an outcome before the activity starts', async () => {
    const id = await create({ startDay: dayFromNow(5) })
    const response = await coordinator.post(`/staff/activities/${id}`, { intent: 'outcome', participantCount: '3' })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('活动开始后才能登记成效')
    expect((await activity(id)).outcome_filed_at).toBeNull()
  })

  it("cancels an activity's upcoming shifts through cancelShift and tells their volunteers; a past shift keeps its record", async () => {
    const db = app.database.db
    const id = await create({
      startDay: dayFromNow(-1),
      endDay: dayFromNow(10),
      type: 'exhibition',
      siteId: String(siteId),
      partnerId: '',
    })
    const upcoming = await createShift(db, siteId, new Date(Date.now() + 4 * DAY_MS))
    const later = await createShift(db, siteId, new Date(Date.now() + 6 * DAY_MS))
    const past = await createShift(db, siteId, new Date(Date.now() - DAY_MS))
    await db.updateTable('shift').set({ activity_id: id }).where('id', 'in', [upcoming, later, past]).execute()
    const helper = await createAccount(db)
    await createSignup(db, upcoming, helper.id)
    await createSignup(db, past, helper.id, { minutes: 180 })

    const response = await coordinator.post(`/staff/activities/${id}`, { intent: 'cancel', reason: '展厅维修' })
    expect(response.status).toBe(302)
    expect(await activity(id)).toMatchObject({ status: 'cancelled', cancel_reason: '展厅维修' })
    const shifts = await db
      .selectFrom('shift')
      .select(['id', 'status'])
      .where('activity_id', '=', id)
      .orderBy('id')
      .execute()
    expect(shifts).toEqual([
      { id: upcoming, status: 'cancelled' },
      { id: later, status: 'cancelled' },
      { id: past, status: 'open' },
    ])
    const audited = await db
      .selectFrom('audit_log')
      .select('subject_id')
      .where('action', '=', 'shift_cancelled')
      .where('subject_id', 'in', [String(upcoming), String(later), String(past)])
      .execute()
    expect(audited.map((a) => Number(a.subject_id)).sort((a, b) => a - b)).toEqual(
      [upcoming, later].sort((a, b) => a - b),
    )
    const mails = await app.deliverMail()
    expect(mails.some((m) => m.to === helper.email)).toBe(true)
    // The past shift's served hours stay exactly as they were.
    const kept = await db
      .selectFrom('signup')
      .select(['status', 'service_minutes'])
      .where('shift_id', '=', past)
      .executeTakeFirstOrThrow()
    expect(kept).toEqual({ status: 'confirmed', service_minutes: 180 })
    // A cancelled activity is not edited, and has no outcome.
    expect(
      (await coordinator.post(`/staff/activities/${id}`, { intent: 'outcome', participantCount: '1' })).status,
    ).toBe(409)
  })

  it('generates a weekly series over 国庆 2026 that skips the holiday and keeps the make-up working Saturday', async () => {
    const response = await coordinator.post('/staff/activities/new', {
      ...fields({ title: '周六绘本共读', type: 'reading_promotion', siteId: String(siteId), partnerId: '' }),
      startDay: '2026-09-19',
      repeat: 'weekly',
      lastDay: '2026-10-17',
      skipPublicHolidays: 'on',
    })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('2026-10-03')
    const rows = await app.database.db
      .selectFrom('activity')
      .select(['starts_at', 'series_id', 'status'])
      .where('title', '=', '周六绘本共读')
      .orderBy('starts_at')
      .execute()
    const days = rows.map((r) => shanghaiDay(r.starts_at))
    expect(days).toContain('2026-10-10') // 调休: a working Saturday
    expect(days).not.toContain('2026-10-03')
    expect(days).toEqual(['2026-09-19', '2026-10-10', '2026-10-17'])
    expect(new Set(rows.map((r) => r.series_id)).size).toBe(1)
    expect(rows[0]!.series_id).not.toBeNull()
    // Each occurrence is edited on its own.
    const [first] = await app.database.db
      .selectFrom('activity')
      .select('id')
      .where('title', '=', '周六绘本共读')
      .orderBy('starts_at')
      .execute()
    const edit = await coordinator.post(`/staff/activities/${first!.id}/edit`, {
      ...fields({
        title: '周六绘本共读（中秋特别场）',
        type: 'reading_promotion',
        siteId: String(siteId),
        partnerId: '',
      }),
      startDay: '2026-09-19',
    })
    expect(edit.status).toBe(302)
    const titles = await app.database.db
      .selectFrom('activity')
      .select('title')
      .where('series_id', '=', rows[0]!.series_id)
      .orderBy('starts_at')
      .execute()
    expect(titles.map((t) => t.title)).toEqual(['周六绘本共读（中秋特别场）', '周六绘本共读', '周六绘本共读'])
  })

  it('generates a monthly visit on the first Thursday, skipping 国庆', async () => {
    const response = await coordinator.post('/staff/activities/new', {
      ...fields({ title: '每月敬老院读报' }),
      startDay: '2026-09-03',
      repeat: 'monthly',
      weekOfMonth: '1',
      lastDay: '2026-11-30',
      skipPublicHolidays: 'on',
    })
    expect(response.status).toBe(200)
    const rows = await app.database.db
      .selectFrom('activity')
      .select('starts_at')
      .where('title', '=', '每月敬老院读报')
      .orderBy('starts_at')
      .execute()
    expect(rows.map((r) => shanghaiDay(r.starts_at))).toEqual(['2026-09-03', '2026-11-05'])
  })

  it('answers bad input with a translated 400 or 404, never a 500', async () => {
    const endBefore = await coordinator.post('/staff/activities/new', fields({ startTime: '11:00', endTime: '09:00' }))
    expect(endBefore.status).toBe(400)
    expect(await endBefore.text()).toContain('结束时间须晚于开始时间')
    const both = await coordinator.post('/staff/activities/new', fields({ siteId: String(siteId) }))
    expect(both.status).toBe(400)
    expect(await both.text()).toContain('馆舍和合作单位只能选一个')
    const unknownSite = await coordinator.post('/staff/activities/new', fields({ partnerId: '', siteId: '999999' }))
    expect(unknownSite.status).toBe(400)
    const badId = await coordinator.post('/staff/activities/new', fields({ partnerId: '1e3' }))
    expect(badId.status).toBe(400)

    const id = await create({ startDay: dayFromNow(-3) })
    for (const count of ['-1', '100001', '99999999999', '2.5', 'abc']) {
      const response = await coordinator.post(`/staff/activities/${id}`, { intent: 'outcome', participantCount: count })
      expect(response.status, count).toBe(400)
      expect(await response.text()).toContain('请填写 0 到 100000 之间的整数')
    }
    const negativeGroup = await coordinator.post(`/staff/activities/${id}`, {
      intent: 'outcome',
      participantCount: '5',
      served_children: '-3',
    })
    expect(negativeGroup.status).toBe(400)
    expect((await activity(id)).outcome_filed_at).toBeNull()

    for (const path of [
      '/staff/activities/abc',
      '/staff/activities/0',
      '/staff/activities/99999999',
      '/activities/abc',
      '/activities/99999999',
      '/staff/activities/99999999/edit',
    ]) {
      expect((await coordinator.get(path)).status, path).toBe(404)
    }
    expect((await coordinator.post('/staff/activities/99999999', { intent: 'publish' })).status).toBe(404)
    expect((await coordinator.get('/staff/activities?month=2026-13')).status).toBe(400)
    expect((await coordinator.get('/staff/activities?site=-1')).status).toBe(400)
    expect((await coordinator.get('/staff/activities?month=2026-10&type=lecture&status=published')).status).toBe(200)
  })

  it('refuses every staff activity page and action to a volunteer and a partner contact, changing nothing', async () => {
    const id = await create({ startDay: dayFromNow(-1) })
    const internal = await create({ isPublic: '' })
    await coordinator.post(`/staff/activities/${internal}`, { intent: 'publish' })
    const before = await dumpDatabase(app.database.db)
    const pages = [
      '/staff/activities',
      '/staff/activities/new',
      `/staff/activities/${id}`,
      `/staff/activities/${id}/edit`,
    ]
    const actions: [string, Record<string, string>][] = [
      ['/staff/activities/new', fields()],
      [`/staff/activities/${id}`, { intent: 'publish' }],
      [`/staff/activities/${id}`, { intent: 'cancel' }],
      [`/staff/activities/${id}`, { intent: 'outcome', participantCount: '3' }],
      [`/staff/activities/${id}`, { intent: 'correct', participantCount: '3', reason: 'x' }],
      [`/staff/activities/${id}/edit`, fields()],
    ]
    for (const client of [volunteer, partner]) {
      for (const path of pages) expect((await client.get(path)).status, `GET ${path}`).toBe(403)
      for (const [path, body] of actions) expect((await client.post(path, body)).status, `POST ${path}`).toBe(403)
      // An internal activity is not on its public page either, nor an unpublished one.
      expect((await client.get(`/activities/${internal}`)).status).toBe(404)
      expect((await client.get(`/activities/${id}`)).status).toBe(404)
    }
    const after = await dumpDatabase(app.database.db)
    for (const table of ['activity', 'activity_series', 'activity_beneficiary_count', 'shift', 'audit_log']) {
      expect(after[table], table).toEqual(before[table])
    }
    // Staff see the internal one.
    expect((await coordinator.get(`/activities/${internal}`)).status).toBe(200)
  })
})
