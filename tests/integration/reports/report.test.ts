/**
 * The year-end report over real HTTP on both dialects: every figure against a
 * count written here from the fixture rows (Shanghai days, cancelled and
 * unfinished activities left out), the exports read back, role rules, bad
 * input, and a closed year that survives later edits and anonymisation.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { dataVersion } from '#db/dialect'
import { ACTIVITY_TYPES, type Role } from '#db/schema'
import { deleteAccount } from '~/domain/accounts/privacy.server'
import { CHARTED_TABLES } from '~/domain/reports/charts'
import { tableOf, wholeYear } from '~/domain/reports/model'
import { buildReport } from '~/domain/reports/report.server'
import { createI18n } from '~/i18n/i18n'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import type { HttpClient } from '../../support/http-client'
import {
  createAccount,
  createShift,
  createSignup,
  PASSWORD,
  sessionClient,
  type TestAccount,
} from '../accounts/helpers'
import { figure, insertActivity, insertPartner, insertProgramme, insertSite, type ActivitySpec } from './fixtures'

const shanghaiYear = (instant: string) => new Date(Date.parse(instant) + 8 * 3600_000).getUTCFullYear()

/** The rule, restated: completed, started in the Shanghai year, optionally at a site. */
const counted = (specs: ActivitySpec[], year: number, siteId?: number) =>
  specs.filter(
    (a) =>
      (a.status ?? 'completed') === 'completed' &&
      shanghaiYear(a.startsAt) === year &&
      (siteId === undefined || a.siteId === siteId),
  )

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const endField = () => {
    row.push(field)
    field = ''
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') endField()
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      endField()
      rows.push(row)
      row = []
    } else field += c
  }
  if (field || row.length) {
    endField()
    rows.push(row)
  }
  return rows
}

describeEachDialect('year-end report', (dialect) => {
  let app: TestApp
  let coordinator: HttpClient
  let admin: HttpClient
  const clients = {} as Record<Role | 'anonymous', HttpClient>
  let main: number
  let branch: number
  let brand: number
  let specs: ActivitySpec[]
  let leaving: TestAccount
  const minutes = { adult: [120, 90, 75], leaving: [180], minor: [60] }

  beforeAll(async () => {
    app = await startTestApp(dialect)
    const db = app.database.db
    main = await insertSite(db, '鼓楼图书馆总馆', 'main_library')
    branch = await insertSite(db, '丰财分馆', 'branch')
    brand = await insertProgramme(db, '我们在一起')
    const project = await insertProgramme(db, '翻书越岭', brand)
    const special = await insertPartner(db, '徐州市特殊教育学校', 'special_education_school', '2021-03-01')
    const home = await insertPartner(db, '鼓楼区敬老院', 'nursing_home')
    const evil = await insertPartner(db, '=HYPERLINK("http://x")', 'school', '2022-05-01')
    specs = [
      // 23:30 on New Year's Eve in Shanghai (15:30 UTC), running past midnight: 2021, December.
      {
        type: 'training',
        startsAt: '2021-12-31T15:30:00.000Z',
        endsAt: '2021-12-31T17:30:00.000Z',
        siteId: main,
        participants: 20,
        theme: 'culture',
      },
      // 00:30 on 1 January in Shanghai although still 31 December in UTC: 2022.
      { type: 'lecture', startsAt: '2021-12-31T16:30:00.000Z', siteId: main, participants: 11 },
      // 23:59 on 31 December 2020 in UTC is 1 January 2021 in Shanghai.
      { type: 'lecture', startsAt: '2020-12-31T23:59:00.000Z', siteId: branch, participants: 7, programmeId: brand },
      {
        type: 'reading_service',
        startsAt: '2021-05-01T02:00:00.000Z',
        siteId: main,
        participants: 99,
        status: 'cancelled',
      },
      { type: 'reading_promotion', startsAt: '2021-07-01T02:00:00.000Z', siteId: branch, status: 'planned' },
      {
        type: 'special_care',
        startsAt: '2021-06-10T01:00:00.000Z',
        partnerId: special,
        participants: 30,
        books: 50,
        programmeId: project,
        insured: true,
        served: { special_education_students: 25, general_public: 5 },
      },
      {
        type: 'special_care',
        startsAt: '2021-09-10T01:00:00.000Z',
        partnerId: home,
        participants: 12,
        served: { elderly: 12 },
      },
      {
        type: 'exhibition',
        startsAt: '2021-03-01T02:00:00.000Z',
        siteId: branch,
        mode: 'online',
        participants: 40,
        theme: 'art',
      },
      {
        type: 'reading_promotion',
        startsAt: '2021-03-02T02:00:00.000Z',
        siteId: branch,
        participants: 15,
        theme: 'art',
      },
    ]
    const activityIds: number[] = []
    for (const spec of specs) activityIds.push(await insertActivity(db, spec))

    // Books: a shipment received short in 2021, one received in full, one only shipped.
    const shipment = (
      book_count: number,
      status: 'shipped' | 'received',
      shipped: string,
      received: number | null,
      receivedOn: string | null,
    ) =>
      db
        .insertInto('book_shipment')
        .values({
          programme_id: project,
          partner_organisation_id: special,
          activity_id: activityIds[5]!,
          book_count,
          status,
          shipped_on: shipped,
          received_on: receivedOn,
          received_book_count: received,
          receipt_confirmed_by: null,
          receipt_notes: null,
          created_by: null,
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
        })
        .execute()
    await shipment(100, 'received', '2021-06-01', 96, '2021-06-05')
    await shipment(40, 'received', '2021-10-01', 40, '2021-10-03')
    await shipment(25, 'shipped', '2021-12-20', null, null)

    // Cards for a school whose name a spreadsheet would read as a formula.
    const now = new Date().toISOString()
    const requester = await createAccount(db, { role: 'partner_contact', partnerOrganisationId: evil })
    const request = await db
      .insertInto('card_request')
      .values({
        partner_organisation_id: evil,
        requested_by: requester.id,
        card_count: 3,
        classes: '三(1)班',
        loan_limit: 20,
        loan_period_days: 30,
        status: 'issued',
        decided_by: requester.id,
        decided_at: '2021-04-01T03:00:00.000Z',
        decision_note: null,
        created_at: '2021-04-01T02:00:00.000Z',
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const [i, issued] of [
      '2021-04-02T02:00:00.000Z',
      '2021-04-02T02:00:00.000Z',
      '2022-01-05T02:00:00.000Z',
    ].entries())
      await db
        .insertInto('bulk_card')
        .values({ card_request_id: request.id, card_number: `C${i}`, class_name: null, issued_at: issued })
        .execute()

    // Volunteers: an adult, a minor, and one who will delete their account.
    const approver = await createAccount(db, { role: 'coordinator' })
    const adult = await createAccount(db)
    const minor = await createAccount(db, { birthDate: '2010-05-01' })
    leaving = await createAccount(db)
    const late = await createAccount(db)
    // Registering makes the account and the volunteer profile at one instant.
    const registeredAt = async (ids: number[], at: string) => {
      await db.updateTable('account').set({ created_at: at }).where('id', 'in', ids).execute()
      await db.updateTable('volunteer_profile').set({ created_at: at }).where('account_id', 'in', ids).execute()
    }
    await registeredAt([minor.id, leaving.id], '2021-02-01T02:00:00.000Z')
    await registeredAt([adult.id], '2020-06-01T02:00:00.000Z')
    await registeredAt([late.id], '2022-02-01T02:00:00.000Z')
    const shifts = [
      await createShift(db, main, new Date('2021-03-06T01:00:00.000Z')),
      await createShift(db, branch, new Date('2021-04-10T01:00:00.000Z')),
      await createShift(db, main, new Date('2022-01-08T01:00:00.000Z')),
      // A shift of the branch's lecture in the brand: at the branch through its activity only.
      await createShift(db, main, new Date(specs[2]!.startsAt)),
    ]
    await db
      .updateTable('shift')
      .set({ site_id: null, activity_id: activityIds[2]! })
      .where('id', '=', shifts[3]!)
      .execute()
    await createSignup(db, shifts[0]!, adult.id, { minutes: minutes.adult[0]!, approvedBy: approver.id })
    await createSignup(db, shifts[1]!, adult.id, { minutes: minutes.adult[1]!, approvedBy: approver.id })
    await createSignup(db, shifts[0]!, leaving.id, { minutes: minutes.leaving[0]!, approvedBy: approver.id })
    await createSignup(db, shifts[1]!, minor.id, { minutes: minutes.minor[0]!, approvedBy: approver.id })
    await createSignup(db, shifts[3]!, adult.id, { minutes: minutes.adult[2]!, approvedBy: approver.id })
    // Attended but not yet approved: an attendance, no hours; and a 2022 shift that does not count.
    await createSignup(db, shifts[1]!, late.id, { minutes: 45 })
    await createSignup(db, shifts[2]!, adult.id, { minutes: 600, approvedBy: approver.id })

    const training = await db
      .insertInto('training')
      .values({ name: '导读培训', description: null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const [account, day] of [
      [adult.id, '2021-03-01'],
      [minor.id, '2021-03-01'],
      [leaving.id, '2021-08-01'],
      [late.id, '2022-03-01'],
    ] as const)
      await db
        .insertInto('training_completion')
        .values({
          account_id: account,
          training_id: training.id,
          completed_on: day,
          recorded_by: null,
          created_at: now,
        })
        .execute()

    coordinator = await sessionClient(app, approver)
    admin = await sessionClient(app, await createAccount(db, { role: 'admin' }))
    clients.volunteer = await sessionClient(app, adult)
    clients.partner_contact = await sessionClient(app, requester)
    clients.anonymous = app.client()
  }, 120_000)

  afterAll(async () => {
    await app?.close()
  })

  it('counts every activity figure as the fixtures say', async () => {
    const res = await coordinator.get('/reports/2021')
    expect(res.status).toBe(200)
    const html = await res.text()
    const c2021 = counted(specs, 2021)
    expect(c2021).toHaveLength(6)
    expect(figure(html, 'sessions')).toBe(c2021.length)
    expect(figure(html, 'attendances')).toBe(c2021.reduce((s, a) => s + (a.participants ?? 0), 0))
    expect(figure(html, 'visits')).toBe(c2021.filter((a) => a.partnerId).length)
    expect(figure(html, 'peopleServed')).toBe(25 + 5 + 12)
    expect(figure(html, 'booksDelivered')).toBe(50)
    expect(figure(html, 'booksReceived')).toBe(96 + 40)
    expect(figure(html, 'shipments')).toBe(3)
    expect(figure(html, 'booksShipped')).toBe(165)
    expect(figure(html, 'shortfalls')).toBe(1)
    expect(figure(html, 'booksMissing')).toBe(4)
    expect(figure(html, 'insuredActivities')).toBe(1)
    expect(figure(html, 'bulkCards')).toBe(2)
    expect(figure(html, 'agreementsInForce')).toBe(1)
    expect(figure(html, 'partners')).toBe(3)
    // Per type, from the fixture list; the typed rows are a breakdown, the total its own count.
    const report = await buildReport(app.database.db, wholeYear(2021), new Date())
    const byType = tableOf(report, 'byType')!
    for (const [i, type] of ACTIVITY_TYPES.entries())
      expect(byType.rows[i]!.values[0], type).toBe(c2021.filter((a) => a.type === type).length)
    const byMonth = tableOf(report, 'byMonth')!
    expect(byMonth.rows).toHaveLength(12)
    expect(byMonth.rows[0]!.values[0]).toBe(1) // the lecture at 07:59 on 1 January, Shanghai
    expect(byMonth.rows[11]!.values[0]).toBe(1) // the training that crosses midnight
    expect(byMonth.rows.reduce((s, r) => s + r.values[0]!, 0)).toBe(c2021.length)
    expect(tableOf(report, 'byMode')!.rows[1]!.values).toEqual([1, 40])
    const bySite = tableOf(report, 'bySite')!.rows
    expect(bySite.map((r) => ('text' in r.label ? r.label.text : 'none'))).toEqual([
      '鼓楼图书馆总馆',
      '丰财分馆',
      'none',
    ])
    expect(bySite.map((r) => r.values[0])).toEqual([
      counted(specs, 2021, main).length,
      counted(specs, 2021, branch).length,
      c2021.filter((a) => !a.siteId).length,
    ])
    // Charts are images of their own, with their tables beside them.
    expect(html).toMatch(/<figure[^>]*><img src="\/reports\/2021\/charts\/byMonth\.svg"/)
    expect(html).not.toMatch(/<svg[^>]*aria-label/)
    expect(html).toContain('data-table="byMonth"')
    // 2022 holds the lecture that started 00:30 on New Year's Day.
    expect(figure(await (await coordinator.get('/reports/2022')).text(), 'sessions')).toBe(counted(specs, 2022).length)
  })

  it('counts volunteers, attendances and approved hours', async () => {
    const html = await (await coordinator.get('/reports/2021')).text()
    const approved = [...minutes.adult, ...minutes.leaving, ...minutes.minor]
    expect(figure(html, 'active')).toBe(3)
    expect(figure(html, 'volunteerAttendances')).toBe(6)
    expect(figure(html, 'approvedHours')).toBe(Math.round(approved.reduce((a, b) => a + b, 0) / 6) / 10)
    expect(figure(html, 'registered')).toBe(3)
    expect(figure(html, 'newVolunteers')).toBe(2)
    expect(figure(html, 'peopleTrained')).toBe(3)
    expect(figure(html, 'trainingsHeld')).toBe(2)
    expect(html).toContain('未满18周岁')
  })

  it('narrows to a site, a programme (with its projects) and a date range', async () => {
    const html = await (await coordinator.get(`/reports/2021?site=${branch}`)).text()
    expect(figure(html, 'sessions')).toBe(counted(specs, 2021, branch).length)
    // The brand's own lecture and its project's care visit.
    const programme = await (await coordinator.get(`/reports/2021?programme=${brand}`)).text()
    expect(figure(programme, 'sessions')).toBe(counted(specs, 2021).filter((a) => a.programmeId).length)
    expect(figure(programme, 'sessions')).toBe(2)
    // Volunteers' service by where the shift is held, else where its activity is, and by the activity's programme.
    const hours = (list: number[]) => Math.round(list.reduce((a, b) => a + b, 0) / 6) / 10
    expect(figure(html, 'active')).toBe(2)
    expect(figure(html, 'approvedHours')).toBe(hours([minutes.adult[1]!, minutes.minor[0]!, minutes.adult[2]!]))
    const atMain = await (await coordinator.get(`/reports/2021?site=${main}`)).text()
    expect(figure(atMain, 'active')).toBe(2)
    expect(figure(atMain, 'approvedHours')).toBe(hours([minutes.adult[0]!, minutes.leaving[0]!]))
    expect(figure(programme, 'active')).toBe(1)
    expect(figure(programme, 'approvedHours')).toBe(hours([minutes.adult[2]!]))
    const range = await (await coordinator.get('/reports/2021?from=2021-03-01&to=2021-03-01')).text()
    expect(figure(range, 'sessions')).toBe(1)
    const over = await (await coordinator.get('/reports/2021?from=2021-01-01&to=2022-12-31')).text()
    expect(figure(over, 'sessions')).toBe(counted(specs, 2021).length + counted(specs, 2022).length)
  })

  it('serves each chart as an SVG image for the page filters and the reader language', async () => {
    const search = `?from=2021-03-01&site=${branch}`
    const html = await (await coordinator.get(`/reports/2021${search}`)).text()
    const zh = createI18n('zh-CN').t
    const images = [...html.matchAll(/<figure[^>]*>(<img [^>]*>)<\/figure>/g)].map((m) => m[1]!)
    expect(images).toHaveLength(CHARTED_TABLES.length)
    for (const id of CHARTED_TABLES) {
      const img = images.find((i) => i.includes(`/charts/${id}.svg`))!
      const src = /src="([^"]+)"/.exec(img)![1]!.replaceAll('&amp;', '&')
      expect(src).toBe(`/reports/2021/charts/${id}.svg${search}`)
      expect(img).toContain(`alt="${zh(`reports.table.${id}.name`)}"`)
      expect(img).toMatch(/width="\d+" height="\d+" decoding="async"/)
      const res = await coordinator.get(src)
      expect(res.status, src).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8')
      expect(res.headers.get('cache-control')).toBe('private, no-store')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      const svg = await res.text()
      expect(svg.startsWith('<svg')).toBe(true)
      expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"')
      expect(svg).toContain(zh(`reports.table.${id}.name`))
    }
    const chart = async (url: string, client = coordinator) => (await client.get(url)).text()
    // Only the chosen site's bar under a site filter; every site with activities for the whole year.
    const onlyBranch = await chart(`/reports/2021/charts/bySite.svg?site=${branch}`)
    expect(onlyBranch).toContain('丰财分馆')
    expect(onlyBranch).not.toContain('鼓楼图书馆总馆')
    const bySite = await chart('/reports/2021/charts/bySite.svg')
    expect(bySite).toContain('丰财分馆')
    expect(bySite).toContain('鼓楼图书馆总馆')
    const months = await chart('/reports/2021/charts/byMonth.svg')
    expect(months).toContain('2021年1月')
    expect(months).toContain('2021年12月')
    const english = await sessionClient(app, await createAccount(app.database.db, { role: 'coordinator' }))
    english.setCookie('lng', 'en')
    const monthsEn = await chart('/reports/2021/charts/byMonth.svg', english)
    expect(monthsEn).toContain('2021-01')
    expect(monthsEn).toContain(createI18n('en').t('reports.table.byMonth.name'))
    expect(monthsEn).not.toContain('2021年')
    // A table the page does not chart, or none at all.
    for (const url of ['/reports/2021/charts/byMode.svg', '/reports/2021/charts/nope.svg', '/reports/2021/charts/.svg'])
      expect((await coordinator.get(url)).status, url).toBe(404)
  })

  it('answers bad years, ranges and filters with 400, and an empty year with zeros', async () => {
    for (const url of [
      '/reports/21',
      '/reports/1999',
      '/reports/abcd',
      '/reports/2021?from=2021-02-30',
      '/reports/2021?from=2021-05-01&to=2021-04-01',
      '/reports/2021?site=999999',
      '/reports/2021?programme=x',
      '/reports/2021.xlsx?site=abc',
      '/reports/21/charts/byMonth.svg',
      '/reports/2021/charts/bySite.svg?site=999999',
      '/reports/2021/charts/byMonth.svg?from=2021-05-01&to=2021-04-01',
      '/reports?year=99',
    ])
      expect((await coordinator.get(url)).status, url).toBe(400)
    const empty = await coordinator.get('/reports/2035')
    expect(empty.status).toBe(200)
    const html = await empty.text()
    expect(figure(html, 'sessions')).toBe(0)
    expect(figure(html, 'approvedHours')).toBe(0)
  })

  it('never serves a report built before the records changed', async () => {
    const db = app.database.db
    expect(figure(await (await coordinator.get('/reports/2036')).text(), 'sessions')).toBe(0)
    const version = await dataVersion(db)
    // Both databases can tell (else the app would simply build every time).
    expect(version).not.toBeNull()
    // Written by another connection than the app's (its own writes are seen in the entered-figures test).
    await insertActivity(db, { type: 'lecture', startsAt: '2036-03-03T02:00:00.000Z', siteId: main, participants: 7 })
    expect(await dataVersion(db)).not.toBe(version)
    const html = await (await coordinator.get('/reports/2036')).text()
    expect(figure(html, 'sessions')).toBe(1)
    expect(figure(html, 'attendances')).toBe(7)
    await db
      .updateTable('activity')
      .set({ participant_count: 9 })
      .where('starts_at', '=', '2036-03-03T02:00:00.000Z')
      .execute()
    expect(figure(await (await coordinator.get('/reports/2036')).text(), 'attendances')).toBe(9)
  })

  it('lets only staff in', async () => {
    for (const url of [
      '/reports',
      '/reports/2021',
      '/reports/2021.xlsx',
      '/reports/2021.csv',
      '/reports/2021.pdf',
      '/reports/2021/charts/byMonth.svg',
    ]) {
      expect((await clients.volunteer.get(url)).status, url).toBe(403)
      expect((await clients.partner_contact.get(url)).status, url).toBe(403)
      const anonymous = await clients.anonymous.get(url)
      expect(anonymous.status, url).toBe(302)
      expect(anonymous.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
    }
    expect((await clients.volunteer.post('/reports/2021', { intent: 'close' })).status).toBe(403)
    expect((await coordinator.post('/reports/2021', { intent: 'close' })).status).toBe(403)
  })

  it('exports XLSX (read back with exceljs) that /reports/:year does not swallow', async () => {
    const res = await coordinator.get(`/reports/2021.xlsx?site=${branch}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer)
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['活动开展', '外出服务与图书', '志愿服务', '合作学校与单位'])
    const sheet = workbook.getWorksheet('活动开展')!
    const period = sheet.getRow(1)
    expect(period.getCell(2).value).toBeInstanceOf(Date)
    const sessions = sheet.getRow(2)
    expect(sessions.getCell(1).value).toBe('活动场次')
    expect(sessions.getCell(3).value).toBe(counted(specs, 2021, branch).length)
    expect(typeof sessions.getCell(3).value).toBe('number')
    const all = await coordinator.get('/reports/2021.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await all.arrayBuffer()) as unknown as ArrayBuffer)
    const cells: unknown[] = []
    book.getWorksheet('合作学校与单位')!.eachRow((row) => cells.push(row.getCell(1).value))
    expect(cells).toContain(`'=HYPERLINK("http://x")`)
    expect(cells.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false)
  })

  it('exports CSV with a BOM, numbers and formula-safe text', async () => {
    const res = await coordinator.get('/reports/2021.csv')
    expect(res.headers.get('content-type')).toContain('text/csv')
    const bytes = Buffer.from(await res.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parseCsv(bytes.subarray(3).toString('utf8'))
    const sessions = rows.find((r) => r[1] === '活动场次')!
    expect(Number(sessions[4])).toBe(counted(specs, 2021).length)
    const school = rows.find((r) => r[2]?.includes('HYPERLINK'))!
    expect(school[2]!.startsWith("'=")).toBe(true)
    expect(rows.some((r) => r.some((cell) => cell.includes(leaving.name)))).toBe(false)
  })

  it('exports a PDF whose text holds the headline numbers', async () => {
    const res = await coordinator.get('/reports/2021.pdf')
    expect(res.headers.get('content-type')).toBe('application/pdf')
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-pdf-')), 'r.pdf')
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()))
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    expect(text).toContain('2021年度报表')
    expect(text).toContain(`活动场次：${counted(specs, 2021).length}`)
    expect(text).toContain('确认收到图书：136')
  })

  it('stores entered figures with who entered them', async () => {
    const res = await coordinator.post('/reports/2021', { intent: 'entered', visitors: '915878', loans: '201158' })
    expect(res.status).toBe(302)
    const html = await (await coordinator.get('/reports/2021')).text()
    expect(html).toMatch(/value="915878"/)
    expect(html).toContain('录入 ·')
    expect((await coordinator.post('/reports/2021', { intent: 'entered', visitors: '-5' })).status).toBe(200)
    expect((await coordinator.post('/reports/2021', { intent: 'entered', visitors: '=1+1' })).status).toBe(200)
  })

  it('serves a closed year from its snapshot through edits and anonymisation, and audits reopening', async () => {
    const db = app.database.db
    const before = await (await coordinator.get('/reports/2021')).text()
    const monthChart = async () => (await coordinator.get('/reports/2021/charts/byMonth.svg')).text()
    const chartBefore = await monthChart()
    expect((await admin.post('/reports/2021', { intent: 'close' })).status).toBe(302)
    await deleteAccount(
      db,
      {
        accountId: leaving.id,
        role: 'volunteer',
        partnerOrganisationId: null,
        name: leaving.name,
        email: leaving.email,
        locale: 'zh-CN',
        emailVerified: true,
      },
      PASSWORD,
      { now: new Date(), ip: '127.0.0.1', appOrigin: app.url },
    )
    await insertActivity(db, { type: 'lecture', startsAt: '2021-08-08T02:00:00.000Z', siteId: main, participants: 5 })
    const after = await (await coordinator.get('/reports/2021')).text()
    expect(figure(after, 'sessions')).toBe(figure(before, 'sessions'))
    expect(figure(after, 'approvedHours')).toBe(figure(before, 'approvedHours'))
    // The chart is drawn from the snapshot too (the live data has one more August session).
    expect(await monthChart()).toBe(chartBefore)
    // The comparison with the live data is computed only when asked for.
    expect(after).not.toContain('data-change=')
    expect(after).toContain('href="/reports/2021?changes=1"')
    const compared = await (await coordinator.get('/reports/2021?changes=1')).text()
    expect(figure(compared, 'sessions')).toBe(figure(before, 'sessions'))
    expect(compared).toContain('data-change="activities.sessions"')
    expect((await coordinator.get('/reports/2021?changes=yes')).status).toBe(400)
    // The deleted volunteer's hours still count in the live data (the diff has no hours change).
    expect(compared).not.toContain('data-change="volunteers.approvedHours"')
    const xlsx = new ExcelJS.Workbook()
    await xlsx.xlsx.load(
      Buffer.from(await (await coordinator.get('/reports/2021.xlsx')).arrayBuffer()) as unknown as ArrayBuffer,
    )
    expect(xlsx.getWorksheet('活动开展')!.getRow(2).getCell(3).value).toBe(figure(before, 'sessions'))
    expect((await coordinator.post('/reports/2021', { intent: 'entered', visitors: '1' })).status).toBe(409)
    expect((await admin.post('/reports/2021', { intent: 'reopen', reason: '' })).status).toBe(200)
    expect((await admin.post('/reports/2021', { intent: 'reopen', reason: '补录12月活动' })).status).toBe(302)
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', 'in', ['report_closed', 'report_reopened'])
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['report_closed', 'report_reopened'])
    expect(audit[1]!.details).toContain('补录12月活动')
    expect(figure(await (await coordinator.get('/reports/2021')).text(), 'sessions')).toBe(
      figure(before, 'sessions') + 1,
    )
    expect(await monthChart()).not.toBe(chartBefore)
  })
})
