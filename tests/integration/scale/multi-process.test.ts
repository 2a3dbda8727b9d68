/**
 * Several app processes on one PostgreSQL: three built hosts (each its own port, its own mail
 * capture directory, MAIL_WORKER=true) share a database. A 300-way sign-up race spread over them
 * for 10 seats keeps every invariant and sends each mail exactly once across the processes; a
 * process killed with SIGKILL mid-storm loses no answered sign-up, and a lease it held is taken
 * over by another process once it expires.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type Database } from '#db/connect'
import { migrateToLatest } from '#db/migrate'
import { DEFAULT_LEASE_MS } from '~/domain/mail/worker.server'
import { createEmptyDatabase, isAvailable, type EmptyDatabase } from '../../support/databases'
import { capturedByMessageId, postSignup, startHost, waitFor, type HostProcess } from '../../support/host'
import { createShift } from '../signups/helpers'
import {
  expectShiftInvariants,
  outboxMessageIds,
  outboxNotSent,
  pooled,
  volunteersWithSessions,
  type Volunteer,
} from './fixtures'

const PROCESSES = 3
const VOLUNTEERS = 300
const SEATS = 10
/** The shared 2-core machine can be slow; each test aims at well under this. */
const TIMEOUT_MS = 120_000
const ORIGIN = 'http://tongxing.test'

describe.skipIf(!isAvailable('postgres'))('three app processes on one PostgreSQL', () => {
  let empty: EmptyDatabase
  let database: Database
  let hosts: HostProcess[] = []
  let volunteers: Volunteer[]

  beforeAll(async () => {
    empty = await createEmptyDatabase('postgres')
    database = createDatabase(empty.url)
    await migrateToLatest(database)
    volunteers = await volunteersWithSessions(database.db, VOLUNTEERS)
    hosts = await Promise.all(
      Array.from({ length: PROCESSES }, () =>
        startHost({ databaseUrl: empty.url, appOrigin: ORIGIN, env: { DATABASE_POOL_SIZE: '5' } }),
      ),
    )
  }, 120_000)

  afterAll(async () => {
    await Promise.all(hosts.map((host) => host.kill('SIGTERM')))
    await database?.close()
    await empty?.drop()
  }, TIMEOUT_MS)

  it(
    `${VOLUNTEERS} sign-ups across ${PROCESSES} processes for ${SEATS} seats: invariants hold, each mail sent once`,
    async () => {
      const { db } = database
      const shiftId = await createShift(db, { capacity: SEATS })
      const started = Date.now()
      const statuses = await Promise.all(
        volunteers.map((v, i) => postSignup(hosts[i % PROCESSES]!.url, shiftId, v.cookie)),
      )
      const elapsed = Date.now() - started
      expect(statuses.filter((s) => s !== 302)).toEqual([])

      const { confirmed, waitlisted } = await expectShiftInvariants(db, shiftId)
      expect(confirmed).toHaveLength(SEATS)
      expect(waitlisted.map((r) => r.waitlist_position).sort((a, b) => a! - b!)).toEqual(
        Array.from({ length: VOLUNTEERS - SEATS }, (_, i) => i + 1),
      )

      await waitFor(async () => (await outboxNotSent(db)) === 0, 60_000, 'the outbox to drain')
      const captured = capturedByMessageId(hosts.map((h) => h.mailDir))
      const ids = await outboxMessageIds(db)
      expect(ids).toHaveLength(VOLUNTEERS)
      expect(ids.filter((id) => captured.get(id) !== 1)).toEqual([])
      expect([...captured.values()].reduce((a, b) => a + b, 0)).toBe(VOLUNTEERS)
      const senders = hosts.map((h) => capturedByMessageId([h.mailDir]).size)
      console.info(
        `[scale:pg] ${VOLUNTEERS} sign-ups over ${PROCESSES} processes in ${elapsed} ms; mails per process ${senders.join('/')}`,
      )
    },
    TIMEOUT_MS,
  )

  it(
    'a process killed with SIGKILL mid-storm loses no answered sign-up and no lease stays held past its expiry',
    async () => {
      const { db } = database
      // A later day than the first race's shift: the same volunteers must not clash with it.
      const shiftId = await createShift(db, { capacity: SEATS, startsAt: new Date(Date.now() + 9 * 86_400_000) })
      const victim = hosts[0]!
      let answered = 0
      const tasks = volunteers.map((v, i) => async () => {
        const status = await postSignup(hosts[i % PROCESSES]!.url, shiftId, v.cookie)
        if (++answered === 90) victim.child.kill('SIGKILL')
        return { volunteer: v.accountId, status, host: i % PROCESSES }
      })
      const results = await pooled(tasks, 30)
      expect(await victim.exited).toBe('SIGKILL')
      const ok = results.filter((r) => r.status === 302)
      // The survivors answered everything sent to them; the victim answered some before it died.
      expect(results.filter((r) => r.host !== 0 && r.status !== 302)).toEqual([])
      expect(ok.filter((r) => r.host === 0).length).toBeGreaterThan(0)

      const { rows } = await expectShiftInvariants(db, shiftId)
      const stored = new Set(rows.filter((r) => r.status !== 'cancelled').map((r) => r.volunteer_id))
      expect(ok.filter((r) => !stored.has(r.volunteer)).map((r) => r.volunteer)).toEqual([])

      // Leases are bounded: none held further ahead than one lease from now.
      const horizon = new Date(Date.now() + DEFAULT_LEASE_MS + 1000).toISOString()
      const held = await db
        .selectFrom('email_outbox')
        .select(['id', 'lease_until'])
        .where('status', '=', 'sending')
        .execute()
      expect(held.filter((r) => !r.lease_until || r.lease_until > horizon)).toEqual([])

      // The survivors send everything that is not held; whatever the dead process held is still `sending`.
      await waitFor(
        async () =>
          Number(
            (
              await db
                .selectFrom('email_outbox')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .where('status', '=', 'pending')
                .executeTakeFirstOrThrow()
            ).n,
          ) === 0,
        60_000,
        'the survivors to send what is pending',
      )
      await new Promise((resolve) => setTimeout(resolve, 3000)) // a round in flight finishes
      const orphaned = await db
        .selectFrom('email_outbox')
        .select(['id', 'message_id'])
        .where('status', '=', 'sending')
        .execute()
      // Move the clock past their lease (instead of waiting five minutes): another process takes them over.
      await db
        .updateTable('email_outbox')
        .set({ lease_until: sql<string>`${new Date(Date.now() - 1000).toISOString()}` })
        .where('status', '=', 'sending')
        .execute()
      await waitFor(async () => (await outboxNotSent(db)) === 0, 60_000, 'expired leases to be taken over')

      const captured = capturedByMessageId(hosts.map((h) => h.mailDir))
      const ids = await outboxMessageIds(db)
      expect(
        ids.filter((id) => !captured.has(id)),
        'every queued mail sent',
      ).toEqual([])
      // At-least-once with a stable Message-ID: only a mail the victim was sending when it died may go twice.
      const orphanIds = new Set(orphaned.map((r) => r.message_id))
      expect([...captured].filter(([id, n]) => n > 1 && !orphanIds.has(id))).toEqual([])
      console.info(
        `[scale:pg] SIGKILL after 90 answers: ${ok.length} sign-ups answered 302 (${ok.filter((r) => r.host === 0).length} by the victim), ${orphaned.length} leases taken over`,
      )
    },
    TIMEOUT_MS,
  )
})
