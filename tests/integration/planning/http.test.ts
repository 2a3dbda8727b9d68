/**
 * The planning pages over real HTTP: volunteers and partner contacts get 403 on
 * every staff page and action (and nothing changes); coordinators get the pages;
 * forms work without JavaScript; the check-in link changes nothing on GET.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { checkInCode } from '~/domain/planning/attendance.server'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import { followToast } from '../../support/toast'
import type { HttpClient } from '../../support/http-client'
import {
  createAccount,
  createPartnerOrganisation,
  createShift,
  createSignup,
  createSite,
  dumpDatabase,
  sessionClient,
  type TestAccount,
} from '../accounts/helpers'

describeEachDialect('planning over HTTP', (dialect) => {
  let app: TestApp
  let volunteer: HttpClient
  let partner: HttpClient
  let coordinator: HttpClient
  let shiftId: number
  let signupId: number
  let volunteerAccount: TestAccount

  beforeAll(async () => {
    app = await startTestApp(dialect)
    const db = app.database.db
    const organisation = await createPartnerOrganisation(db, '鼓楼区实验小学')
    volunteerAccount = await createAccount(db)
    const partnerAccount = await createAccount(db, { role: 'partner_contact', partnerOrganisationId: organisation })
    const coordinatorAccount = await createAccount(db, { role: 'coordinator' })
    volunteer = await sessionClient(app, volunteerAccount)
    partner = await sessionClient(app, partnerAccount)
    coordinator = await sessionClient(app, coordinatorAccount)
    const siteId = await createSite(db, '丰财分馆')
    // Started ten minutes ago: roll call, check-in and approval are all open.
    shiftId = await createShift(db, siteId, new Date(Date.now() - 10 * 60_000), 3)
    await db
      .updateTable('shift')
      .set({ check_in_secret: 'test-secret-test-secret-test-secret' })
      .where('id', '=', shiftId)
      .execute()
    signupId = await createSignup(db, shiftId, volunteerAccount.id)
  }, 60_000)

  afterAll(async () => {
    await app?.close()
  })

  const pages = () => [
    '/staff',
    '/staff/shifts/new',
    `/staff/shifts/${shiftId}`,
    `/staff/shifts/${shiftId}/edit`,
    `/staff/shifts/${shiftId}/qr`,
  ]

  const actions = (): [string, Record<string, string>][] => [
    [
      '/staff/shifts/new',
      {
        intent: 'shift',
        kind: 'single',
        siteId: '1',
        role: 'lending_desk',
        day: '2026-12-30',
        startTime: '09:00',
        endTime: '12:00',
        capacity: '2',
      },
    ],
    ['/staff/shifts/new', { intent: 'override', day: '2026-12-30', kind: 'holiday' }],
    [`/staff/shifts/${shiftId}`, { intent: 'message', message: '你好' }],
    [`/staff/shifts/${shiftId}`, { intent: 'rollcall' }],
    [`/staff/shifts/${shiftId}`, { intent: 'mark', signupId: String(signupId), attendance: 'attended' }],
    [`/staff/shifts/${shiftId}`, { intent: 'override', signupId: String(signupId), minutes: '600', reason: 'x' }],
    [`/staff/shifts/${shiftId}`, { intent: 'approve', signupIds: String(signupId) }],
    [`/staff/shifts/${shiftId}`, { intent: 'add', volunteerEmail: volunteerAccount.email, reason: 'x' }],
    [`/staff/shifts/${shiftId}`, { intent: 'remove', signupId: String(signupId), reason: 'x' }],
    [`/staff/shifts/${shiftId}/edit`, { intent: 'cancel' }],
    [
      `/staff/shifts/${shiftId}/edit`,
      { intent: 'edit', scope: 'one', startTime: '08:00', endTime: '12:00', siteId: '1', capacity: '9' },
    ],
  ]

  it('refuses every staff page and action to a volunteer and a partner contact, changing nothing', async () => {
    const before = await dumpDatabase(app.database.db)
    for (const client of [volunteer, partner]) {
      for (const path of pages()) expect((await client.get(path)).status, `GET ${path}`).toBe(403)
      for (const [path, fields] of actions()) {
        expect((await client.post(path, fields)).status, `POST ${path} ${fields.intent}`).toBe(403)
      }
    }
    const after = await dumpDatabase(app.database.db)
    for (const table of ['shift', 'signup', 'shift_series', 'holiday_override', 'email_outbox']) {
      expect(after[table], table).toEqual(before[table])
    }
  })

  it('sends anonymous readers to sign in', async () => {
    const response = await app.client().get('/staff')
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
  })

  it('shows coordinators every page, with the volunteer phone on the roster', async () => {
    for (const path of pages()) expect((await coordinator.get(path)).status, `GET ${path}`).toBe(200)
    const roster = await (await coordinator.get(`/staff/shifts/${shiftId}`)).text()
    const phone = (
      await app.database.db
        .selectFrom('account')
        .select('phone')
        .where('id', '=', volunteerAccount.id)
        .executeTakeFirstOrThrow()
    ).phone!
    expect(roster).toContain(phone)
    expect(roster).not.toContain('test-secret-test-secret')
    // The volunteer's record shows their attendance, no-shows and hours to staff.
    const record = await (await coordinator.get(`/admin/accounts/${volunteerAccount.id}`)).text()
    expect(record).toMatch(/缺席次数<\/dt><dd[^>]*>0<\/dd>/)
    // The edit page is its own page, not the roster again.
    const edit = await (await coordinator.get(`/staff/shifts/${shiftId}/edit`)).text()
    expect(edit).toContain('name="capacity"')
    expect(edit).not.toContain('value="rollcall"')
  })

  it('shows the current check-in code as a QR image of the check-in link, and the digits', async () => {
    const page = await (await coordinator.get(`/staff/shifts/${shiftId}/qr`)).text()
    const shift = await app.database.db
      .selectFrom('shift')
      .selectAll()
      .where('id', '=', shiftId)
      .executeTakeFirstOrThrow()
    const code = checkInCode(shift, new Date())
    expect(page).toMatch(/role="img"[^>]*><svg[^>]*viewBox/)
    expect(page).toContain(code)
    expect(page).toContain(`${app.url}/check-in/${shiftId}?code=${code}`)
  })

  it('the QR page only reads: a shift made through the form already has its secret, and GET writes nothing', async () => {
    const db = app.database.db
    const created = await coordinator.post('/staff/shifts/new', {
      intent: 'shift',
      kind: 'single',
      siteId: String(await createSite(db, '环城分馆')),
      role: 'lending_desk',
      day: '2030-03-04',
      startTime: '09:00',
      endTime: '12:00',
      capacity: '2',
    })
    expect(created.status).toBe(302)
    const newId = Number(/\/staff\/shifts\/(\d+)/.exec(created.headers.get('location') ?? '')?.[1])
    const secretOf = async (id: number) =>
      (await db.selectFrom('shift').select('check_in_secret').where('id', '=', id).executeTakeFirstOrThrow())
        .check_in_secret
    const secret = await secretOf(newId)
    expect(secret).toMatch(/^[\w-]{43}$/)
    const before = await dumpDatabase(db)
    expect((await coordinator.get(`/staff/shifts/${newId}/qr`)).status).toBe(200)
    expect(await dumpDatabase(db)).toEqual(before)
    expect(await secretOf(newId)).toBe(secret)
  })

  it('shows a form error next to the field without JavaScript', async () => {
    const response = await coordinator.post('/staff/shifts/new', {
      intent: 'shift',
      kind: 'single',
      siteId: '1',
      role: 'lending_desk',
      day: '2026-12-30',
      startTime: '9点',
      endTime: '12:00',
      capacity: '2',
    })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('请按 HH:MM 填写时间')
    expect(html).toContain('aria-invalid="true"')
    expect(html).toContain('value="9点"')
    expect(html).toContain('value="2026-12-30"')
  })

  it('creates a shift and saves an edit, each showing its toast on the roster', async () => {
    const created = await coordinator.post('/staff/shifts/new', {
      intent: 'shift',
      kind: 'single',
      siteId: '1',
      role: 'lending_desk',
      title: '新建的班次',
      day: '2026-12-29',
      startTime: '09:00',
      endTime: '12:00',
      capacity: '2',
    })
    const location = created.headers.get('location') ?? ''
    expect(location).toMatch(/^\/staff\/shifts\/\d+$/)
    await followToast(coordinator, created, location, '已创建班次。')
    const saved = await coordinator.post(`${location}/edit`, {
      intent: 'edit',
      scope: 'one',
      day: '2026-12-29',
      startTime: '10:00',
      endTime: '12:00',
      siteId: '1',
      capacity: '3',
    })
    await followToast(coordinator, saved, location, '已保存。')
  })

  it('adds a volunteer by hand with a reason, and says so next to the field when the email is unknown', async () => {
    const page = `/staff/shifts/${shiftId}`
    const unknown = await coordinator.post(page, {
      intent: 'add',
      volunteerEmail: 'nobody@example.org',
      reason: '电话报名',
    })
    expect(unknown.status).toBe(400)
    const refused = await unknown.text()
    expect(refused).toContain('没有使用此邮箱的志愿者')
    // What the coordinator typed is still there.
    expect(refused).toContain('value="nobody@example.org"')
    expect(refused).toContain('value="电话报名"')
    const extra = await createAccount(app.database.db)
    const added = await coordinator.post(page, { intent: 'add', volunteerEmail: extra.email, reason: '电话报名' })
    await followToast(coordinator, added, page, '已添加。')
    const row = await app.database.db
      .selectFrom('signup')
      .select(['status', 'added_by', 'added_reason'])
      .where('shift_id', '=', shiftId)
      .where('volunteer_id', '=', extra.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'confirmed', added_reason: '电话报名' })
    expect(row.added_by).not.toBeNull()
    const removed = await coordinator.post(page, {
      intent: 'remove',
      signupId: String(
        (
          await app.database.db
            .selectFrom('signup')
            .select('id')
            .where('volunteer_id', '=', extra.id)
            .executeTakeFirstOrThrow()
        ).id,
      ),
      reason: '本人来电取消',
    })
    await followToast(coordinator, removed, page, '已移除。')
    const after = await app.database.db
      .selectFrom('signup')
      .select('status')
      .where('volunteer_id', '=', extra.id)
      .executeTakeFirstOrThrow()
    expect(after.status).toBe('cancelled')
  })

  it('roll call, then hours approval, through the forms', async () => {
    const page = `/staff/shifts/${shiftId}`
    const rollCall = await coordinator.post(page, { intent: 'rollcall', attended: String(signupId) })
    await followToast(coordinator, rollCall, page, '点名完成：到场 1 人，缺席 0 人。')
    const approve = await coordinator.post(page, { intent: 'approve', signupIds: String(signupId) })
    await followToast(coordinator, approve, page, '已批准 1 条时长。')
    const row = await app.database.db
      .selectFrom('signup')
      .selectAll()
      .where('id', '=', signupId)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ attendance: 'attended', hours_status: 'approved' })
    expect(row.hours_approved_by).not.toBeNull()
  })

  it('the check-in link changes nothing on GET; the POST checks the volunteer in', async () => {
    const db = app.database.db
    const other = await createAccount(db)
    const otherId = await createShift(db, await createSite(db), new Date(Date.now() + 10 * 60_000), 2)
    await db
      .updateTable('shift')
      .set({ check_in_secret: 'another-secret-another-secret' })
      .where('id', '=', otherId)
      .execute()
    await createSignup(db, otherId, other.id)
    const client = await sessionClient(app, other)
    const shift = await db
      .selectFrom('shift')
      .select(['id', 'starts_at', 'ends_at', 'check_in_secret'])
      .where('id', '=', otherId)
      .executeTakeFirstOrThrow()
    const code = checkInCode(shift, new Date())!
    const get = await client.get(`/check-in/${otherId}?code=${code}`)
    expect(get.status).toBe(200)
    const before = await db
      .selectFrom('signup')
      .select('checked_in_at')
      .where('shift_id', '=', otherId)
      .executeTakeFirstOrThrow()
    expect(before.checked_in_at).toBeNull()
    const wrong = await client.post(`/check-in/${otherId}`, { code: code === '123456' ? '654321' : '123456' })
    expect(wrong.status).toBe(400)
    const post = await client.post(`/check-in/${otherId}`, { code })
    expect(post.status).toBe(200)
    const after = await db
      .selectFrom('signup')
      .select('checked_in_at')
      .where('shift_id', '=', otherId)
      .executeTakeFirstOrThrow()
    expect(after.checked_in_at).not.toBeNull()
  })
})
