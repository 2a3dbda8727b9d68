import { sql } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { errorCode, isCheckViolation, isForeignKeyViolation, isUniqueViolation } from '#db/dialect'
import { describeEachDialect, useTestDatabase } from '../../support/databases'
import {
  NOW,
  accountValues,
  insertAccount,
  insertPartner,
  insertShift,
  insertSite,
  rejectionOf,
  shiftValues,
} from './fixtures/rows'

/** Which of the dialect.ts predicates recognise `error`. */
function kinds(error: unknown) {
  return { check: isCheckViolation(error), unique: isUniqueViolation(error), foreignKey: isForeignKeyViolation(error) }
}
const CHECK = { check: true, unique: false, foreignKey: false }
const UNIQUE = { check: false, unique: true, foreignKey: false }
const FOREIGN_KEY = { check: false, unique: false, foreignKey: true }

const SIGNUP_DEFAULTS = { attendance: 'pending', hours_status: 'none', created_at: NOW, updated_at: NOW } as const

describeEachDialect('constraints', (dialect) => {
  const database = useTestDatabase(dialect)
  let siteId: number
  let volunteerId: number
  beforeAll(async () => {
    const { db } = database()
    siteId = await insertSite(db)
    volunteerId = await insertAccount(db)
  })

  it('rejects a shift that ends when or before it starts', async () => {
    const { db } = database()
    const starts = '2026-11-28T01:00:00.000Z'
    for (const ends of [starts, '2026-11-28T00:59:59.000Z']) {
      const error = await rejectionOf(
        db
          .insertInto('shift')
          .values(shiftValues(siteId, { starts_at: starts, ends_at: ends }))
          .execute(),
      )
      expect(kinds(error)).toEqual(CHECK)
    }
    // Control: one second later is fine.
    await expect(
      insertShift(db, siteId, { starts_at: starts, ends_at: '2026-11-28T01:00:01.000Z' }),
    ).resolves.toBeGreaterThan(0)
  })

  it('rejects more confirmed volunteers than seats', async () => {
    const { db } = database()
    const shiftId = await insertShift(db, siteId, { capacity: 2 })
    await db.updateTable('shift').set({ confirmed_count: 2 }).where('id', '=', shiftId).execute()
    const error = await rejectionOf(
      db.updateTable('shift').set({ confirmed_count: 3 }).where('id', '=', shiftId).execute(),
    )
    expect(kinds(error)).toEqual(CHECK)
    const negative = await rejectionOf(
      db.updateTable('shift').set({ confirmed_count: -1 }).where('id', '=', shiftId).execute(),
    )
    expect(kinds(negative)).toEqual(CHECK)
    // Lowering the capacity under the confirmed count is the same violation.
    const shrink = await rejectionOf(db.updateTable('shift').set({ capacity: 1 }).where('id', '=', shiftId).execute())
    expect(kinds(shrink)).toEqual(CHECK)
    const row = await db
      .selectFrom('shift')
      .select(['confirmed_count', 'capacity'])
      .where('id', '=', shiftId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ confirmed_count: 2, capacity: 2 })
  })

  it('allows one active signup per volunteer and shift, and another once it is cancelled', async () => {
    const { db } = database()
    const shiftId = await insertShift(db, siteId)
    const signup = { ...SIGNUP_DEFAULTS, shift_id: shiftId, volunteer_id: volunteerId }
    const first = await db
      .insertInto('signup')
      .values({ ...signup, status: 'confirmed' })
      .returning('id')
      .executeTakeFirstOrThrow()

    const duplicate = await rejectionOf(
      db
        .insertInto('signup')
        .values({ ...signup, status: 'confirmed' })
        .execute(),
    )
    expect(kinds(duplicate)).toEqual(UNIQUE)
    // A waitlisted signup is active too.
    const waitlisted = await rejectionOf(
      db
        .insertInto('signup')
        .values({ ...signup, status: 'waitlisted', waitlist_position: 1 })
        .execute(),
    )
    expect(kinds(waitlisted)).toEqual(UNIQUE)

    await db.updateTable('signup').set({ status: 'cancelled', cancelled_at: NOW }).where('id', '=', first.id).execute()
    await db
      .insertInto('signup')
      .values({ ...signup, status: 'confirmed' })
      .execute()
    // Cancelled signups do not count: a second cancelled one is fine as well.
    await db
      .insertInto('signup')
      .values({ ...signup, status: 'cancelled', cancelled_at: NOW })
      .execute()

    const statuses = await db
      .selectFrom('signup')
      .select('status')
      .where('shift_id', '=', shiftId)
      .orderBy('id')
      .execute()
    expect(statuses.map((s) => s.status)).toEqual(['cancelled', 'confirmed', 'cancelled'])
  })

  it('requires a waitlist position exactly when waitlisted', async () => {
    const { db } = database()
    const shiftId = await insertShift(db, siteId)
    const base = { ...SIGNUP_DEFAULTS, shift_id: shiftId }
    const without = await rejectionOf(
      db
        .insertInto('signup')
        .values({ ...base, volunteer_id: await insertAccount(db), status: 'waitlisted' })
        .execute(),
    )
    expect(kinds(without)).toEqual(CHECK)
    const confirmedWithPosition = await rejectionOf(
      db
        .insertInto('signup')
        .values({ ...base, volunteer_id: await insertAccount(db), status: 'confirmed', waitlist_position: 1 })
        .execute(),
    )
    expect(kinds(confirmedWithPosition)).toEqual(CHECK)
    await db
      .insertInto('signup')
      .values({ ...base, volunteer_id: await insertAccount(db), status: 'waitlisted', waitlist_position: 1 })
      .execute()
    // Two volunteers cannot share a place in the queue.
    const samePlace = await rejectionOf(
      db
        .insertInto('signup')
        .values({ ...base, volunteer_id: await insertAccount(db), status: 'waitlisted', waitlist_position: 1 })
        .execute(),
    )
    expect(kinds(samePlace)).toEqual(UNIQUE)
  })

  it('ties partner contacts, and only them, to a partner organisation', async () => {
    const { db } = database()
    const partnerId = await insertPartner(db)
    const orphan = await rejectionOf(
      db
        .insertInto('account')
        .values(accountValues({ role: 'partner_contact' }))
        .execute(),
    )
    expect(kinds(orphan)).toEqual(CHECK)
    const volunteerWithPartner = await rejectionOf(
      db
        .insertInto('account')
        .values(accountValues({ role: 'volunteer', partner_organisation_id: partnerId }))
        .execute(),
    )
    expect(kinds(volunteerWithPartner)).toEqual(CHECK)
    await expect(
      insertAccount(db, { role: 'partner_contact', partner_organisation_id: partnerId }),
    ).resolves.toBeGreaterThan(0)
  })

  it('rejects a duplicate email address', async () => {
    const { db } = database()
    const values = accountValues()
    await db.insertInto('account').values(values).execute()
    const error = await rejectionOf(
      db
        .insertInto('account')
        .values({ ...values, email: values.email.toUpperCase() })
        .execute(),
    )
    expect(kinds(error)).toEqual(UNIQUE)
  })

  it('rejects references to rows that do not exist', async () => {
    const { db } = database()
    const missingSite = await rejectionOf(db.insertInto('shift').values(shiftValues(987_654)).execute())
    expect(kinds(missingSite)).toEqual(FOREIGN_KEY)
    const missingVolunteer = await rejectionOf(
      db
        .insertInto('signup')
        .values({
          shift_id: await insertShift(db, siteId),
          ...SIGNUP_DEFAULTS,
          volunteer_id: 987_654,
          status: 'confirmed',
        })
        .execute(),
    )
    expect(kinds(missingVolunteer)).toEqual(FOREIGN_KEY)
    // Deleting a site that shifts point at is refused as well.
    const usedSite = await insertSite(db)
    await insertShift(db, usedSite)
    const deleteUsed = await rejectionOf(db.deleteFrom('site').where('id', '=', usedSite).execute())
    expect(kinds(deleteUsed)).toEqual(FOREIGN_KEY)
  })

  it('rejects a value of the wrong type instead of storing it', async () => {
    const { db } = database()
    const error = await rejectionOf(
      db
        .insertInto('shift')
        .values({ ...shiftValues(siteId), capacity: sql<number>`${'three'}` })
        .execute(),
    )
    // SQLite tables are STRICT; PostgreSQL refuses to parse 'three' as an integer.
    expect(errorCode(error)).toBe(dialect === 'sqlite' ? 'SQLITE_CONSTRAINT_DATATYPE' : '22P02')
    expect(kinds(error)).toEqual({ check: false, unique: false, foreignKey: false })
  })

  it('rejects a value outside an enumerated list', async () => {
    const { db } = database()
    const error = await rejectionOf(
      db
        .insertInto('shift')
        .values({ ...shiftValues(siteId), role: 'janitor' as never })
        .execute(),
    )
    expect(kinds(error)).toEqual(CHECK)
  })
})
