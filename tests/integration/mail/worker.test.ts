import { afterEach, beforeEach, expect, it } from 'vitest'
import { writeTransaction } from '#db/dialect'
import { enqueueEmail } from '~/domain/mail/outbox.server'
import { createMailTransport, type MailTransport } from '~/domain/mail/transport.server'
import { MAX_ATTEMPTS, claimDueEmails, deliverClaimed, retryDelayMs, runOutboxOnce } from '~/domain/mail/worker.server'
import { describeEachDialect, openTestDatabase, type TestDatabase } from '../../support/databases'
import { APP_ORIGIN, MINUTE, T0, at, enqueueVerification, outboxRow, outboxRows, recordingLog } from './helpers'
import { messageIdOf, startSmtpSink, type SmtpSink } from './smtp-sink'

const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString())

describeEachDialect('mail outbox worker over SMTP', (dialect) => {
  let database: TestDatabase
  let sink: SmtpSink
  let transport: MailTransport
  let log: ReturnType<typeof recordingLog>
  const run = (now: Date, options: { limit?: number; leaseMs?: number } = {}) =>
    runOutboxOnce(database.db, transport, { appOrigin: APP_ORIGIN, now, log, ...options })

  beforeEach(async () => {
    database = await openTestDatabase(dialect)
    sink = await startSmtpSink()
    transport = createMailTransport({ smtpUrl: sink.url })
    log = recordingLog()
  })
  afterEach(async () => {
    transport.close()
    await sink.close()
    await database.close()
  })

  it('delivers a verification and a reset mail: subject, text and HTML carry the code and link, Message-ID is the row’s', async () => {
    const { db } = database
    const hostileName = '<script>alert("x")</script>李明'
    await writeTransaction(db, async (trx) => {
      await enqueueVerification(trx, {
        key: 'verify:1',
        to: 'li.ming@example.org',
        name: hostileName,
        code: '04718263',
        locale: 'zh-CN',
      })
      await enqueueEmail(
        trx,
        {
          dedupeKey: 'reset:1',
          template: 'password-reset',
          to: 'amy@example.org',
          toAccountId: null,
          locale: 'en',
          payload: { name: 'Amy', resetUrl: `${APP_ORIGIN}/reset-password/tok123`, expiresMinutes: 30 },
        },
        T0,
      )
    })

    expect(await run(T0)).toEqual({ claimed: 2, sent: 2, retried: 0, failed: 0, released: 0, lost: 0 })
    expect(sink.received).toHaveLength(2)
    const mails = await sink.parseAll()
    const verifyRow = await outboxRow(db, 'verify:1')
    const resetRow = await outboxRow(db, 'reset:1')
    const verify = mails.find((mail) => mail.messageId === verifyRow.message_id)
    const reset = mails.find((mail) => mail.messageId === resetRow.message_id)
    if (!verify || !reset) throw new Error('a message is missing or has the wrong Message-ID')

    expect(verify.subject).toBe('您的邮箱验证码：04718263')
    expect(verify.text).toContain('04718263')
    expect(verify.text).toContain(`${APP_ORIGIN}/verify-email`)
    expect(verify.text).toContain(`${hostileName}，您好：`)
    expect(verify.html).toContain('04718263')
    expect(verify.html).toContain(`href="${APP_ORIGIN}/verify-email"`)
    expect(verify.html).not.toContain('<script>')
    expect(verify.html).toContain('&lt;script&gt;')
    expect(verify.from?.value).toEqual([{ address: 'noreply@tongxing.local', name: '同行 · 图书馆志愿服务' }])
    expect(sink.received.find((m) => messageIdOf(m.raw) === verifyRow.message_id)?.recipients).toEqual([
      'li.ming@example.org',
    ])

    expect(reset.subject).toBe('Reset your Tongxing password')
    expect(reset.text).toContain(`${APP_ORIGIN}/reset-password/tok123`)
    expect(reset.text).toContain('Dear Amy,')
    expect(reset.html).toContain(`href="${APP_ORIGIN}/reset-password/tok123"`)
    expect(reset.html).toContain('Tongxing library volunteering')
    expect(reset.html).not.toContain('同行 · 图书馆志愿服务')

    for (const row of [await outboxRow(db, 'verify:1'), await outboxRow(db, 'reset:1')]) {
      expect(row).toMatchObject({ status: 'sent', attempts: 1, lease_until: null, last_error: null })
      expect(iso(row.sent_at)).toBe(T0.toISOString())
    }
    // Sent rows keep no working code or link.
    expect(JSON.parse((await outboxRow(db, 'verify:1')).payload)).toMatchObject({
      name: hostileName,
      code: '[redacted]',
      verifyUrl: '[redacted]',
    })
    expect(JSON.parse((await outboxRow(db, 'reset:1')).payload).resetUrl).toBe('[redacted]')
  })

  it('sends nothing for a transaction that rolled back, and each row once however often it runs', async () => {
    const { db } = database
    await writeTransaction(db, async (trx) => {
      await enqueueVerification(trx, { key: 'kept:1' })
      await enqueueVerification(trx, { key: 'kept:2' })
    })
    await expect(
      writeTransaction(db, async (trx) => {
        await enqueueVerification(trx, { key: 'lost:1' })
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    await enqueueVerification(db, { key: 'kept:1' }) // a duplicate enqueue

    expect((await run(T0)).sent).toBe(2)
    expect((await run(T0)).claimed).toBe(0)
    expect((await run(at(2 * 60 * MINUTE))).claimed).toBe(0)
    expect(sink.received).toHaveLength(2)
    const ids = sink.received.map((m) => messageIdOf(m.raw))
    expect(new Set(ids)).toEqual(new Set((await outboxRows(db)).map((row) => row.message_id)))
    expect((await outboxRows(db)).map((row) => row.dedupe_key).sort()).toEqual(['kept:1', 'kept:2'])
  })

  it('does not send mail that is not due yet', async () => {
    const { db } = database
    await enqueueEmail(
      db,
      {
        dedupeKey: 'later',
        template: 'account-deleted',
        to: 'x@example.org',
        toAccountId: null,
        locale: 'en',
        payload: { name: 'X' },
        notBefore: at(10 * MINUTE),
      },
      T0,
    )
    expect((await run(at(10 * MINUTE - 1))).claimed).toBe(0)
    expect((await run(at(10 * MINUTE))).sent).toBe(1)
    expect(sink.received).toHaveLength(1)
  })

  it('retries after the server answers 451, with backoff, then sends; attempts are counted', async () => {
    const { db } = database
    await enqueueVerification(db, { key: 'retry' })
    sink.rejectNext(1, 451, 'Greylisted, try again')

    expect(await run(T0)).toMatchObject({ claimed: 1, sent: 0, retried: 1 })
    let row = await outboxRow(db, 'retry')
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lease_until: null, sent_at: null })
    expect(row.last_error).toContain('451')
    expect(iso(row.next_attempt_at)).toBe(at(MINUTE).toISOString())
    expect(sink.received).toHaveLength(0)
    expect(sink.attempts()).toBe(1)
    // The payload is kept for the retry.
    expect(JSON.parse(row.payload).code).toBe('04718263')

    expect((await run(at(MINUTE - 1))).claimed).toBe(0)
    expect(await run(at(MINUTE))).toMatchObject({ claimed: 1, sent: 1 })
    row = await outboxRow(db, 'retry')
    expect(row).toMatchObject({ status: 'sent', attempts: 2, last_error: null })
    expect(iso(row.sent_at)).toBe(at(MINUTE).toISOString())
    expect(sink.received).toHaveLength(1)
    expect(messageIdOf(sink.received[0]!.raw)).toBe(row.message_id)
    expect((await sink.parse(0)).text).toContain('04718263')
  })

  it('backs off 1, 2, 4 … 60 minutes and gives up after the last attempt', async () => {
    const { db } = database
    await enqueueVerification(db, { key: 'down' })
    sink.rejectNext(1000, 421, 'Service not available')
    let now = T0
    const delays: number[] = []
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await run(now)).toMatchObject({ claimed: 1, retried: 1 })
      const row = await outboxRow(db, 'down')
      expect(row).toMatchObject({ status: 'pending', attempts: attempt })
      const next = new Date(row.next_attempt_at)
      delays.push((next.getTime() - now.getTime()) / MINUTE)
      expect((await run(new Date(next.getTime() - 1))).claimed).toBe(0)
      now = next
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 60])
    expect(delays.map((_, i) => retryDelayMs(i + 1) / MINUTE)).toEqual(delays)

    expect(await run(now)).toMatchObject({ claimed: 1, failed: 1 })
    const row = await outboxRow(db, 'down')
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lease_until: null, sent_at: null })
    expect(row.last_error).toContain('421')
    expect(JSON.parse(row.payload).code).toBe('[redacted]')
    expect((await run(at(48 * 60 * MINUTE))).claimed).toBe(0)
    expect(sink.attempts()).toBe(MAX_ATTEMPTS)
    expect(sink.received).toHaveLength(0)
  })

  it('fails at once on a permanent 5xx answer', async () => {
    const { db } = database
    await enqueueVerification(db, { key: 'no-such-user' })
    sink.rejectNext(1, 550, 'No such user here')
    expect(await run(T0)).toMatchObject({ claimed: 1, failed: 1 })
    const row = await outboxRow(db, 'no-such-user')
    expect(row).toMatchObject({ status: 'failed', attempts: 1 })
    expect(row.last_error).toMatch(/550.*No such user/)
    expect((await run(at(2 * 60 * MINUTE))).claimed).toBe(0)
    expect(sink.attempts()).toBe(1)
  })

  it('marks a row with an unknown template or a broken payload failed, sends nothing, and carries on with the rest', async () => {
    const { db } = database
    const raw = (key: string, template: string, payload: string) => ({
      dedupe_key: key,
      template,
      to_address: 'x@example.org',
      to_account_id: null,
      locale: 'en' as const,
      payload,
      status: 'pending' as const,
      attempts: 0,
      next_attempt_at: T0.toISOString(),
      lease_until: null,
      message_id: `<${key}@tongxing.local>`,
      last_error: null,
      sent_at: null,
      created_at: T0.toISOString(),
    })
    await db
      .insertInto('email_outbox')
      .values([
        raw('unknown', 'no-such-template', '{}'),
        raw('not-json', 'account-deleted', '{oops'),
        raw(
          'misfit',
          'password-reset',
          JSON.stringify({ name: 'X', resetUrl: 'javascript:alert(1)', expiresMinutes: 30 }),
        ),
      ])
      .execute()
    await enqueueVerification(db, { key: 'good' })

    expect(await run(T0)).toMatchObject({ claimed: 4, sent: 1, failed: 3 })
    expect(await outboxRow(db, 'unknown')).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: expect.stringContaining('unknown mail template "no-such-template"'),
    })
    expect((await outboxRow(db, 'not-json')).last_error).toContain('not JSON')
    expect((await outboxRow(db, 'misfit')).last_error).toContain('resetUrl')
    expect((await outboxRow(db, 'good')).status).toBe('sent')
    expect(sink.received).toHaveLength(1)
  })

  it('re-sends a row whose worker died mid-send only after its lease ran out, with the same Message-ID', async () => {
    const { db } = database
    await enqueueVerification(db, { key: 'crash' })
    // A worker claims it and dies before recording anything.
    expect(await claimDueEmails(db, { now: T0, leaseMs: 5 * MINUTE })).toHaveLength(1)
    expect((await outboxRow(db, 'crash')).status).toBe('sending')

    expect((await run(at(5 * MINUTE - 1))).claimed).toBe(0)
    expect(await run(at(5 * MINUTE))).toMatchObject({ claimed: 1, sent: 1 })
    const row = await outboxRow(db, 'crash')
    expect(row).toMatchObject({ status: 'sent', attempts: 2 })
    expect(sink.received.map((m) => messageIdOf(m.raw))).toEqual([row.message_id])
  })

  it('gives up on a row whose sends keep dying', async () => {
    const { db } = database
    await enqueueVerification(db, { key: 'poison' })
    let now = T0
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      expect(await claimDueEmails(db, { now, leaseMs: 5 * MINUTE })).toHaveLength(1)
      now = new Date(now.getTime() + 5 * MINUTE)
    }
    expect(await run(now)).toMatchObject({ claimed: 1, failed: 1, sent: 0 })
    expect(await outboxRow(db, 'poison')).toMatchObject({
      status: 'failed',
      last_error: 'delivery interrupted too many times',
    })
    expect(sink.attempts()).toBe(0)
  })

  it('a worker whose lease ran out cannot overwrite the row another worker took over', async () => {
    const { db } = database
    await enqueueVerification(db, { key: 'contested' })
    const first = await claimDueEmails(db, { now: T0, leaseMs: 5 * MINUTE, workerId: 'a' })
    expect(await claimDueEmails(db, { now: at(4 * MINUTE), leaseMs: 5 * MINUTE, workerId: 'b' })).toEqual([])
    const second = await claimDueEmails(db, { now: at(6 * MINUTE), leaseMs: 5 * MINUTE, workerId: 'b' })
    expect(second.map((row) => row.id)).toEqual(first.map((row) => row.id))
    expect(second[0]!.leaseUntil > first[0]!.leaseUntil).toBe(true)

    // The first worker wakes up believing its lease still holds: the mail goes out (at-least-once),
    // but while the second worker holds the row, the first one's outcome is not recorded.
    expect(await deliverClaimed(db, transport, first, { appOrigin: APP_ORIGIN, now: T0, log })).toMatchObject({
      sent: 0,
      lost: 1,
    })
    expect(await outboxRow(db, 'contested')).toMatchObject({ status: 'sending', sent_at: null })
    expect(iso((await outboxRow(db, 'contested')).lease_until)).toBe(second[0]!.leaseUntil)
    expect(
      await deliverClaimed(db, transport, second, { appOrigin: APP_ORIGIN, now: at(6 * MINUTE), log }),
    ).toMatchObject({ sent: 1, lost: 0 })
    // Too late for the first worker in any case.
    expect(await deliverClaimed(db, transport, first, { appOrigin: APP_ORIGIN, now: T0, log })).toMatchObject({
      sent: 0,
      lost: 1,
    })
    const row = await outboxRow(db, 'contested')
    expect(row).toMatchObject({ status: 'sent', attempts: 2 })
    expect(iso(row.sent_at)).toBe(at(6 * MINUTE).toISOString())
    expect(log.lines.some((line) => line.text.includes('lease'))).toBe(true)
    // Both copies carry the same Message-ID, so the receiving side can drop the duplicate.
    expect(sink.received.map((m) => messageIdOf(m.raw))).toEqual([row.message_id, row.message_id, row.message_id])
  })

  it('hands a row back unsent when too little of its lease is left, without counting an attempt', async () => {
    const { db } = database
    await enqueueVerification(db, { key: 'late' })
    const rows = await claimDueEmails(db, { now: T0, leaseMs: 5 * MINUTE })
    expect(
      await deliverClaimed(db, transport, rows, { appOrigin: APP_ORIGIN, now: at(4 * MINUTE), log }),
    ).toMatchObject({ released: 1, sent: 0 })
    expect(await outboxRow(db, 'late')).toMatchObject({ status: 'pending', attempts: 0, lease_until: null })
    expect(sink.attempts()).toBe(0)
    expect((await run(at(4 * MINUTE))).sent).toBe(1)
    expect(await outboxRow(db, 'late')).toMatchObject({ status: 'sent', attempts: 1 })
  })

  it('claims at most `limit` rows, oldest due first', async () => {
    const { db } = database
    for (let i = 0; i < 5; i++) await enqueueVerification(db, { key: `batch:${i}`, now: at(-i * MINUTE) })
    const rows = await claimDueEmails(db, { now: T0, limit: 3, leaseMs: 5 * MINUTE })
    const keys = await Promise.all(
      rows.map(
        async (row) =>
          (await db.selectFrom('email_outbox').select('dedupe_key').where('id', '=', row.id).executeTakeFirstOrThrow())
            .dedupe_key,
      ),
    )
    expect(keys).toEqual(['batch:4', 'batch:3', 'batch:2'])
    await expect(claimDueEmails(db, { now: T0, leaseMs: 1000 })).rejects.toThrow(/leaseMs/)
  })
})
