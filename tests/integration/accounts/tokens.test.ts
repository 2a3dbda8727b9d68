/**
 * S6 — one-time codes and links. Verification codes: wrong tries are counted
 * and 5 end the code, 10 minutes, bound to one account, single use. Reset
 * links: opening one only looks, the POST spends it, 30 minutes, and a newer
 * link replaces the older one.
 */
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import { verifyPassword } from '~/auth/password.server'
import { requestPasswordReset } from '~/domain/accounts/password-reset.server'
import { issueVerificationCode, verifyEmailCode } from '~/domain/accounts/verification.server'
import { DomainError } from '~/domain/errors'
import { startTestApp, type TestApp } from '../../support/app'
import { followToast } from '../../support/toast'
import { describeEachDialect } from '../../support/databases'
import {
  codeIn,
  createAccount,
  mailTo,
  nextIp,
  outboxPayloads,
  registrationFields,
  resetPathIn,
  sessionClient,
  type TestAccount,
} from './helpers'

const MINUTE = 60_000
const WRONG_CODE_ZH = '验证码不正确，请检查后重新输入'
const INVALID_LINK_ZH = '此链接已失效或已使用过，请重新申请。'

describeEachDialect('one-time codes and links', (dialect) => {
  let app: TestApp
  const db = () => app.database.db

  beforeAll(async () => {
    app = await startTestApp(dialect)
  })
  afterAll(async () => {
    await app?.close()
  })

  const meta = (now: Date) => ({ now, ip: nextIp(), appOrigin: app.url })

  /** Issues a code for `account` at `now` and returns it (read from the queued mail's payload). */
  async function issueCode(account: TestAccount, now: Date): Promise<string> {
    await writeTransaction(db(), (trx) =>
      issueVerificationCode(trx, { id: account.id, name: account.name, locale: 'zh-CN' }, account.email, meta(now)),
    )
    const payloads = await outboxPayloads(db(), 'email-verification', account.email)
    return String(payloads[payloads.length - 1]!.code)
  }

  async function expectRefused(promise: Promise<unknown>, code: string) {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(DomainError)
    expect((error as DomainError).code).toBe(code)
  }

  const verificationRow = (accountId: number) =>
    db().selectFrom('email_verification').selectAll().where('account_id', '=', accountId).executeTakeFirst()
  const verifiedAt = async (accountId: number) =>
    (await db().selectFrom('account').select('email_verified_at').where('id', '=', accountId).executeTakeFirstOrThrow())
      .email_verified_at

  describe('email verification codes', () => {
    it('a wrong code is refused and counted (HTTP); the right one then works', async () => {
      const fields = registrationFields()
      const client = app.client({ ip: nextIp() })
      await app.deliverMail()
      expect((await client.post('/register', fields)).status).toBe(302)
      const code = codeIn(mailTo(await app.deliverMail(), fields.email!))
      const wrong = code === '00000000' ? '11111111' : '00000000'
      const account = await db()
        .selectFrom('account')
        .select('id')
        .where('email_normalised', '=', fields.email!)
        .executeTakeFirstOrThrow()

      const response = await client.post('/verify-email', { code: wrong })
      expect(response.status).toBe(400)
      expect(await response.text()).toContain(WRONG_CODE_ZH)
      expect((await verificationRow(account.id))!.attempts).toBe(1)
      expect(await verifiedAt(account.id)).toBeNull()

      expect((await client.post('/verify-email', { code })).status).toBe(302)
      expect(await verifiedAt(account.id)).not.toBeNull()
      expect(await verificationRow(account.id)).toBeUndefined()

      // Used once: the same code again does nothing. (The action refuses it; the page's loader then sends a
      // verified reader on to /me, so the document answer is that redirect, without a new session.)
      const sessionsBefore = await db()
        .selectFrom('session')
        .select('id')
        .where('account_id', '=', account.id)
        .execute()
      const again = await client.post('/verify-email', { code })
      expect(again.status).toBe(302)
      expect(again.headers.get('location')).toBe('/me')
      expect(again.headers.getSetCookie()).toEqual([])
      expect(await db().selectFrom('session').select('id').where('account_id', '=', account.id).execute()).toEqual(
        sessionsBefore,
      )
      await expectRefused(verifyEmailCode(db(), account.id, code, meta(new Date())), 'account.verification.expired')
    })

    it('after 5 wrong attempts even the right code fails', async () => {
      const account = await createAccount(db(), { verified: false })
      const t0 = new Date()
      const code = await issueCode(account, t0)
      const wrong = code === '00000000' ? '11111111' : '00000000'
      for (let i = 0; i < 5; i++) {
        await expectRefused(
          verifyEmailCode(db(), account.id, wrong, meta(new Date(t0.getTime() + i * 1000))),
          'account.verification.wrongCode',
        )
      }
      expect((await verificationRow(account.id))!.attempts).toBe(5)
      // Six minutes on: the per-account bucket has refilled and the code has not expired; the code is spent anyway.
      await expectRefused(
        verifyEmailCode(db(), account.id, code, meta(new Date(t0.getTime() + 6 * MINUTE))),
        'account.verification.expired',
      )
      expect(await verifiedAt(account.id)).toBeNull()
    })

    it('expires after 10 minutes', async () => {
      const t0 = new Date()
      const late = await createAccount(db(), { verified: false })
      const lateCode = await issueCode(late, t0)
      await expectRefused(
        verifyEmailCode(db(), late.id, lateCode, meta(new Date(t0.getTime() + 11 * MINUTE))),
        'account.verification.expired',
      )
      await expectRefused(
        verifyEmailCode(db(), late.id, lateCode, meta(new Date(t0.getTime() + 10 * MINUTE))),
        'account.verification.expired',
      )
      expect(await verifiedAt(late.id)).toBeNull()

      const inTime = await createAccount(db(), { verified: false })
      const inTimeCode = await issueCode(inTime, t0)
      await verifyEmailCode(db(), inTime.id, inTimeCode, meta(new Date(t0.getTime() + 9 * MINUTE)))
      expect(await verifiedAt(inTime.id)).not.toBeNull()
    })

    it('is bound to its account: B cannot use A’s code', async () => {
      const a = await createAccount(db(), { verified: false })
      const b = await createAccount(db(), { verified: false })
      const now = new Date()
      const codeA = await issueCode(a, now)
      const codeB = await issueCode(b, now)
      if (codeA === codeB) return // one chance in 10^8
      const clientB = await sessionClient(app, b)
      const response = await clientB.post('/verify-email', { code: codeA })
      expect(response.status).toBe(400)
      expect(await response.text()).toContain(WRONG_CODE_ZH)
      expect(await verifiedAt(b.id)).toBeNull()
      expect(await verifiedAt(a.id)).toBeNull()
      expect((await verificationRow(b.id))!.attempts).toBe(1)
      expect((await verificationRow(a.id))!.attempts).toBe(0)

      // A's code still works for A, once.
      const clientA = await sessionClient(app, a)
      expect((await clientA.post('/verify-email', { code: codeA })).status).toBe(302)
      expect(await verifiedAt(a.id)).not.toBeNull()
      await expectRefused(verifyEmailCode(db(), a.id, codeA, meta(new Date())), 'account.verification.expired')
      // …and B's own code works for B.
      expect((await clientB.post('/verify-email', { code: codeB })).status).toBe(302)
    })
  })

  describe('password reset links', () => {
    async function requestLink(account: TestAccount, client = app.client({ ip: nextIp() })): Promise<string> {
      await app.deliverMail()
      expect((await client.post('/forgot-password', { email: account.email })).status).toBe(200)
      return resetPathIn(mailTo(await app.deliverMail(), account.email))
    }
    const resets = (database: Kysely<DB>, accountId: number) =>
      database.selectFrom('password_reset').selectAll().where('account_id', '=', accountId).orderBy('id').execute()
    const passwordHash = async (accountId: number) =>
      (await db().selectFrom('account').select('password_hash').where('id', '=', accountId).executeTakeFirstOrThrow())
        .password_hash!

    it('opening the link twice spends nothing; the POST does; a second POST is refused', async () => {
      const account = await createAccount(db())
      const path = await requestLink(account)
      const visitor = app.client({ ip: nextIp() })
      for (let i = 0; i < 2; i++) {
        const page = await visitor.get(path)
        expect(page.status).toBe(200)
        const html = await page.text()
        expect(html).toContain('name="password"')
        expect(html).not.toContain(INVALID_LINK_ZH)
      }
      expect((await resets(db(), account.id)).map((row) => row.used_at)).toEqual([null])

      const first = await visitor.post(path, { password: 'first new passphrase' })
      await followToast(visitor, first, '/login', '密码已重设，请用新密码登录')
      const [row] = await resets(db(), account.id)
      expect(row!.used_at).not.toBeNull()
      const hashAfterFirst = await passwordHash(account.id)
      expect(await verifyPassword(hashAfterFirst, 'first new passphrase')).toBe(true)

      const second = await visitor.post(path, { password: 'second new passphrase' })
      expect(second.status).toBe(400)
      expect(await second.text()).toContain(INVALID_LINK_ZH)
      expect(await passwordHash(account.id)).toBe(hashAfterFirst)
      const page = await visitor.get(path)
      expect(await page.text()).toContain(INVALID_LINK_ZH)
    })

    it('expires after 30 minutes', async () => {
      const account = await createAccount(db())
      await requestPasswordReset(db(), account.email, meta(new Date(Date.now() - 31 * MINUTE)))
      const payloads = await outboxPayloads(db(), 'password-reset', account.email)
      const path = new URL(String(payloads[payloads.length - 1]!.resetUrl)).pathname
      const visitor = app.client({ ip: nextIp() })
      const page = await visitor.get(path)
      expect(page.status).toBe(200)
      const html = await page.text()
      expect(html).toContain(INVALID_LINK_ZH)
      expect(html).not.toContain('name="password"')
      const before = await passwordHash(account.id)
      const post = await visitor.post(path, { password: 'too late passphrase' })
      expect(post.status).toBe(400)
      expect(await post.text()).toContain(INVALID_LINK_ZH)
      expect(await passwordHash(account.id)).toBe(before)
      expect((await resets(db(), account.id))[0]!.used_at).toBeNull()
    })

    it('a newer request makes the older link stop working', async () => {
      const account = await createAccount(db())
      const client = app.client({ ip: nextIp() })
      const older = await requestLink(account, client)
      const newer = await requestLink(account, client)
      expect(newer).not.toBe(older)
      const before = await passwordHash(account.id)
      const stale = await client.post(older, { password: 'stale link passphrase' })
      expect(stale.status).toBe(400)
      expect(await stale.text()).toContain(INVALID_LINK_ZH)
      expect(await passwordHash(account.id)).toBe(before)
      expect((await client.post(newer, { password: 'fresh link passphrase' })).status).toBe(302)
      expect(await verifyPassword(await passwordHash(account.id), 'fresh link passphrase')).toBe(true)
    })
  })
})
