/**
 * Reference data over real HTTP on both databases: admins create, edit and
 * archive sites, programmes, partners and trainings (nothing is deleted; an
 * archived site stays on its past activities and leaves the pickers);
 * coordinators read but cannot change; volunteers and partner contacts are refused.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import type { HttpClient } from '../../support/http-client'
import {
  createAccount,
  createPartnerOrganisation,
  createShift,
  createSignup,
  dumpDatabase,
  sessionClient,
} from '../accounts/helpers'

describeEachDialect('reference data over HTTP', (dialect) => {
  let app: TestApp
  let admin: HttpClient
  let coordinator: HttpClient
  let volunteer: HttpClient
  let partner: HttpClient

  beforeAll(async () => {
    app = await startTestApp(dialect)
    const db = app.database.db
    const organisation = await createPartnerOrganisation(db, '鼓楼区琵琶小学')
    admin = await sessionClient(app, await createAccount(db, { role: 'admin' }))
    coordinator = await sessionClient(app, await createAccount(db, { role: 'coordinator' }))
    volunteer = await sessionClient(app, await createAccount(db))
    partner = await sessionClient(
      app,
      await createAccount(db, { role: 'partner_contact', partnerOrganisationId: organisation }),
    )
  }, 60_000)

  afterAll(async () => {
    await app?.close()
  })

  const idFrom = (response: Response, base: string) => {
    expect(response.status).toBe(302)
    const match = new RegExp(`^${base}/(\\d+)$`).exec(response.headers.get('location') ?? '')
    expect(match, response.headers.get('location') ?? '').not.toBeNull()
    return Number(match![1])
  }

  it('creates, edits and archives a site; the archived site stays on its past activity and leaves the pickers', async () => {
    const db = app.database.db
    const siteId = idFrom(
      await admin.post('/admin/sites/new', {
        name: '国潮汉风龟山文旅城市书房',
        kind: 'book_room',
        address: '徐州市鼓楼区龟山景区',
        openingHours: '每日 9:00–21:00',
        openedOn: '2021-12-18',
        active: 'on',
      }),
      '/admin/sites',
    )
    expect(await db.selectFrom('site').selectAll().where('id', '=', siteId).executeTakeFirstOrThrow()).toMatchObject({
      kind: 'book_room',
      opening_hours: '每日 9:00–21:00',
      opened_on: '2021-12-18',
      active: 1,
      archived_at: null,
    })
    // Closed (not active) by unticking.
    expect(
      (await admin.post(`/admin/sites/${siteId}`, { name: '国潮汉风龟山文旅城市书房', kind: 'book_room' })).status,
    ).toBe(302)
    expect(
      (await db.selectFrom('site').select('active').where('id', '=', siteId).executeTakeFirstOrThrow()).active,
    ).toBe(0)
    await admin.post(`/admin/sites/${siteId}`, { name: '国潮汉风龟山文旅城市书房', kind: 'book_room', active: 'on' })

    // A duplicate name is the name field's error, not a 500.
    const duplicate = await admin.post('/admin/sites/new', { name: '国潮汉风龟山文旅城市书房', kind: 'book_room' })
    expect(duplicate.status).toBe(409)
    expect(await duplicate.text()).toContain('该名称已被使用')

    // An activity held there in the past.
    const now = new Date().toISOString()
    const { id: activityId } = await db
      .insertInto('activity')
      .values({
        title: '书房开放日',
        type: 'reading_promotion',
        theme: null,
        campaign: null,
        programme_id: null,
        site_id: siteId,
        partner_organisation_id: null,
        mode: 'offline',
        starts_at: '2026-01-10T02:00:00.000Z',
        ends_at: '2026-01-10T04:00:00.000Z',
        status: 'completed',
        description: null,
        is_public: 1,
        requires_insurance: 0,
        coordinator_id: null,
        participant_count: 30,
        books_delivered: null,
        outcome_notes: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()

    expect((await admin.post(`/admin/sites/${siteId}`, { intent: 'archive' })).status).toBe(302)
    const archived = await db
      .selectFrom('site')
      .select(['id', 'archived_at'])
      .where('id', '=', siteId)
      .executeTakeFirst()
    expect(archived?.archived_at).not.toBeNull()
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_type', '=', 'site')
      .where('subject_id', '=', String(siteId))
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'reference_created',
      'reference_updated',
      'reference_updated',
      'reference_archived',
    ])

    // Still named on its past activity; gone from the picker and the default list; shown with the filter.
    const detail = await (await coordinator.get(`/staff/activities/${activityId}`)).text()
    expect(detail).toContain('国潮汉风龟山文旅城市书房')
    expect(detail).toContain('该馆舍已归档')
    expect(await (await coordinator.get('/staff/activities/new')).text()).not.toContain('国潮汉风龟山文旅城市书房')
    expect(await (await admin.get('/admin/sites')).text()).not.toContain('国潮汉风龟山文旅城市书房')
    expect(await (await admin.get('/admin/sites?show=archived')).text()).toContain('国潮汉风龟山文旅城市书房')
    // A new activity cannot pick it; the existing one keeps it when edited.
    const picked = await coordinator.post('/staff/activities/new', {
      title: '新活动',
      type: 'lecture',
      mode: 'offline',
      siteId: String(siteId),
      startDay: '2027-01-05',
      startTime: '09:00',
      endTime: '10:00',
    })
    expect(picked.status).toBe(400)
    const kept = await coordinator.post(`/staff/activities/${activityId}/edit`, {
      title: '书房开放日（补记）',
      type: 'reading_promotion',
      mode: 'offline',
      siteId: String(siteId),
      startDay: '2026-01-10',
      startTime: '10:00',
      endTime: '12:00',
      isPublic: 'on',
    })
    expect(kept.status).toBe(302)

    expect((await admin.post(`/admin/sites/${siteId}`, { intent: 'restore' })).status).toBe(302)
    expect(await (await admin.get('/admin/sites')).text()).toContain('国潮汉风龟山文旅城市书房')
  })

  it('keeps programmes as a brand with its projects, with colours', async () => {
    const db = app.database.db
    const brand = idFrom(
      await admin.post('/admin/programmes/new', { name: '我们在一起', colour: '#C2410C', active: 'on' }),
      '/admin/programmes',
    )
    const project = idFrom(
      await admin.post('/admin/programmes/new', {
        name: '翻书越岭——关爱山区儿童',
        parentId: String(brand),
        colour: '#15803d',
        description: '为山区儿童募集图书',
        active: 'on',
      }),
      '/admin/programmes',
    )
    expect(
      await db
        .selectFrom('programme')
        .select(['kind', 'parent_programme_id', 'colour'])
        .where('id', 'in', [brand, project])
        .orderBy('id')
        .execute(),
    ).toEqual([
      { kind: 'brand', parent_programme_id: null, colour: '#c2410c' },
      { kind: 'project', parent_programme_id: brand, colour: '#15803d' },
    ])
    // A project cannot hold projects, and a brand with projects cannot become one.
    const nested = await admin.post('/admin/programmes/new', {
      name: '子项目',
      parentId: String(project),
      colour: '#000000',
    })
    expect(nested.status).toBe(400)
    expect(await nested.text()).toContain('请选择一个品牌作为上级')
    const other = idFrom(
      await admin.post('/admin/programmes/new', { name: '苏轼文化青少年研学', colour: '#1d4ed8' }),
      '/admin/programmes',
    )
    const demote = await admin.post(`/admin/programmes/${brand}`, {
      name: '我们在一起',
      parentId: String(other),
      colour: '#c2410c',
    })
    expect(demote.status).toBe(400)
    expect(await demote.text()).toContain('该品牌下已有项目')
    const badColour = await admin.post('/admin/programmes/new', { name: '红色经典诵读', colour: 'red' })
    expect(badColour.status).toBe(400)
    expect(await badColour.text()).toContain('#rrggbb')
    expect(await (await coordinator.get('/admin/programmes')).text()).toContain('我们在一起 › 翻书越岭——关爱山区儿童')
  })

  it('records partners with region, contacts and co-building agreement dates', async () => {
    const db = app.database.db
    const id = idFrom(
      await admin.post('/admin/partners/new', {
        name: '徐州市特殊教育学校',
        kind: 'special_education_school',
        address: '徐州市鼓楼区',
        region: '鼓楼区',
        contactName: '李老师',
        contactPhone: '13800000000',
        contactEmail: 'li@school.example.cn',
        agreementSignedOn: '2021-09-10',
        agreementEndsOn: '2024-09-10',
        notes: '特别的爱给特别的你',
        active: 'on',
      }),
      '/admin/partners',
    )
    expect(
      await db.selectFrom('partner_organisation').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    ).toMatchObject({
      kind: 'special_education_school',
      region: '鼓楼区',
      contact_email: 'li@school.example.cn',
      agreement_signed_on: '2021-09-10',
      agreement_ends_on: '2024-09-10',
    })
    const backwards = await admin.post('/admin/partners/new', {
      name: '另一所学校',
      kind: 'school',
      agreementSignedOn: '2024-09-10',
      agreementEndsOn: '2021-09-10',
    })
    expect(backwards.status).toBe(400)
    expect(await backwards.text()).toContain('协议结束日期须晚于签订日期')
    const badKind = await admin.post('/admin/partners/new', { name: '某单位', kind: 'castle' })
    expect(badKind.status).toBe(400)
    expect((await admin.post(`/admin/partners/${id}`, { intent: 'archive' })).status).toBe(302)
    expect(await (await coordinator.get('/staff/activities/new')).text()).not.toContain('徐州市特殊教育学校')
    expect(await (await admin.get('/admin/partners?show=all')).text()).toContain('徐州市特殊教育学校')
  })

  it('records training completions one by one and for every attendee of a training activity', async () => {
    const db = app.database.db
    const trainingId = idFrom(
      await admin.post('/admin/trainings/new', { name: '导读培训', description: '绘本导读入门' }),
      '/admin/trainings',
    )
    const [a, b, c] = [await createAccount(db), await createAccount(db), await createAccount(db)]
    const oneByOne = await admin.post(`/admin/trainings/${trainingId}`, {
      intent: 'record',
      completedOn: '2026-11-20',
      emails: `${a.email}\n${a.email.toUpperCase()}`,
    })
    expect(oneByOne.status).toBe(302)
    const unknown = await admin.post(`/admin/trainings/${trainingId}`, {
      intent: 'record',
      completedOn: '2026-11-20',
      emails: 'nobody@example.org',
    })
    expect(unknown.status).toBe(400)
    expect(await unknown.text()).toContain('nobody@example.org')

    // A training session: b and c attended its shift, so both are recorded at once.
    const now = new Date().toISOString()
    const { id: sessionId } = await db
      .insertInto('activity')
      .values({
        title: '志愿者导读培训（第一期）',
        type: 'training',
        theme: null,
        campaign: null,
        programme_id: null,
        site_id: null,
        partner_organisation_id: null,
        mode: 'online',
        starts_at: '2026-11-21T02:00:00.000Z',
        ends_at: '2026-11-21T04:00:00.000Z',
        status: 'completed',
        description: null,
        is_public: 0,
        requires_insurance: 0,
        coordinator_id: null,
        participant_count: null,
        books_delivered: null,
        outcome_notes: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const site = (await db.selectFrom('site').select('id').executeTakeFirstOrThrow()).id
    const shift = await createShift(db, site, new Date('2026-11-21T02:00:00.000Z'))
    await db.updateTable('shift').set({ activity_id: sessionId }).where('id', '=', shift).execute()
    await createSignup(db, shift, b.id, { minutes: 120 })
    await createSignup(db, shift, c.id, { minutes: 120 })
    await createSignup(db, shift, a.id, { minutes: 120 })
    const session = await admin.post(`/admin/trainings/${trainingId}`, {
      intent: 'record',
      completedOn: '2026-11-21',
      activityId: String(sessionId),
    })
    expect(session.status).toBe(302)
    const completions = await db
      .selectFrom('training_completion')
      .select(['account_id', 'completed_on'])
      .where('training_id', '=', trainingId)
      .orderBy('account_id')
      .execute()
    // a keeps the first day recorded.
    expect(completions).toEqual([
      { account_id: a.id, completed_on: '2026-11-20' },
      { account_id: b.id, completed_on: '2026-11-21' },
      { account_id: c.id, completed_on: '2026-11-21' },
    ])
    const page = await (await coordinator.get(`/admin/trainings/${trainingId}`)).text()
    expect(page).toContain(b.email)
    expect((await admin.post(`/admin/trainings/${trainingId}`, { intent: 'archive' })).status).toBe(302)
    const afterArchive = await admin.post(`/admin/trainings/${trainingId}`, {
      intent: 'record',
      completedOn: '2026-11-22',
      emails: b.email,
    })
    expect(afterArchive.status).toBe(400)
    // Archived, not deleted: its completions stay.
    expect(
      await db.selectFrom('training_completion').select('account_id').where('training_id', '=', trainingId).execute(),
    ).toHaveLength(3)
  })

  it('lets coordinators read reference data but not change it; refuses volunteers and partner contacts everything', async () => {
    const db = app.database.db
    const site = (await db.selectFrom('site').select('id').executeTakeFirstOrThrow()).id
    const programme = (await db.selectFrom('programme').select('id').executeTakeFirstOrThrow()).id
    const partnerId = (await db.selectFrom('partner_organisation').select('id').executeTakeFirstOrThrow()).id
    const training = (await db.selectFrom('training').select('id').executeTakeFirstOrThrow()).id
    const pages = [
      '/admin/sites',
      '/admin/sites/new',
      `/admin/sites/${site}`,
      '/admin/programmes',
      `/admin/programmes/${programme}`,
      '/admin/partners',
      `/admin/partners/${partnerId}`,
      '/admin/trainings',
      `/admin/trainings/${training}`,
    ]
    const actions: [string, Record<string, string>][] = [
      ['/admin/sites/new', { name: '新馆', kind: 'branch' }],
      [`/admin/sites/${site}`, { name: '改名', kind: 'branch' }],
      [`/admin/sites/${site}`, { intent: 'archive' }],
      ['/admin/programmes/new', { name: '新项目', colour: '#000000' }],
      [`/admin/programmes/${programme}`, { intent: 'archive' }],
      ['/admin/partners/new', { name: '新单位', kind: 'other' }],
      [`/admin/partners/${partnerId}`, { intent: 'archive' }],
      ['/admin/trainings/new', { name: '新培训' }],
      [`/admin/trainings/${training}`, { intent: 'record', completedOn: '2026-11-20', emails: 'x@example.org' }],
      [`/admin/trainings/${training}`, { intent: 'archive' }],
    ]
    const before = await dumpDatabase(db)
    for (const path of pages) expect((await coordinator.get(path)).status, `coordinator GET ${path}`).toBe(200)
    for (const [path, body] of actions) {
      expect((await coordinator.post(path, body)).status, `coordinator POST ${path}`).toBe(403)
    }
    for (const client of [volunteer, partner]) {
      for (const path of pages) expect((await client.get(path)).status, `GET ${path}`).toBe(403)
      for (const [path, body] of actions) expect((await client.post(path, body)).status, `POST ${path}`).toBe(403)
    }
    const after = await dumpDatabase(db)
    for (const table of ['site', 'programme', 'partner_organisation', 'training', 'training_completion', 'audit_log']) {
      expect(after[table], table).toEqual(before[table])
    }
    // The coordinator reads without an edit button.
    expect(await (await coordinator.get(`/admin/sites/${site}`)).text()).not.toContain('value="archive"')
    for (const path of ['/admin/sites/abc', '/admin/sites/99999999', '/admin/trainings/0', '/admin/partners/1e3']) {
      expect((await admin.get(path)).status, path).toBe(404)
    }
    expect((await admin.post('/admin/sites/99999999', { intent: 'archive' })).status).toBe(404)
  })
})
