/**
 * No overbooking under load, on both databases: 200 volunteers sign up at once
 * for a 10-seat shift. Each run has a negative control (the naive
 * read-then-insert of helpers.ts) that must break, proving the test can see the bug.
 */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openTestDatabase, describeEachDialect, useTestDatabase } from '../../support/databases'
import { lastJson, runTogether } from '../db/fixtures/children'
import { signUp } from '~/domain/signups/sign-up.server'
import {
  createShift,
  createVolunteers,
  expectInvariants,
  meta as requestMeta,
  naiveRunBroke,
  naiveSignUp,
  outboxFor,
} from './helpers'

const here = import.meta.dirname
const child = path.join(here, 'fixtures/signup-child.ts')
const VOLUNTEERS = 200
const SEATS = 10

describeEachDialect('sign-ups under concurrency', (dialect) => {
  // PostgreSQL: a pool of 20, so transactions really run side by side.
  const database = useTestDatabase(dialect, { poolSize: 20 })

  it(`${VOLUNTEERS} concurrent sign-ups for ${SEATS} seats: exactly ${SEATS} confirmed, the rest waitlisted 1..${VOLUNTEERS - SEATS}, no errors`, async () => {
    const { db } = database()
    const shiftId = await createShift(db, { capacity: SEATS })
    const actors = await createVolunteers(db, VOLUNTEERS)
    const started = Date.now()
    const settled = await Promise.allSettled(actors.map((actor) => signUp(db, actor, shiftId, requestMeta())))
    const elapsed = Date.now() - started
    const failures = settled.filter((s) => s.status === 'rejected')
    expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([])
    const results = settled.map((s) => (s as PromiseFulfilledResult<Awaited<ReturnType<typeof signUp>>>).value)
    expect(results.filter((r) => r.status === 'confirmed')).toHaveLength(SEATS)
    expect(results.filter((r) => r.status === 'waitlisted')).toHaveLength(VOLUNTEERS - SEATS)
    expect(results.every((r) => !r.alreadySignedUp)).toBe(true)

    const { confirmed, waitlisted, shift } = await expectInvariants(db, shiftId)
    expect(confirmed).toHaveLength(SEATS)
    expect(shift.confirmed_count).toBe(SEATS)
    expect(waitlisted.map((r) => r.waitlist_position).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: VOLUNTEERS - SEATS }, (_, i) => i + 1),
    )
    // One mail per sign-up, of the right kind.
    expect(await outboxFor(db, 'signup-confirmed')).toHaveLength(SEATS)
    expect(await outboxFor(db, 'signup-waitlisted')).toHaveLength(VOLUNTEERS - SEATS)
    console.info(`[signups:${dialect}] ${VOLUNTEERS} concurrent sign-ups in ${elapsed} ms`)
  })

  it('negative control: the naive read-then-insert overbooks or fails under the same load', async () => {
    const { db } = database()
    const shiftId = await createShift(db, { capacity: SEATS })
    const actors = await createVolunteers(db, VOLUNTEERS)
    const settled = await Promise.allSettled(actors.map((actor) => naiveSignUp(db, actor.accountId, shiftId)))
    const errors = settled.filter((s) => s.status === 'rejected').length
    expect(await naiveRunBroke(db, shiftId, errors)).toBe(true)
  })

  it('a double-submitted form makes one sign-up and answers both submissions with it', async () => {
    const { db } = database()
    const shiftId = await createShift(db, { capacity: 1 })
    const [first, second] = await createVolunteers(db, 2)
    const both = await Promise.all([
      signUp(db, first!, shiftId, requestMeta()),
      signUp(db, first!, shiftId, requestMeta()),
    ])
    expect(both[0].signupId).toBe(both[1].signupId)
    expect(both.map((r) => r.alreadySignedUp).sort()).toEqual([false, true])
    expect(both.every((r) => r.status === 'confirmed')).toBe(true)
    // Later repeats too; and on the waitlist, the same position each time.
    expect((await signUp(db, first!, shiftId, requestMeta())).signupId).toBe(both[0].signupId)
    const waiting = await Promise.all(Array.from({ length: 5 }, () => signUp(db, second!, shiftId, requestMeta())))
    expect(new Set(waiting.map((w) => w.signupId)).size).toBe(1)
    expect(waiting.every((w) => w.status === 'waitlisted' && w.position === 1)).toBe(true)
    const { rows } = await expectInvariants(db, shiftId)
    expect(rows).toHaveLength(2)
    const mails = (await outboxFor(db, 'signup-waitlisted')).filter((m) => m.to_account_id === second!.accountId)
    expect(mails).toHaveLength(1)
    const confirmations = (await outboxFor(db, 'signup-confirmed')).filter((m) => m.to_account_id === first!.accountId)
    expect(confirmations).toHaveLength(1)
  })
})

describe('sign-ups across OS processes on one SQLite file', () => {
  const PROCESSES = 4

  async function run(mode: 'guarded' | 'naive') {
    const database = await openTestDatabase('sqlite')
    try {
      const shiftId = await createShift(database.db, { capacity: SEATS })
      const actors = await createVolunteers(database.db, VOLUNTEERS)
      const per = VOLUNTEERS / PROCESSES
      const args = Array.from({ length: PROCESSES }, (_, p) => [
        database.url,
        String(shiftId),
        actors
          .slice(p * per, (p + 1) * per)
          .map((a) => a.accountId)
          .join(','),
        mode,
      ])
      const started = Date.now()
      const results = await runTogether(child, args)
      const elapsed = Date.now() - started
      for (const r of results) expect(r.code, r.stderr).toBe(0)
      const outputs = results.map((r) =>
        lastJson<{ statuses: Record<string, number>; errors: number; errorCodes: string[] }>(r.stdout),
      )
      return { db: database.db, shiftId, outputs, elapsed, close: () => database.close() }
    } catch (error) {
      await database.close()
      throw error
    }
  }

  it(`${PROCESSES} processes × ${VOLUNTEERS / PROCESSES} concurrent sign-ups: ${SEATS} confirmed, ${VOLUNTEERS - SEATS} waitlisted, no SQLITE_BUSY`, async () => {
    const { db, shiftId, outputs, elapsed, close } = await run('guarded')
    try {
      expect(outputs.flatMap((o) => o.errorCodes)).toEqual([])
      const total = (status: string) => outputs.reduce((sum, o) => sum + (o.statuses[status] ?? 0), 0)
      expect(total('confirmed')).toBe(SEATS)
      expect(total('waitlisted')).toBe(VOLUNTEERS - SEATS)
      const { confirmed, waitlisted } = await expectInvariants(db, shiftId)
      expect(confirmed).toHaveLength(SEATS)
      expect(new Set(waitlisted.map((r) => r.waitlist_position)).size).toBe(VOLUNTEERS - SEATS)
      console.info(`[signups:processes] ${VOLUNTEERS} sign-ups from ${PROCESSES} processes in ${elapsed} ms`)
    } finally {
      await close()
    }
  })

  it('negative control: the naive read-then-insert across processes overbooks or fails', async () => {
    const { db, shiftId, outputs, close } = await run('naive')
    try {
      const errors = outputs.reduce((sum, o) => sum + o.errors, 0)
      expect(await naiveRunBroke(db, shiftId, errors)).toBe(true)
    } finally {
      await close()
    }
  })
})
