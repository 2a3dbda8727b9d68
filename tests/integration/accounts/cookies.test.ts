/**
 * S4 — the session cookie's attributes. Over https (APP_ORIGIN) it is
 * `__Host-session` with Secure and HSTS is sent; over plain http (a laptop
 * demo) it is `session` without Secure and without HSTS. The requests still
 * reach the loopback http URL; the client sends same-origin fetch metadata.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import { PASSWORD, createAccount, nextIp } from './helpers'

const attributes = (header: string) =>
  header
    .split(';')
    .slice(1)
    .map((part) => part.trim())

describeEachDialect('session cookie attributes', (dialect) => {
  describe('APP_ORIGIN https://tongxing.example', () => {
    let app: TestApp
    beforeAll(async () => {
      app = await startTestApp(dialect, { APP_ORIGIN: 'https://tongxing.example' })
    })
    afterAll(async () => {
      await app?.close()
    })

    it('signing in sets __Host-session; HttpOnly; SameSite=Lax; Path=/; Max-Age; Secure, and HSTS is on', async () => {
      const volunteer = await createAccount(app.database.db)
      const client = app.client({ ip: nextIp() })
      const response = await client.post('/login', { email: volunteer.email, password: PASSWORD, redirectTo: '/me' })
      expect(response.status).toBe(302)
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
      const cookies = response.headers.getSetCookie().filter((header) => header.startsWith('__Host-session='))
      expect(cookies).toHaveLength(1)
      const [cookie] = cookies as [string]
      expect(cookie).toMatch(/^__Host-session=[a-z2-9]{24}\.[a-z2-7]{52};/)
      expect(attributes(cookie).sort()).toEqual(
        ['HttpOnly', 'Max-Age=2592000', 'Path=/', 'SameSite=Lax', 'Secure'].sort(),
      )
      // No Domain attribute: a __Host- cookie must not have one.
      expect(cookie).not.toMatch(/domain=/i)
      expect(response.headers.getSetCookie().some((header) => /^session=/.test(header))).toBe(false)

      // The cookie is read back under that name.
      const me = await client.get('/me')
      expect(me.status).toBe(200)
      expect(me.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')

      // Signing out clears it with the same attributes.
      const out = await client.post('/logout', {})
      const cleared = out.headers.getSetCookie().find((header) => header.startsWith('__Host-session='))!
      expect(cleared).toMatch(/^__Host-session=;/)
      expect(attributes(cleared).sort()).toEqual(['HttpOnly', 'Max-Age=0', 'Path=/', 'SameSite=Lax', 'Secure'].sort())
    })

    it('a staff session cookie lives 7 days', async () => {
      const coordinator = await createAccount(app.database.db, { role: 'coordinator' })
      const response = await app
        .client({ ip: nextIp() })
        .post('/login', { email: coordinator.email, password: PASSWORD })
      expect(response.status).toBe(302)
      const cookie = response.headers.getSetCookie().find((header) => header.startsWith('__Host-session='))!
      expect(attributes(cookie)).toContain('Max-Age=604800')
      expect(attributes(cookie)).toContain('Secure')
    })

    it('a cookie named plain `session` is ignored over https', async () => {
      const volunteer = await createAccount(app.database.db)
      const client = app.client({ ip: nextIp() })
      await client.post('/login', { email: volunteer.email, password: PASSWORD })
      const token = client.cookie('__Host-session')!
      const other = app.client({ ip: nextIp() })
      other.setCookie('session', token)
      const response = await other.get('/me')
      expect(response.status).toBe(302)
      expect(response.headers.get('location')).toBe('/login?redirectTo=%2Fme')
    })
  })

  describe('APP_ORIGIN http (the default loopback URL)', () => {
    let app: TestApp
    beforeAll(async () => {
      app = await startTestApp(dialect)
    })
    afterAll(async () => {
      await app?.close()
    })

    it('signing in sets `session` without Secure, and no HSTS', async () => {
      const volunteer = await createAccount(app.database.db)
      const client = app.client({ ip: nextIp() })
      const response = await client.post('/login', { email: volunteer.email, password: PASSWORD, redirectTo: '/me' })
      expect(response.status).toBe(302)
      expect(response.headers.get('strict-transport-security')).toBeNull()
      const cookies = response.headers.getSetCookie().filter((header) => header.startsWith('session='))
      expect(cookies).toHaveLength(1)
      expect(attributes(cookies[0]!).sort()).toEqual(['HttpOnly', 'Max-Age=2592000', 'Path=/', 'SameSite=Lax'].sort())
      expect(response.headers.getSetCookie().some((header) => header.startsWith('__Host-'))).toBe(false)
      const me = await client.get('/me')
      expect(me.status).toBe(200)
      expect(me.headers.get('strict-transport-security')).toBeNull()
    })
  })
})
