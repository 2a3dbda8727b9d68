import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type Database } from '#db/connect'
import { createMailTransport, type MailTransport } from '~/domain/mail/transport.server'
import { runOutboxOnce } from '~/domain/mail/worker.server'
import { isAvailable, openTestDatabase, type TestDatabase } from '../../support/databases'
import { APP_ORIGIN, enqueueVerification, outboxRows, recordingLog } from './helpers'
import { messageIdOf, startSmtpSink, type SmtpSink } from './smtp-sink'

const EMAILS = 500

// QUALITY E3: workers on separate connection pools drain one outbox through FOR UPDATE SKIP LOCKED.
// It needs PostgreSQL; without it (outside CI only) the suite shows as skipped.
describe.skipIf(!isAvailable('postgres'))('mail outbox: two workers on PostgreSQL [postgres]', () => {
  let database: TestDatabase
  let second: Database
  let sink: SmtpSink
  const transports: MailTransport[] = []

  beforeAll(async () => {
    database = await openTestDatabase('postgres')
    second = createDatabase(database.url, { poolSize: 4 })
    sink = await startSmtpSink()
  })
  afterAll(async () => {
    for (const transport of transports) transport.close()
    await sink?.close()
    await second?.close()
    await database?.close()
  })

  it(`delivers ${EMAILS} queued mails exactly once each`, async () => {
    const { db } = database
    const now = new Date()
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < EMAILS; i++) {
        await enqueueVerification(trx, {
          key: `bulk:${i}`,
          to: `v${i}@example.org`,
          code: String(10_000_000 + i),
          locale: i % 2 ? 'en' : 'zh-CN',
          now,
        })
      }
    })

    const log = recordingLog()
    const worker = async (name: string, handle: Database) => {
      const transport = createMailTransport({ smtpUrl: `${sink.url}?pool=true&maxConnections=2` })
      transports.push(transport)
      let sent = 0
      let rounds = 0
      for (;;) {
        const report = await runOutboxOnce(handle.db, transport, {
          appOrigin: APP_ORIGIN,
          limit: 10,
          workerId: name,
          log,
        })
        expect(report.lost + report.retried + report.failed + report.released, name).toBe(0)
        if (report.claimed === 0) return { sent, rounds }
        sent += report.sent
        rounds++
      }
    }
    const [a, b] = await Promise.all([worker('a', database), worker('b', second)])

    expect(a.sent + b.sent).toBe(EMAILS)
    // Both really worked: neither waited for the other to finish.
    expect(a.sent).toBeGreaterThan(0)
    expect(b.sent).toBeGreaterThan(0)

    expect(sink.received).toHaveLength(EMAILS)
    const received = sink.received.map((message) => messageIdOf(message.raw))
    expect(new Set(received).size).toBe(EMAILS)
    const rows = await outboxRows(db)
    expect(rows.every((row) => row.status === 'sent' && row.attempts === 1 && row.lease_until === null)).toBe(true)
    expect(new Set(received)).toEqual(new Set(rows.map((row) => row.message_id)))
    // Every recipient got their own code.
    const byRecipient = new Map(sink.received.map((message) => [message.recipients[0], message.raw.toString('utf8')]))
    for (const i of [0, 1, 250, 499]) expect(byRecipient.get(`v${i}@example.org`)).toContain(String(10_000_000 + i))
    expect(log.lines).toEqual([])
  })
})
