import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { simpleParser } from 'mailparser'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_MAIL_FROM,
  capturedEmlPath,
  createMailTransport,
  devMailboxDir,
  listCapturedEmails,
  mailOptionsFromEnv,
  readCapturedEmail,
  type MailTransport,
} from '~/domain/mail/transport.server'
import { runOutboxOnce, startOutboxWorker, type StopOutboxWorker } from '~/domain/mail/worker.server'
import { openTestDatabase, type TestDatabase } from '../../support/databases'
import { APP_ORIGIN, T0, enqueueVerification, outboxRow, outboxRows, recordingLog } from './helpers'
import { startSmtpSink, type SmtpSink } from './smtp-sink'

describe('mail capture to files (no SMTP_URL) [sqlite]', () => {
  let database: TestDatabase
  let dir: string
  let transport: MailTransport

  beforeEach(async () => {
    database = await openTestDatabase('sqlite')
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxing-mail-'))
    transport = createMailTransport({ captureDir: dir })
  })
  afterEach(async () => {
    transport.close()
    await database.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('writes each sent mail as an .eml file and a summary the dev mailbox lists', async () => {
    const { db } = database
    expect(transport.kind).toBe('capture')
    expect(await listCapturedEmails(dir)).toEqual([])
    await enqueueVerification(db, { key: 'first', code: '11112222', locale: 'zh-CN', name: '<b>李明</b>' })
    await enqueueVerification(db, { key: 'second', code: '33334444', locale: 'en', to: 'amy@example.org' })
    expect((await runOutboxOnce(db, transport, { appOrigin: APP_ORIGIN, now: T0 })).sent).toBe(2)

    const list = await listCapturedEmails(dir)
    expect(list).toHaveLength(2)
    const first = await outboxRow(db, 'first')
    const summary = list.find((item) => item.messageId === first.message_id)
    expect(summary).toMatchObject({ to: 'li.ming@example.org', subject: '您的邮箱验证码：11112222' })
    expect(list.map((item) => item.id)).toEqual([...list.map((item) => item.id)].sort().reverse())

    const captured = await readCapturedEmail(dir, summary!.id)
    expect(captured?.html).toContain('11112222')
    expect(captured?.html).toContain('&lt;b&gt;李明&lt;/b&gt;')
    expect(captured?.text).toContain('11112222')
    expect(captured?.from).toBe(DEFAULT_MAIL_FROM)

    const eml = await simpleParser(fs.readFileSync(capturedEmlPath(dir, summary!.id)!))
    expect(eml.messageId).toBe(first.message_id)
    expect(eml.subject).toBe('您的邮箱验证码：11112222')
    expect(eml.from?.value).toEqual([{ address: 'noreply@tongxing.local', name: '同行 · 图书馆志愿服务' }])
    expect(eml.text).toContain('11112222')
    // No temporary files are left behind.
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('reads only capture ids: no paths, no other files', async () => {
    fs.writeFileSync(path.join(dir, 'secret.json'), '{"subject":"not a capture"}')
    expect(await readCapturedEmail(dir, '../secret')).toBeNull()
    expect(await readCapturedEmail(dir, 'secret')).toBeNull()
    expect(await readCapturedEmail(dir, '20261125T060000000Z-abc/../../secret')).toBeNull()
    expect(await readCapturedEmail(dir, '20261125T060000000Z-abc')).toBeNull()
    expect(capturedEmlPath(dir, '../x')).toBeNull()
    expect(await listCapturedEmails(dir)).toEqual([])
    expect(await listCapturedEmails(path.join(dir, 'missing'))).toEqual([])
  })
})

describe('dev mailbox availability', () => {
  const captured = path.resolve('data/mail')
  it('is never available when mail goes out over SMTP', () => {
    expect(devMailboxDir({ NODE_ENV: 'development', SMTP_URL: 'smtp://mail.example.org' }, '127.0.0.1')).toBeNull()
    expect(
      devMailboxDir({ NODE_ENV: 'production', APP_ORIGIN: 'http://127.0.0.1:3000', SMTP_URL: 'smtp://x' }, '127.0.0.1'),
    ).toBeNull()
  })
  it('is available in development and tests while mail is captured', () => {
    expect(devMailboxDir({ NODE_ENV: 'development', APP_ORIGIN: 'https://tongxing.example.org' }, '10.0.0.8')).toBe(
      captured,
    )
    expect(devMailboxDir({ NODE_ENV: 'test', MAIL_DIR: '/tmp/m' }, '10.0.0.8')).toBe('/tmp/m')
  })
  it('in production (the npm start demo) needs a loopback origin and a loopback client', () => {
    expect(devMailboxDir({ NODE_ENV: 'production', APP_ORIGIN: 'http://127.0.0.1:3000' }, '127.0.0.1')).toBe(captured)
    expect(devMailboxDir({ NODE_ENV: 'production', APP_ORIGIN: 'http://localhost:3000' }, '::1')).toBe(captured)
    expect(devMailboxDir({ NODE_ENV: 'production', APP_ORIGIN: 'http://localhost:3000' }, '::ffff:127.0.0.1')).toBe(
      captured,
    )
    expect(
      devMailboxDir({ NODE_ENV: 'production', APP_ORIGIN: 'https://tongxing.example.org' }, '127.0.0.1'),
    ).toBeNull()
    expect(devMailboxDir({ NODE_ENV: 'production', APP_ORIGIN: 'http://127.0.0.1:3000' }, '203.0.113.9')).toBeNull()
    expect(devMailboxDir({ NODE_ENV: 'production' }, '127.0.0.1')).toBeNull()
  })
  it('reads the mail settings from the environment', () => {
    expect(mailOptionsFromEnv({})).toEqual({ smtpUrl: undefined, from: DEFAULT_MAIL_FROM, captureDir: 'data/mail' })
    expect(mailOptionsFromEnv({ SMTP_URL: 'smtp://h:25', MAIL_FROM: 'A <a@b.org>', MAIL_DIR: 'x' })).toEqual({
      smtpUrl: 'smtp://h:25',
      from: 'A <a@b.org>',
      captureDir: 'x',
    })
    expect(createMailTransport(mailOptionsFromEnv({ SMTP_URL: 'smtp://127.0.0.1:1' })).kind).toBe('smtp')
  })
})

describe('the outbox worker loop [sqlite]', () => {
  let database: TestDatabase
  let sink: SmtpSink
  let transport: MailTransport
  let stop: StopOutboxWorker | undefined

  beforeEach(async () => {
    database = await openTestDatabase('sqlite')
    sink = await startSmtpSink()
    transport = createMailTransport({ smtpUrl: sink.url })
  })
  afterEach(async () => {
    await stop?.()
    stop = undefined
    transport.close()
    await sink.close()
    await database.close()
  })

  it('sends what is queued while it runs, and stops cleanly', async () => {
    const log = recordingLog()
    stop = startOutboxWorker(database.db, transport, { appOrigin: APP_ORIGIN, intervalMs: 30, limit: 2, log })
    for (let i = 0; i < 5; i++) await enqueueVerification(database.db, { key: `loop:${i}`, now: new Date() })
    await sink.waitFor(5)
    await stop()
    stop = undefined
    expect((await outboxRows(database.db)).map((row) => row.status)).toEqual(Array(5).fill('sent'))
    // Stopped: nothing more is sent.
    await enqueueVerification(database.db, { key: 'after-stop', now: new Date() })
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(sink.received).toHaveLength(5)
    expect(log.lines).toEqual([])
  })

  it('prunes sent mail older than the retention period', async () => {
    const old = new Date(Date.now() - 31 * 24 * 3600_000)
    await enqueueVerification(database.db, { key: 'ancient', now: old })
    await database.db.updateTable('email_outbox').set({ status: 'sent' }).where('dedupe_key', '=', 'ancient').execute()
    await enqueueVerification(database.db, { key: 'recent', now: new Date() })
    stop = startOutboxWorker(database.db, transport, { appOrigin: APP_ORIGIN, intervalMs: 20 })
    await sink.waitFor(1)
    for (let i = 0; i < 100 && (await outboxRows(database.db)).length > 1; i++)
      await new Promise((resolve) => setTimeout(resolve, 20))
    expect((await outboxRows(database.db)).map((row) => [row.dedupe_key, row.status])).toEqual([['recent', 'sent']])
  })

  it('wake() sends at once instead of waiting for the interval', async () => {
    stop = startOutboxWorker(database.db, transport, { appOrigin: APP_ORIGIN, intervalMs: 60_000 })
    await new Promise((resolve) => setTimeout(resolve, 100)) // the first round found nothing and sleeps
    await enqueueVerification(database.db, { key: 'woken', now: new Date() })
    const started = Date.now()
    stop.wake()
    await sink.waitFor(1, 5000)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('never throws out: a failing round is logged and the loop goes on', async () => {
    const log = recordingLog()
    let calls = 0
    const broken = {
      kind: 'smtp' as const,
      send: async () => {
        calls++
        throw new Error('boom')
      },
      close: () => {},
    }
    // A database that fails every query: the round itself throws.
    const closed = await openTestDatabase('sqlite')
    await closed.close()
    const stopBroken = startOutboxWorker(closed.db, broken, { appOrigin: APP_ORIGIN, intervalMs: 20, log })
    await new Promise((resolve) => setTimeout(resolve, 200))
    await stopBroken()
    expect(log.lines.filter((line) => line.level === 'error').length).toBeGreaterThanOrEqual(2)
    expect(log.lines[0]!.text).toContain('outbox round failed')

    // A transport that always fails: rows go back to pending with an error, the loop keeps running.
    stop = startOutboxWorker(database.db, broken, { appOrigin: APP_ORIGIN, intervalMs: 20, log })
    await enqueueVerification(database.db, { key: 'unlucky', now: new Date() })
    for (let i = 0; i < 100 && calls === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20))
    await stop()
    stop = undefined
    expect(calls).toBe(1)
    expect(await outboxRow(database.db, 'unlucky')).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: 'Error: boom',
    })
  })
})
