/**
 * Set-up shared by the scale suites: volunteers with live sessions (cookies as a
 * browser sends them), the outbox rows of some sign-ups, and the sign-up
 * invariants plus the ones a crash could break.
 */
import type { Kysely } from 'kysely'
import { expect } from 'vitest'
import type { DB } from '#db/schema'
import { createSession } from '~/auth/session.server'
import { createVolunteers, expectInvariants } from '../signups/helpers'

export interface Volunteer {
  accountId: number
  cookie: string
}

export async function volunteersWithSessions(db: Kysely<DB>, count: number): Promise<Volunteer[]> {
  const actors = await createVolunteers(db, count)
  const volunteers: Volunteer[] = []
  for (const actor of actors) {
    const session = await createSession(db, { id: actor.accountId, role: 'volunteer' }, new Date())
    volunteers.push({ accountId: actor.accountId, cookie: `session=${session.token}` })
  }
  return volunteers
}

/** expectInvariants plus: unique waitlist positions, and each active sign-up has its mail queued in the same commit. */
export async function expectShiftInvariants(db: Kysely<DB>, shiftId: number) {
  const result = await expectInvariants(db, shiftId)
  const positions = result.waitlisted.map((r) => r.waitlist_position)
  expect(new Set(positions).size, 'waitlist positions unique').toBe(positions.length)
  const active = result.rows.filter((r) => r.status !== 'cancelled')
  if (active.length > 0) {
    const keys = await db
      .selectFrom('email_outbox')
      .select('dedupe_key')
      .where(
        'dedupe_key',
        'in',
        active.map((r) => `signup-${r.status}:${r.id}`),
      )
      .execute()
    expect(keys.length, 'every sign-up has its confirmation or waitlist mail').toBe(active.length)
  }
  return result
}

export async function outboxNotSent(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('email_outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '<>', 'sent')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function outboxMessageIds(db: Kysely<DB>): Promise<string[]> {
  return (await db.selectFrom('email_outbox').select('message_id').execute()).map((r) => r.message_id)
}

/** Runs `tasks` with at most `limit` in flight. */
export async function pooled<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const index = next++
        results[index] = await tasks[index]!()
      }
    }),
  )
  return results
}
