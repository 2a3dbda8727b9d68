/**
 * S1 — CSRF: every state-changing route refuses anything but a same-origin
 * request, before Remix sees it, and a refused request changes nothing.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import { followToast } from '../../support/toast'
import { describeEachDialect } from '../../support/databases'
import {
  PASSWORD,
  createAccount,
  dumpDatabase,
  form,
  nextIp,
  rawRequest,
  registrationFields,
  sessionClient,
  sessionCookieName,
  type TestAccount,
} from './helpers'

const REFUSED_BODY = 'Cross-site request refused'

describeEachDialect('CSRF protection', (dialect) => {
  let app: TestApp
  let admin: TestAccount
  let volunteer: TestAccount
  let adminCookie: string

  beforeAll(async () => {
    app = await startTestApp(dialect)
    admin = await createAccount(app.database.db, { role: 'admin' })
    volunteer = await createAccount(app.database.db)
    const client = await sessionClient(app, admin)
    adminCookie = `${sessionCookieName(app)}=${client.cookie(sessionCookieName(app))}`
  })
  afterAll(async () => {
    await app?.close()
  })
  beforeEach(() => {
    // Each refusal is logged; keep the output readable (the first test counts the lines).
    vi.spyOn(console, 'warn').mockImplementation(() => {})
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  /** Every route that takes a POST, with a body that would change something if it got through. */
  const routes = (): [string, Record<string, string>][] => [
    ['/login', { email: admin.email, password: PASSWORD, redirectTo: '/me' }],
    ['/register', registrationFields({ email: 'csrf-victim@example.org' })],
    ['/logout', {}],
    ['/verify-email', { intent: 'resend' }],
    ['/forgot-password', { email: admin.email }],
    ['/reset-password/x', { password: 'a brand new passphrase' }],
    ['/invitations/x', { name: '攻击者', password: 'a brand new passphrase' }],
    ['/me', { name: '被篡改的名字', phone: '13900000000' }],
    ['/me/security', { intent: 'password', currentPassword: PASSWORD, newPassword: 'another long passphrase' }],
    ['/me/privacy', { password: PASSWORD, confirm: 'on' }],
    ['/me/export', {}],
    ['/admin/accounts', { accountId: String(volunteer.id), role: 'admin' }],
    ['/admin/accounts/invite', { email: 'invitee@example.org', role: 'admin' }],
    ['/resources/locale', { locale: 'en', redirectTo: '/' }],
  ]

  const refusedCases = (): [string, Record<string, string>][] => [
    // Sec-Fetch-Site decides when present, whatever Origin says.
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site', origin: app.url }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site', origin: app.url }],
    ['Sec-Fetch-Site: none', { 'sec-fetch-site': 'none', origin: app.url }],
    ['no Sec-Fetch-Site, foreign Origin', { origin: 'https://evil.example' }],
    ['no Sec-Fetch-Site, no Origin', {}],
    ["no Sec-Fetch-Site, Origin 'null'", { origin: 'null' }],
    ['no Sec-Fetch-Site, Origin on another port', { origin: new URL(app.url).origin.replace(/:\d+$/, ':1') }],
    ['no Sec-Fetch-Site, Origin extending the host', { origin: `${app.url}.evil.example` }],
    // Remix's own check trusts X-Forwarded-Host; ours compares with APP_ORIGIN only.
    [
      'no Sec-Fetch-Site, foreign Origin, matching X-Forwarded-Host',
      { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' },
    ],
  ]

  it('refuses every route × every cross-site header case with 403, logs each, and the database does not change', async () => {
    const warn = vi.mocked(console.warn)
    const before = await dumpDatabase(app.database.db)
    let refused = 0
    for (const [path, fields] of routes()) {
      for (const [name, headers] of refusedCases()) {
        const response = await rawRequest(app, path, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            cookie: adminCookie,
            'x-forwarded-for': nextIp(),
            ...headers,
          },
          body: form(fields),
        })
        const body = await response.text()
        expect(response.status, `${path} with ${name}`).toBe(403)
        expect(body, `${path} with ${name}`).toContain(REFUSED_BODY)
        expect(response.headers.getSetCookie(), `${path} with ${name}`).toEqual([])
        refused++
      }
    }
    expect(refused).toBe(routes().length * refusedCases().length)
    expect(await dumpDatabase(app.database.db)).toEqual(before)
    const logged = warn.mock.calls.filter(([line]) => String(line).startsWith('[csrf] refused POST'))
    expect(logged).toHaveLength(refused)
  })

  it('lets same-origin requests through on every route', async () => {
    const cases: [string, Record<string, string>][] = [
      ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
      ['no Sec-Fetch-Site, Origin == app origin', { origin: app.url }],
    ]
    for (const [path] of routes()) {
      for (const [name, headers] of cases) {
        // Anonymous and with an empty form: the action answers (400, a form reply, a redirect to sign in), never the CSRF 403.
        const response = await rawRequest(app, path, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': nextIp(), ...headers },
          body: '',
        })
        const body = await response.text()
        expect(response.status, `${path} with ${name}`).not.toBe(403)
        expect(response.status, `${path} with ${name}`).toBeLessThan(500)
        expect(body, `${path} with ${name}`).not.toContain(REFUSED_BODY)
      }
    }
  })

  describe('a refused request has no effect, the same request same-origin does', () => {
    it('POST /register', async () => {
      const fields = registrationFields({ email: 'cross-site-signup@example.org' })
      const refused = await rawRequest(app, '/register', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'sec-fetch-site': 'cross-site',
          'x-forwarded-for': nextIp(),
        },
        body: form(fields),
      })
      expect(refused.status).toBe(403)
      const db = app.database.db
      expect(
        await db.selectFrom('account').select('id').where('email_normalised', '=', fields.email!).executeTakeFirst(),
      ).toBeUndefined()
      expect(
        await db.selectFrom('email_outbox').select('id').where('to_address', '=', fields.email!).executeTakeFirst(),
      ).toBeUndefined()

      const accepted = await app.client({ ip: nextIp() }).post('/register', fields)
      expect(accepted.status).toBe(302)
      expect(
        await db.selectFrom('account').select('role').where('email_normalised', '=', fields.email!).executeTakeFirst(),
      ).toEqual({ role: 'volunteer' })
    })

    it('POST /admin/accounts (role change) and POST /logout', async () => {
      const db = app.database.db
      const target = await createAccount(db)
      const adminClient = await sessionClient(app, admin)
      const cookie = `${sessionCookieName(app)}=${adminClient.cookie(sessionCookieName(app))}`
      const sessionsBefore = await db.selectFrom('session').select('id').where('account_id', '=', admin.id).execute()

      for (const path of ['/admin/accounts', '/logout']) {
        const response = await rawRequest(app, path, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', cookie },
          body: form({ accountId: String(target.id), role: 'admin' }),
        })
        expect(response.status).toBe(403)
      }
      expect(await db.selectFrom('account').select('role').where('id', '=', target.id).executeTakeFirst()).toEqual({
        role: 'volunteer',
      })
      expect(await db.selectFrom('session').select('id').where('account_id', '=', admin.id).execute()).toEqual(
        sessionsBefore,
      )

      const accepted = await adminClient.post('/admin/accounts', { accountId: String(target.id), role: 'coordinator' })
      await followToast(adminClient, accepted, '/admin/accounts', '角色已修改，该用户需重新登录')
      expect(await db.selectFrom('account').select('role').where('id', '=', target.id).executeTakeFirst()).toEqual({
        role: 'coordinator',
      })
    })
  })
})
