/**
 * S5 / E4 — throttling: a burst of wrong passwords for one account is slowed
 * (5, then one a minute), never locked; a whole class behind one address can
 * sign in; mail-sending forms cannot flood a mailbox.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { signIn } from '~/domain/accounts/sign-in.server'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import { PASSWORD, createAccount, mailTo, nextIp, sessionClient } from './helpers'

const THROTTLED_ZH = /尝试次数过多，请 1 分钟后再试/

/** Runs `count` calls of `fn`, `concurrency` at a time. */
async function inBatches<T>(count: number, concurrency: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = []
  for (let start = 0; start < count; start += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - start) }, (_, k) => fn(start + k))
    results.push(...(await Promise.all(batch)))
  }
  return results
}

describeEachDialect('throttling', (dialect) => {
  let app: TestApp

  beforeAll(async () => {
    app = await startTestApp(dialect)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('5 wrong passwords → 400 each; the 6th and even the right password → 429 with a Chinese message; after 2 minutes the right one works', async () => {
    const account = await createAccount(app.database.db)
    const client = app.client({ ip: nextIp() })
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await client.post('/login', { email: account.email, password: `wrong password ${attempt}` })
      expect(response.status, `attempt ${attempt}`).toBe(400)
      expect(await response.text()).toContain('邮箱或密码不正确')
    }
    const sixth = await client.post('/login', { email: account.email, password: 'wrong password 6' })
    expect(sixth.status).toBe(429)
    expect(await sixth.text()).toMatch(THROTTLED_ZH)

    // The address is what is throttled, whatever its case.
    const right = await client.post('/login', { email: account.email.toUpperCase(), password: PASSWORD })
    expect(right.status).toBe(429)
    expect(await right.text()).toMatch(THROTTLED_ZH)
    expect(right.headers.getSetCookie().filter((header) => header.startsWith('session='))).toEqual([])
    expect(
      await app.database.db.selectFrom('session').select('id').where('account_id', '=', account.id).execute(),
    ).toEqual([])

    // Two minutes later the bucket has refilled: no lockout.
    const later = { now: new Date(Date.now() + 2 * 60_000), ip: nextIp(), appOrigin: app.url }
    const session = await signIn(app.database.db, { email: account.email, password: PASSWORD }, later)
    expect(session.accountId).toBe(account.id)
    expect(session.token).toMatch(/^[a-z2-9]{24}\./)
  })

  it('30 different people behind one school address all sign in', async () => {
    const ip = nextIp()
    const accounts = await Promise.all(Array.from({ length: 30 }, () => createAccount(app.database.db)))
    const responses = await inBatches(accounts.length, 6, (i) =>
      app.client({ ip }).post('/login', { email: accounts[i]!.email, password: PASSWORD, redirectTo: '/me' }),
    )
    expect(responses.map((response) => response.status)).toEqual(accounts.map(() => 302))
    const sessions = await app.database.db
      .selectFrom('session')
      .select('account_id')
      .where(
        'account_id',
        'in',
        accounts.map((account) => account.id),
      )
      .execute()
    expect(new Set(sessions.map((row) => row.account_id)).size).toBe(30)
  })

  it('E4: 100 "forgot password" requests for one address queue at most 3 mails', async () => {
    const account = await createAccount(app.database.db)
    const ip = nextIp()
    const responses = await inBatches(100, 10, () =>
      app.client({ ip }).post('/forgot-password', { email: account.email }),
    )
    const statuses = responses.map((response) => response.status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(3)
    expect(statuses.filter((status) => status === 429)).toHaveLength(97)
    const rows = await app.database.db
      .selectFrom('email_outbox')
      .select('id')
      .where('to_address', '=', account.email)
      .execute()
    expect(rows.length).toBeGreaterThanOrEqual(1)
    expect(rows.length).toBeLessThanOrEqual(3)
    const mails = (await app.deliverMail()).filter((mail) => mail.to.includes(account.email))
    expect(mails.length).toBeLessThanOrEqual(3)
    // Only the newest link is live.
    expect(
      await app.database.db.selectFrom('password_reset').select('id').where('account_id', '=', account.id).execute(),
    ).toHaveLength(1)
  })

  it('E4: 100 "send the code again" requests queue at most 3 mails', async () => {
    const account = await createAccount(app.database.db, { verified: false })
    const client = await sessionClient(app, account)
    await app.deliverMail()
    const responses = await inBatches(100, 10, () => client.post('/verify-email', { intent: 'resend' }))
    const statuses = responses.map((response) => response.status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(3)
    expect(statuses.filter((status) => status === 429)).toHaveLength(97)
    const rows = await app.database.db
      .selectFrom('email_outbox')
      .select('id')
      .where('to_address', '=', account.email)
      .where('template', '=', 'email-verification')
      .execute()
    expect(rows.length).toBeLessThanOrEqual(3)
    const mails = (await app.deliverMail()).filter((mail) => mail.to.includes(account.email))
    expect(mails.length).toBeGreaterThanOrEqual(1)
    expect(mails.length).toBeLessThanOrEqual(3)
    expect(mailTo(mails, account.email).subject).toBeTruthy()
  })
})
