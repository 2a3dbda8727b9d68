/**
 * Set-up for the sign-up suites: volunteers (verified, sharing one password
 * hash), shifts with any rule, actors and request metadata, the invariants
 * every test checks, and a deliberately naive sign-up (no lock, no conditional
 * update) that the concurrency tests must catch.
 */
import type { Kysely } from 'kysely'
import { expect } from 'vitest'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import { createAccount, createSite, type AccountSpec, type TestAccount } from '../accounts/helpers'
import { HOUR } from './naive'

export { APP_ORIGIN, HOUR, meta, naiveSignUp } from './naive'

export function actorOf(account: TestAccount, overrides: Partial<Actor> = {}): Actor {
  return {
    accountId: account.id,
    role: account.role,
    partnerOrganisationId: null,
    name: account.name,
    email: account.email,
    locale: 'zh-CN',
    emailVerified: true,
    ...overrides,
  }
}

export async function createVolunteer(
  db: Kysely<DB>,
  spec: AccountSpec = {},
): Promise<{ account: TestAccount; actor: Actor }> {
  const account = await createAccount(db, { role: 'volunteer', ...spec })
  return { account, actor: actorOf(account, { emailVerified: spec.verified !== false }) }
}

export async function createVolunteers(db: Kysely<DB>, count: number): Promise<Actor[]> {
  const actors: Actor[] = []
  for (let i = 0; i < count; i++) actors.push((await createVolunteer(db)).actor)
  return actors
}

export async function createStaff(
  db: Kysely<DB>,
  spec: AccountSpec = {},
): Promise<{ account: TestAccount; actor: Actor }> {
  const account = await createAccount(db, { role: 'coordinator', ...spec })
  return { account, actor: actorOf(account) }
}

export interface ShiftSpec {
  siteId?: number
  startsAt?: Date
  hours?: number
  capacity?: number
  minAge?: number | null
  requiredSkill?: string | null
  requiredTrainingId?: number | null
  opensAt?: Date | null
  closesAt?: Date | null
  cutoffHours?: number
  contactAccountId?: number | null
  whatToBring?: string | null
  title?: string | null
}

let siteCache = new WeakMap<Kysely<DB>, number>()
export const resetSiteCache = () => (siteCache = new WeakMap())

export async function createShift(db: Kysely<DB>, spec: ShiftSpec = {}): Promise<number> {
  let siteId = spec.siteId ?? siteCache.get(db)
  if (siteId === undefined) {
    siteId = await createSite(db)
    siteCache.set(db, siteId)
  }
  const startsAt = spec.startsAt ?? new Date(Date.now() + 7 * 24 * HOUR)
  const now = new Date().toISOString()
  const row = await db
    .insertInto('shift')
    .values({
      series_id: null,
      site_id: siteId,
      activity_id: null,
      role: 'reading_guide',
      title: spec.title ?? null,
      starts_at: startsAt.toISOString(),
      ends_at: new Date(startsAt.getTime() + (spec.hours ?? 3) * HOUR).toISOString(),
      capacity: spec.capacity ?? 10,
      min_age: spec.minAge ?? null,
      required_skill: spec.requiredSkill ?? null,
      required_training_id: spec.requiredTrainingId ?? null,
      signup_opens_at: spec.opensAt ? spec.opensAt.toISOString() : null,
      signup_closes_at: spec.closesAt ? spec.closesAt.toISOString() : null,
      cancel_cutoff_hours: spec.cutoffHours ?? 0,
      notes: null,
      contact_account_id: spec.contactAccountId ?? null,
      what_to_bring: spec.whatToBring ?? null,
      status: 'open',
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function signupRows(db: Kysely<DB>, shiftId: number) {
  return db.selectFrom('signup').selectAll().where('shift_id', '=', shiftId).orderBy('id').execute()
}

/**
 * The invariants of one shift: confirmed ≤ capacity, the stored count equals
 * the confirmed rows, one active sign-up per volunteer, waitlist positions
 * unique and increasing in the order the waitlisted signed up.
 */
export async function expectInvariants(db: Kysely<DB>, shiftId: number) {
  const shift = await db
    .selectFrom('shift')
    .select(['capacity', 'confirmed_count'])
    .where('id', '=', shiftId)
    .executeTakeFirstOrThrow()
  const rows = await signupRows(db, shiftId)
  const confirmed = rows.filter((r) => r.status === 'confirmed')
  const waitlisted = rows.filter((r) => r.status === 'waitlisted')
  expect(confirmed.length, 'confirmed ≤ capacity').toBeLessThanOrEqual(shift.capacity)
  expect(shift.confirmed_count, 'stored count = confirmed rows').toBe(confirmed.length)
  const active = rows.filter((r) => r.status !== 'cancelled').map((r) => r.volunteer_id)
  expect(new Set(active).size, 'one active sign-up per volunteer').toBe(active.length)
  const positions = waitlisted.map((r) => r.waitlist_position!) // rows are in id (= creation) order
  for (let i = 1; i < positions.length; i++)
    expect(positions[i]!, 'waitlist in order').toBeGreaterThan(positions[i - 1]!)
  return { shift, rows, confirmed, waitlisted }
}

/** Whether the naive run broke a rule: more confirmed rows than seats, a stored count that lies, or errors. */
export async function naiveRunBroke(db: Kysely<DB>, shiftId: number, errors: number): Promise<boolean> {
  const shift = await db
    .selectFrom('shift')
    .select(['capacity', 'confirmed_count'])
    .where('id', '=', shiftId)
    .executeTakeFirstOrThrow()
  const confirmed = (await signupRows(db, shiftId)).filter((r) => r.status === 'confirmed').length
  return errors > 0 || confirmed > shift.capacity || confirmed !== shift.confirmed_count
}

export async function outboxFor(db: Kysely<DB>, template: string) {
  return db.selectFrom('email_outbox').selectAll().where('template', '=', template).orderBy('id').execute()
}
