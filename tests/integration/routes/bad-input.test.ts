/**
 * Hostile URLs never reach a 500: each route parses its params and search
 * params first and answers 400 (a value that cannot be one) or 404 (an id or
 * token that names nothing) with the translated error page, in Chinese by
 * default and in English with the `lng=en` cookie.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import type { HttpClient } from '../../support/http-client'
import { createAccount, createShift, createSite, sessionClient } from '../accounts/helpers'

type Who = 'anonymous' | 'volunteer' | 'coordinator' | 'admin'

/** Ids that are not ids, or are out of the databases' range. */
const BAD_IDS = ['0', '-1', '1e3', '+7', '07', '%207', 'abc', '2147483648', '99999999999999999999', '1.5', '%00']
const BAD_DAYS = ['2021-13-45', '2021-02-30', '0000-01-01', '99999-01-01', 'yesterday', '2021-1-1', '%00']

function table(): [Who, string, 400 | 404][] {
  return [
    // The volunteers' calendar: dates, ids and enums.
    ...BAD_DAYS.map((day): [Who, string, 400] => ['anonymous', `/shifts?view=month&date=${day}`, 400]),
    ['anonymous', '/shifts?view=year', 400],
    ['anonymous', '/shifts?view=list&from=2021-13-01&to=2021-14-01', 400],
    ['anonymous', '/shifts?from=2024-01-01&to=2024-02-31', 400],
    ['anonymous', '/shifts?site=1e3', 400],
    ['anonymous', '/shifts?site=99999999999', 400],
    ['anonymous', '/shifts?programme=-1', 400],
    ['anonymous', '/shifts?role=admin', 400],
    ['anonymous', '/shifts?can=yes', 400],
    ['anonymous', '/activities?type=%3Cscript%3E', 400],
    // A shift's own page, and acting on it.
    ...BAD_IDS.map((id): [Who, string, 404] => ['anonymous', `/shifts/${id}`, 404]),
    ['anonymous', '/shifts/2147483647', 404],
    // Staff pages.
    ...BAD_IDS.flatMap((id): [Who, string, 404][] => [
      ['coordinator', `/staff/shifts/${id}`, 404],
      ['coordinator', `/staff/shifts/${id}/edit`, 404],
      ['coordinator', `/staff/shifts/${id}/qr`, 404],
      ['volunteer', `/check-in/${id}`, 404],
      ['admin', `/admin/accounts/${id}`, 404],
    ]),
    ['coordinator', '/staff/shifts/2147483647', 404],
    ['coordinator', '/staff/shifts/2147483647/edit', 404],
    ['volunteer', '/check-in/2147483647', 404],
    ['admin', '/admin/accounts/2147483647', 404],
    ['coordinator', '/staff?site=abc', 400],
    ['coordinator', '/staff?site=99999999999', 400],
    ['coordinator', '/staff?site=-3', 400],
    ['admin', '/admin/accounts?role=superuser', 400],
    ['admin', '/admin/accounts?role=%00', 400],
  ]
}

const errorTitles = {
  'zh-CN': { 400: '请求有误', 404: '页面不存在' },
  en: { 400: 'Bad request', 404: 'Page not found' },
} as const

describeEachDialect('bad input in URLs', (dialect) => {
  let app: TestApp
  let clients: Record<Who, HttpClient>
  let shiftId: number

  beforeAll(async () => {
    app = await startTestApp(dialect)
    const db = app.database.db
    const [volunteer, coordinator, admin] = await Promise.all([
      createAccount(db),
      createAccount(db, { role: 'coordinator' }),
      createAccount(db, { role: 'admin' }),
    ])
    clients = {
      anonymous: app.client(),
      volunteer: await sessionClient(app, volunteer),
      coordinator: await sessionClient(app, coordinator),
      admin: await sessionClient(app, admin),
    }
    shiftId = await createShift(db, await createSite(db), new Date(Date.now() + 3 * 86_400_000), 2)
  }, 60_000)

  afterAll(async () => {
    await app?.close()
  })

  it('answers 400 or 404 with the Chinese error page, never 5xx', async () => {
    const wrong: string[] = []
    for (const [who, path, status] of table()) {
      const response = await clients[who].get(path)
      const body = await response.text()
      if (response.status !== status || !body.includes(errorTitles['zh-CN'][status])) {
        wrong.push(`${who} GET ${path} → ${response.status} (want ${status})`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('answers a feed token that names nothing with a bare 404 (a calendar app reads it, not a person)', async () => {
    for (const token of ['x'.repeat(300), '%00', '..%2F..%2Fetc%2Fpasswd']) {
      expect((await clients.anonymous.get(`/calendar/${token}.ics`)).status, token).toBe(404)
    }
  })

  it('answers in English to a reader who chose English', async () => {
    for (const [who, path, status] of [
      ['anonymous', '/shifts?view=month&date=2021-13-45', 400],
      ['anonymous', '/shifts/1e3', 404],
      ['coordinator', '/staff?site=abc', 400],
      ['admin', '/admin/accounts/99999999999', 404],
    ] as const) {
      const client = clients[who]
      client.setCookie('lng', 'en')
      const response = await client.get(path)
      client.setCookie('lng', 'zh-CN')
      expect(response.status, path).toBe(status)
      const body = await response.text()
      expect(body, path).toContain(errorTitles.en[status])
      expect(body, path).toContain(`Error ${status}`)
    }
  })

  it('answers a well-formed URL normally, so the table above is about the input', async () => {
    expect((await clients.anonymous.get('/shifts?view=month&date=2024-02-29')).status).toBe(200)
    expect((await clients.anonymous.get('/shifts?site=&programme=&role=&view=list')).status).toBe(200)
    expect((await clients.anonymous.get(`/shifts/${shiftId}`)).status).toBe(200)
    expect((await clients.coordinator.get(`/staff/shifts/${shiftId}`)).status).toBe(200)
    expect((await clients.coordinator.get('/staff?site=1')).status).toBe(200)
    expect((await clients.admin.get('/admin/accounts?role=volunteer')).status).toBe(200)
  })

  it('answers a tampered form on a shift page with 400 or 404, never 5xx', async () => {
    const volunteer = clients.volunteer
    const posts: [string, Record<string, string>][] = [
      [`/shifts/${shiftId}`, { intent: 'nonsense' }],
      [`/shifts/${shiftId}`, { intent: 'cancel', signupId: '99999999999' }],
      [`/shifts/${shiftId}`, { intent: 'take', offerId: '1e3' }],
      ['/shifts/99999999999', { intent: 'signup' }],
      ['/check-in/99999999999', { code: '123456' }],
    ]
    for (const [path, fields] of posts) {
      const response = await volunteer.post(path, fields)
      expect([400, 404], `POST ${path} ${JSON.stringify(fields)} → ${response.status}`).toContain(response.status)
    }
    const coordinator = clients.coordinator
    const rosterPosts: Record<string, string>[] = [
      { intent: 'mark', signupId: '99999999999', attendance: 'attended' },
      { intent: 'remove', signupId: '-1', reason: 'x' },
      { intent: 'unknown' },
    ]
    for (const fields of rosterPosts) {
      const response = await coordinator.post(`/staff/shifts/${shiftId}`, fields)
      expect([400, 404], `POST roster ${JSON.stringify(fields)} → ${response.status}`).toContain(response.status)
    }
  })
})
