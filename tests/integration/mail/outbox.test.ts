import { afterEach, beforeEach, expect, it } from 'vitest'
import { writeTransaction } from '#db/dialect'
import { enqueueEmail, forgetOutboxRecipient, messageIdDomainOf, pruneOutbox } from '~/domain/mail/outbox.server'
import { describeEachDialect, openTestDatabase, type TestDatabase } from '../../support/databases'
import { APP_ORIGIN, MINUTE, T0, at, enqueueVerification, outboxRow, outboxRows } from './helpers'

describeEachDialect('mail outbox: enqueueing', (dialect) => {
  let database: TestDatabase
  beforeEach(async () => {
    database = await openTestDatabase(dialect)
  })
  afterEach(async () => {
    await database.close()
  })

  it('writes one pending row, due now, with a Message-ID, in the caller’s transaction', async () => {
    const { db } = database
    const result = await enqueueVerification(db, { key: 'email-verification:1:a', locale: 'en' })
    expect(result).toEqual({ enqueued: true })
    const row = await outboxRow(db, 'email-verification:1:a')
    expect(row).toMatchObject({
      template: 'email-verification',
      to_address: 'li.ming@example.org',
      to_account_id: null,
      locale: 'en',
      status: 'pending',
      attempts: 0,
      lease_until: null,
      last_error: null,
      sent_at: null,
    })
    expect(new Date(row.next_attempt_at).toISOString()).toBe(T0.toISOString())
    expect(new Date(row.created_at).toISOString()).toBe(T0.toISOString())
    expect(row.message_id).toMatch(/^<[0-9a-f]{32}@tongxing\.local>$/)
    expect(JSON.parse(row.payload)).toEqual({
      name: '李明',
      code: '04718263',
      verifyUrl: `${APP_ORIGIN}/verify-email`,
      expiresMinutes: 10,
    })
  })

  it('leaves nothing behind when the transaction rolls back', async () => {
    const { db } = database
    await expect(
      writeTransaction(db, async (trx) => {
        await enqueueVerification(trx, { key: 'rolled-back' })
        throw new Error('the signup failed after the mail was queued')
      }),
    ).rejects.toThrow('the signup failed')
    expect(await outboxRows(db)).toEqual([])
  })

  it('is idempotent on the dedupe key: the second enqueue changes nothing', async () => {
    const { db } = database
    expect(await enqueueVerification(db, { key: 'same-key', code: '11111111' })).toEqual({ enqueued: true })
    const first = await outboxRow(db, 'same-key')
    expect(await enqueueVerification(db, { key: 'same-key', code: '22222222' })).toEqual({ enqueued: false })
    // Also inside one transaction, twice.
    await writeTransaction(db, async (trx) => {
      await enqueueVerification(trx, { key: 'same-key', code: '33333333' })
      await enqueueVerification(trx, { key: 'same-key', code: '44444444' })
    })
    const rows = await outboxRows(db)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toEqual(first)
    expect(JSON.parse(rows[0]!.payload).code).toBe('11111111')
  })

  it('gives every row its own Message-ID, on the app’s domain when asked', async () => {
    const { db } = database
    for (let i = 0; i < 20; i++) await enqueueVerification(db, { key: `k${i}` })
    const ids = (await outboxRows(db)).map((row) => row.message_id)
    expect(new Set(ids).size).toBe(20)
    await enqueueEmail(
      db,
      {
        dedupeKey: 'with-domain',
        template: 'account-deleted',
        to: 'x@example.org',
        toAccountId: null,
        locale: 'zh-CN',
        payload: { name: '李明' },
        messageIdDomain: messageIdDomainOf('https://tongxing.example.org:8443'),
      },
      T0,
    )
    expect((await outboxRow(db, 'with-domain')).message_id).toMatch(/^<[0-9a-f]{32}@tongxing\.example\.org>$/)
    expect(messageIdDomainOf('http://127.0.0.1:3000')).toBe('tongxing.local')
  })

  it('refuses a payload that does not fit the template, or a bad address, and writes nothing', async () => {
    const { db } = database
    await expect(
      enqueueEmail(
        db,
        // @ts-expect-error the compiler catches a missing field too
        {
          dedupeKey: 'bad',
          template: 'password-reset',
          to: 'x@example.org',
          toAccountId: null,
          locale: 'en',
          payload: { name: 'x', expiresMinutes: 30 },
        },
        T0,
      ),
    ).rejects.toThrow(/resetUrl/)
    await expect(enqueueVerification(db, { key: 'bad-code', code: '123' })).rejects.toThrow()
    await expect(
      enqueueVerification(db, { key: 'bad-to', to: 'x@example.org\r\nBcc: victim@example.org' }),
    ).rejects.toThrow()
    expect(await outboxRows(db)).toEqual([])
  })

  it('forgets a deleted account’s mail, by account and by address, but keeps the goodbye and what is being sent', async () => {
    const { db } = database
    const account = await db
      .insertInto('account')
      .values({
        name: '李明',
        email: 'li@example.org',
        email_normalised: 'li@example.org',
        phone: null,
        role: 'volunteer',
        partner_organisation_id: null,
        password_hash: null,
        email_verified_at: null,
        locale: 'zh-CN',
        status: 'active',
        created_at: T0.toISOString(),
        updated_at: T0.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const mail = (key: string, to: string, toAccountId: number | null) =>
      enqueueEmail(
        db,
        { dedupeKey: key, template: 'account-deleted', to, toAccountId, locale: 'zh-CN', payload: { name: '李明' } },
        T0,
      )
    await mail('by-account', 'li@example.org', account.id)
    await mail('by-old-address', 'old-li@example.org', null)
    await mail('goodbye', 'li@example.org', null)
    await mail('in-flight', 'li@example.org', account.id)
    await mail('someone-else', 'amy@example.org', null)
    await db.updateTable('email_outbox').set({ status: 'sent' }).where('dedupe_key', '=', 'by-account').execute()
    await db.updateTable('email_outbox').set({ status: 'sending' }).where('dedupe_key', '=', 'in-flight').execute()

    const removed = await forgetOutboxRecipient(
      db,
      { accountId: account.id, addresses: ['li@example.org', 'old-li@example.org'] },
      { keepDedupeKeys: ['goodbye'] },
    )
    expect(removed).toBe(2)
    expect((await outboxRows(db)).map((row) => row.dedupe_key).sort()).toEqual(['goodbye', 'in-flight', 'someone-else'])
    expect(await forgetOutboxRecipient(db, {})).toBe(0)
  })

  it('prunes sent and failed rows older than the cut-off, never pending ones', async () => {
    const { db } = database
    for (const [key, status, created] of [
      ['old-sent', 'sent', at(-60 * MINUTE)],
      ['old-failed', 'failed', at(-60 * MINUTE)],
      ['old-pending', 'pending', at(-60 * MINUTE)],
      ['new-sent', 'sent', T0],
    ] as const) {
      await enqueueVerification(db, { key, now: created })
      await db.updateTable('email_outbox').set({ status }).where('dedupe_key', '=', key).execute()
    }
    expect(await pruneOutbox(db, at(-MINUTE))).toBe(2)
    expect((await outboxRows(db)).map((row) => row.dedupe_key).sort()).toEqual(['new-sent', 'old-pending'])
    expect((await outboxRow(db, 'old-pending')).status).toBe('pending')
  })
})
