/**
 * Crash safety on SQLite: the built host is killed with SIGKILL in the middle of a sign-up storm
 * and started again on the same file. Every sign-up it answered is there, the file is intact,
 * no sign-up lacks its mail, the stored counts equal the rows, and the outbox picks up where it
 * stopped without sending anything twice (bar a mail caught mid-send, which keeps its Message-ID).
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type Database } from '#db/connect'
import { migrateToLatest } from '#db/migrate'
import { createEmptyDatabase, type EmptyDatabase } from '../../support/databases'
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

const VOLUNTEERS = 120
const SHIFTS = 3
const SEATS = 10
const KILL_AFTER = 150
const DAY = 86_400_000
/** The shared 2-core machine can be slow; each test aims at well under this. */
const TIMEOUT_MS = 120_000

describe('SIGKILL during a sign-up storm on SQLite', () => {
  let empty: EmptyDatabase
  let database: Database
  const hosts: HostProcess[] = []
  let volunteers: Volunteer[]
  let shiftIds: number[]

  beforeAll(async () => {
    empty = await createEmptyDatabase('sqlite')
    database = createDatabase(empty.url)
    await migrateToLatest(database)
    volunteers = await volunteersWithSessions(database.db, VOLUNTEERS)
    shiftIds = []
    for (let i = 0; i < SHIFTS; i++) {
      shiftIds.push(await createShift(database.db, { capacity: SEATS, startsAt: new Date(Date.now() + (7 + i) * DAY) }))
    }
  }, 120_000)

  afterAll(async () => {
    await Promise.all(hosts.map((host) => host.kill('SIGTERM')))
    await database?.close()
    await empty?.drop()
  }, TIMEOUT_MS)

  it(
    'loses no answered sign-up, leaves no half-written row, and resumes the outbox',
    async () => {
      const { db } = database
      const first = await startHost({ databaseUrl: empty.url })
      hosts.push(first)
      const pairs = shiftIds.flatMap((shiftId) => volunteers.map((v) => ({ shiftId, v })))
      let answered = 0
      const results = await pooled(
        pairs.map(({ shiftId, v }) => async () => {
          const status = await postSignup(first.url, shiftId, v.cookie)
          if (status !== 0 && ++answered === KILL_AFTER) first.child.kill('SIGKILL')
          return { shiftId, v, status }
        }),
        16,
      )
      expect(await first.exited).toBe('SIGKILL')
      const ok = results.filter((r) => r.status === 302)
      expect(ok.length).toBeGreaterThanOrEqual(KILL_AFTER)
      expect(results.filter((r) => r.status !== 302 && r.status !== 0)).toEqual([])
      const unanswered = results.filter((r) => r.status === 0)
      expect(unanswered.length, 'the kill cut the storm short').toBeGreaterThan(0)

      const second = await startHost({ databaseUrl: empty.url, mailDir: first.mailDir })
      hosts.push(second)
      const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)
      expect(integrity.rows.map((r) => r.integrity_check)).toEqual(['ok'])

      for (const shiftId of shiftIds) await expectShiftInvariants(db, shiftId)
      const stored = await db
        .selectFrom('signup')
        .select(['shift_id', 'volunteer_id'])
        .where('status', '<>', 'cancelled')
        .execute()
      const keys = new Set(stored.map((r) => `${r.shift_id}:${r.volunteer_id}`))
      expect(ok.filter((r) => !keys.has(`${r.shiftId}:${r.v.accountId}`))).toEqual([])

      // What the crash cut off goes through on the restarted app (a committed but unanswered one answers again).
      const retried = await pooled(
        unanswered.map(
          ({ shiftId, v }) =>
            () =>
              postSignup(second.url, shiftId, v.cookie),
        ),
        16,
      )
      expect(retried.filter((s) => s !== 302)).toEqual([])
      for (const shiftId of shiftIds) {
        const { confirmed, rows } = await expectShiftInvariants(db, shiftId)
        expect(confirmed).toHaveLength(SEATS)
        expect(rows).toHaveLength(VOLUNTEERS)
      }

      // A mail the dead process was sending stays leased; move the clock past the lease instead of waiting.
      const orphaned = await db
        .selectFrom('email_outbox')
        .select('message_id')
        .where('status', '=', 'sending')
        .execute()
      await db
        .updateTable('email_outbox')
        .set({ lease_until: new Date(Date.now() - 1000).toISOString() })
        .where('status', '=', 'sending')
        .execute()
      await waitFor(async () => (await outboxNotSent(db)) === 0, 60_000, 'the outbox to drain after the restart')
      const captured = capturedByMessageId([first.mailDir])
      const ids = await outboxMessageIds(db)
      expect(ids).toHaveLength(SHIFTS * VOLUNTEERS)
      expect(
        ids.filter((id) => !captured.has(id)),
        'every queued mail sent',
      ).toEqual([])
      const orphanIds = new Set(orphaned.map((r) => r.message_id))
      expect(
        [...captured].filter(([id, n]) => n > 1 && !orphanIds.has(id)),
        'no duplicate mail',
      ).toEqual([])
      console.info(
        `[scale:sqlite] SIGKILL after ${KILL_AFTER} answers: ${ok.length} answered, ${unanswered.length} cut off, ${orphaned.length} mails mid-send`,
      )
    },
    TIMEOUT_MS,
  )
})
