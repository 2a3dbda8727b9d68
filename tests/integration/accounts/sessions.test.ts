/**
 * S3 — the session lifecycle: only SHA-256 of the secret is stored; tampered,
 * idle, too old or signed-out sessions stop working; renewal is written at most
 * hourly; every sign-in is a new session; password reset, password change,
 * email verification and a role change end every session of the account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '#db/schema'
import { createSession, validateSessionToken } from '~/auth/session.server'
import { startTestApp, type TestApp } from '../../support/app'
import { followToast } from '../../support/toast'
import { describeEachDialect } from '../../support/databases'
import type { HttpClient } from '../../support/http-client'
import {
  PASSWORD,
  allTextValues,
  codeIn,
  createAccount,
  createPartnerOrganisation,
  mailTo,
  nextIp,
  registrationFields,
  resetPathIn,
  sessionClient,
  sha256Hex,
  signInClient,
} from './helpers'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

describeEachDialect('session lifecycle', (dialect) => {
  let app: TestApp

  beforeAll(async () => {
    app = await startTestApp(dialect)
  })
  afterAll(async () => {
    await app?.close()
  })

  const db = () => app.database.db
  const sessionsOf = (accountId: number) =>
    db().selectFrom('session').selectAll().where('account_id', '=', accountId).execute()

  /** GET /me: 200 when the client's session works, else the redirect to sign in (which also clears the cookie). */
  async function expectSignedOut(client: HttpClient) {
    const response = await client.get('/me')
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/login?redirectTo=%2Fme')
    expect(response.headers.getSetCookie().join('\n')).toMatch(/^session=; .*Max-Age=0/m)
  }
  async function expectSignedIn(client: HttpClient) {
    const response = await client.get('/me')
    expect(response.status).toBe(200)
    await response.arrayBuffer()
  }

  it('stores only SHA-256 of the secret: neither the token nor the secret is anywhere in the database', async () => {
    const account = await createAccount(db())
    const client = await signInClient(app, account.email)
    const token = client.cookie('session')!
    const [id, secret] = token.split('.') as [string, string]
    expect(id).toMatch(/^[a-z2-9]{24}$/)
    expect(secret.length).toBeGreaterThanOrEqual(52)

    const values = await allTextValues(db())
    expect(values.length).toBeGreaterThan(0)
    expect(values.filter(({ value }) => value.includes(token))).toEqual([])
    expect(values.filter(({ value }) => value.includes(secret))).toEqual([])

    const [row] = await sessionsOf(account.id)
    expect(row!.id).toBe(id)
    expect(row!.secret_hash).toBe(sha256Hex(secret))
    await expectSignedIn(client)
  })

  it('a tampered secret (or id) is refused: GET /me redirects to sign in and clears the cookie', async () => {
    const account = await createAccount(db())
    const client = await signInClient(app, account.email)
    const token = client.cookie('session')!
    const [id, secret] = token.split('.') as [string, string]
    const flipped = (s: string) => s.slice(0, -1) + (s.endsWith('a') ? 'b' : 'a')
    for (const forged of [
      `${id}.${flipped(secret)}`,
      `${flipped(id)}.${secret}`,
      `${id}.${secret}.x`,
      id,
      `${id}.`,
      `.${secret}`,
    ]) {
      client.setCookie('session', forged)
      await expectSignedOut(client)
    }
    // The real token still works: a forgery does not end the genuine session.
    client.setCookie('session', token)
    await expectSignedIn(client)
  })

  describe('expiry (validateSessionToken with a shifted clock)', () => {
    const lifetimes: [Role, number, number][] = [
      ['volunteer', 10 * DAY, 30 * DAY],
      ['partner_contact', 10 * DAY, 30 * DAY],
      ['coordinator', 12 * HOUR, 7 * DAY],
      ['admin', 12 * HOUR, 7 * DAY],
    ]

    for (const [role, idle, absolute] of lifetimes) {
      it(`${role}: idle timeout ${idle / HOUR} h, absolute lifetime ${absolute / DAY} d`, async () => {
        const organisation =
          role === 'partner_contact' ? await createPartnerOrganisation(db(), `合作单位 ${role}`) : undefined
        const account = await createAccount(db(), { role, partnerOrganisationId: organisation })
        const t0 = new Date()
        const at = (ms: number) => new Date(t0.getTime() + ms)

        // Idle: just inside works, the timeout itself does not, and the row is deleted.
        const almost = await createSession(db(), account, t0)
        expect(await validateSessionToken(db(), almost.token, at(idle - MINUTE))).not.toBeNull()
        const idled = await createSession(db(), account, t0)
        expect(await validateSessionToken(db(), idled.token, at(idle))).toBeNull()
        expect(
          await db().selectFrom('session').select('id').where('id', '=', idled.id).executeTakeFirst(),
        ).toBeUndefined()

        // Absolute: kept busy (never idle), it still ends at the absolute lifetime.
        const busy = await createSession(db(), account, t0)
        const step = idle - HOUR
        let t = 0
        while (t + step < absolute) {
          t += step
          expect(await validateSessionToken(db(), busy.token, at(t)), `at +${t / HOUR} h`).not.toBeNull()
        }
        expect(await validateSessionToken(db(), busy.token, at(absolute))).toBeNull()
        expect(
          await db().selectFrom('session').select('id').where('id', '=', busy.id).executeTakeFirst(),
        ).toBeUndefined()
        // The cookie lives as long as the absolute lifetime.
        expect(busy.maxAgeSeconds).toBe(absolute / 1000)
      })
    }

    it('last_verified_at is not written at +30 min, is written at +61 min', async () => {
      const account = await createAccount(db())
      const t0 = new Date()
      const session = await createSession(db(), account, t0)
      const lastVerified = async () =>
        (
          await db()
            .selectFrom('session')
            .select('last_verified_at')
            .where('id', '=', session.id)
            .executeTakeFirstOrThrow()
        ).last_verified_at
      expect(await lastVerified()).toBe(t0.toISOString())
      expect(await validateSessionToken(db(), session.token, new Date(t0.getTime() + 30 * MINUTE))).not.toBeNull()
      expect(await lastVerified()).toBe(t0.toISOString())
      const later = new Date(t0.getTime() + 61 * MINUTE)
      expect(await validateSessionToken(db(), session.token, later)).not.toBeNull()
      expect(await lastVerified()).toBe(later.toISOString())
      // And the idle window restarts from there.
      expect(
        await validateSessionToken(db(), session.token, new Date(later.getTime() + 10 * DAY - MINUTE)),
      ).not.toBeNull()
    })
  })

  it('every sign-in creates a new, different session; a cookie planted before sign-in is replaced', async () => {
    const account = await createAccount(db())
    const client = app.client({ ip: nextIp() })
    const planted = (await createSession(db(), { id: (await createAccount(db())).id, role: 'volunteer' }, new Date()))
      .token
    client.setCookie('session', planted)
    expect((await client.post('/login', { email: account.email, password: PASSWORD, redirectTo: '/me' })).status).toBe(
      302,
    )
    const first = client.cookie('session')!
    expect(first).not.toBe(planted)
    expect((await client.post('/login', { email: account.email, password: PASSWORD, redirectTo: '/me' })).status).toBe(
      302,
    )
    const second = client.cookie('session')!
    expect(second).not.toBe(first)
    const rows = await sessionsOf(account.id)
    expect(rows.map((row) => row.id).sort()).toEqual([first.split('.')[0], second.split('.')[0]].sort())
  })

  it('logout deletes the session: replaying the old cookie is redirected to sign in', async () => {
    const account = await createAccount(db())
    const client = await signInClient(app, account.email)
    const token = client.cookie('session')!
    const other = await signInClient(app, account.email)
    const response = await client.post('/logout', {})
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/login')
    expect(response.headers.get('set-cookie')).toContain('toast=')
    expect(response.headers.getSetCookie().join('\n')).toMatch(/^session=; .*Max-Age=0/m)
    expect(client.cookie('session')).toBeUndefined()
    expect(
      await db().selectFrom('session').select('id').where('id', '=', token.split('.')[0]!).executeTakeFirst(),
    ).toBeUndefined()

    const replay = app.client({ ip: nextIp() })
    replay.setCookie('session', token)
    await expectSignedOut(replay)
    // Only that session ended.
    await expectSignedIn(other)
  })

  it('a password reset through the emailed link ends every session of the account', async () => {
    const account = await createAccount(db())
    const laptop = await signInClient(app, account.email)
    const phone = await sessionClient(app, account)
    const bystander = await sessionClient(app, await createAccount(db()))
    expect(await sessionsOf(account.id)).toHaveLength(2)

    await app.deliverMail()
    const anonymous = app.client({ ip: nextIp() })
    expect((await anonymous.post('/forgot-password', { email: account.email })).status).toBe(200)
    const path = resetPathIn(mailTo(await app.deliverMail(), account.email))
    expect((await anonymous.get(path)).status).toBe(200)
    const reset = await anonymous.post(path, { password: 'a new and long passphrase' })
    await followToast(anonymous, reset, '/login', '密码已重设，请用新密码登录')

    expect(await sessionsOf(account.id)).toEqual([])
    await expectSignedOut(laptop)
    await expectSignedOut(phone)
    await expectSignedIn(bystander)
  })

  it('a password change ends every other session; the browser that changed it gets a new one', async () => {
    const account = await createAccount(db())
    const laptop = await signInClient(app, account.email)
    const phone = await sessionClient(app, account)
    const oldToken = laptop.cookie('session')!
    const response = await laptop.post('/me/security', {
      intent: 'password',
      currentPassword: PASSWORD,
      newPassword: 'a different long passphrase',
    })
    await followToast(laptop, response, '/me/security', '密码已修改，其他设备已退出登录')
    const newToken = laptop.cookie('session')!
    expect(newToken).not.toBe(oldToken)

    const rows = await sessionsOf(account.id)
    expect(rows.map((row) => row.id)).toEqual([newToken.split('.')[0]])
    await expectSignedOut(phone)
    await expectSignedIn(laptop)
    const replay = app.client({ ip: nextIp() })
    replay.setCookie('session', oldToken)
    await expectSignedOut(replay)
  })

  it('verifying the email ends every session; the verifying browser gets a new one', async () => {
    const fields = registrationFields()
    const laptop = app.client({ ip: nextIp() })
    await app.deliverMail()
    expect((await laptop.post('/register', fields)).status).toBe(302)
    const code = codeIn(mailTo(await app.deliverMail(), fields.email!))
    const account = await db()
      .selectFrom('account')
      .select(['id', 'role'])
      .where('email_normalised', '=', fields.email!)
      .executeTakeFirstOrThrow()
    const phone = await sessionClient(app, account)
    const registrationToken = laptop.cookie('session')!

    const verified = await laptop.post('/verify-email', { code })
    await followToast(laptop, verified, '/me', '邮箱验证成功')
    expect(laptop.cookie('session')).not.toBe(registrationToken)
    const rows = await sessionsOf(account.id)
    expect(rows.map((row) => row.id)).toEqual([laptop.cookie('session')!.split('.')[0]])
    await expectSignedOut(phone)
    await expectSignedIn(laptop)
  })

  it('a role change ends every session of the account', async () => {
    const admin = await createAccount(db(), { role: 'admin' })
    const adminClient = await sessionClient(app, admin)
    const account = await createAccount(db())
    const laptop = await signInClient(app, account.email)
    const phone = await sessionClient(app, account)
    expect(await sessionsOf(account.id)).toHaveLength(2)
    const response = await adminClient.post('/admin/accounts', { accountId: String(account.id), role: 'coordinator' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/admin/accounts')
    expect(await sessionsOf(account.id)).toEqual([])
    await expectSignedOut(laptop)
    await expectSignedOut(phone)
    await expectSignedIn(adminClient)
  })
})
