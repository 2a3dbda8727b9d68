/**
 * S11 — logs and the audit log never hold secrets. Known values (passwords,
 * session tokens, the verification code, the reset token) go through register
 * → verify → wrong sign-ins → reset; everything written to the console or to
 * stdout/stderr meanwhile, and every audit row, is searched for them.
 */
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import { codeIn, mailTo, nextIp, rawRequest, registrationFields, resetPathIn } from './helpers'

describeEachDialect('no secrets in logs', (dialect) => {
  let app: TestApp
  const lines: string[] = []

  beforeAll(async () => {
    app = await startTestApp(dialect)
  })
  afterAll(async () => {
    await app?.close()
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  function captureLogs() {
    const keep = (...args: unknown[]) => {
      lines.push(
        args
          .map((arg) =>
            arg instanceof Error
              ? `${arg.message}\n${arg.stack}`
              : typeof arg === 'string'
                ? arg
                : (JSON.stringify(arg) ?? String(arg)),
          )
          .join(' '),
      )
    }
    for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const)
      vi.spyOn(console, level).mockImplementation(keep)
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown) => {
        keep(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'))
        return true
      }) as typeof stream.write)
    }
  }

  it('register → verify → wrong sign-ins → reset: no password, token, code or reset token in any log line or audit row', async () => {
    lines.length = 0
    const secrets: string[] = []
    const remember = (...values: string[]) => secrets.push(...values.filter(Boolean))
    await app.deliverMail()
    captureLogs()

    const fields = registrationFields({ password: 'Ungessable-Register-Passphrase-4711' })
    remember(fields.password!)
    const client = app.client({ ip: nextIp() })
    expect((await client.post('/register', fields)).status).toBe(302)
    const registrationToken = client.cookie('session')!
    remember(registrationToken, registrationToken.split('.')[1]!)

    const code = codeIn(mailTo(await app.deliverMail(), fields.email!))
    remember(code)
    const wrongCode = code === '00000000' ? '11111111' : '00000000'
    expect((await client.post('/verify-email', { code: wrongCode })).status).toBe(400)
    expect((await client.post('/verify-email', { code })).status).toBe(302)
    const verifiedToken = client.cookie('session')!
    remember(verifiedToken, verifiedToken.split('.')[1]!)

    const stranger = app.client({ ip: nextIp() })
    for (const guess of ['Wrong-Guess-Alpha-9931', 'Wrong-Guess-Bravo-9932', 'Wrong-Guess-Charlie-9933']) {
      remember(guess)
      expect((await stranger.post('/login', { email: fields.email!, password: guess })).status).toBe(400)
    }
    // A refused cross-site request is logged; CR/LF in its path stay escaped.
    const refused = await rawRequest(app, '/login%0D%0A[csrf]%20forged%20line', {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site' },
    })
    expect(refused.status).toBe(403)

    const anonymous = app.client({ ip: nextIp() })
    expect((await anonymous.post('/forgot-password', { email: fields.email! })).status).toBe(200)
    const resetPath = resetPathIn(mailTo(await app.deliverMail(), fields.email!))
    remember(resetPath.split('/').pop()!)
    expect((await anonymous.get(resetPath)).status).toBe(200)
    const newPassword = 'Ungessable-Reset-Passphrase-0815'
    remember(newPassword)
    expect((await anonymous.post(resetPath, { password: newPassword })).status).toBe(302)
    const signedIn = app.client({ ip: nextIp() })
    expect((await signedIn.post('/login', { email: fields.email!, password: newPassword })).status).toBe(302)
    remember(signedIn.cookie('session')!, signedIn.cookie('session')!.split('.')[1]!)
    // A session token sent back in a cookie is not logged either.
    expect((await signedIn.get('/me')).status).toBe(200)
    vi.restoreAllMocks()

    expect(secrets.length).toBeGreaterThanOrEqual(12)
    const csrfLines = lines.filter((line) => line.includes('[csrf] refused'))
    expect(csrfLines).toHaveLength(1)
    expect(csrfLines[0]).not.toMatch(/[\r\n]\[csrf\] forged/)
    for (const line of lines) {
      for (const secret of secrets)
        expect(line.includes(secret), `log line leaks a secret: ${line.slice(0, 200)}`).toBe(false)
    }

    const audit = await app.database.db.selectFrom('audit_log').selectAll().execute()
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(['account_registered', 'email_verified', 'sign_in_failed', 'password_reset', 'sign_in']),
    )
    for (const row of audit) {
      const text = JSON.stringify(row)
      for (const secret of secrets) expect(text.includes(secret), `audit row ${row.action} leaks a secret`).toBe(false)
    }
  })
})
