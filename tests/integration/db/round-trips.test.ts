/**
 * Values written through Kysely come back as the same JavaScript values and types
 * on both dialects (db/connect.ts installs the node-pg type parsers that make
 * timestamptz, date, int8 and numeric read back like SQLite's).
 */
import { sql } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { describeEachDialect, useTestDatabase } from '../../support/databases'
import { NOW, insertAccount, insertShift, insertSite } from './fixtures/rows'

describeEachDialect('round-trips', (dialect) => {
  const database = useTestDatabase(dialect)
  let siteId: number
  beforeAll(async () => {
    siteId = await insertSite(database().db)
  })

  it('returns an Instant as the same ISO-8601 UTC string', async () => {
    const { db } = database()
    const starts = '2026-11-28T01:02:03.456Z'
    const ends = '2026-11-28T04:00:00.000Z'
    const id = await insertShift(db, siteId, { starts_at: starts, ends_at: ends })
    const row = await db
      .selectFrom('shift')
      .select(['starts_at', 'ends_at', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ starts_at: starts, ends_at: ends, created_at: NOW })
    expect(typeof row.starts_at).toBe('string')
    // Instants compare and sort by time on both dialects.
    const later = await db
      .selectFrom('shift')
      .select('id')
      .where('id', '=', id)
      .where('starts_at', '>', '2026-11-28T01:02:03.000Z')
      .execute()
    expect(later).toEqual([{ id }])
  })

  it('returns a Day as the same YYYY-MM-DD string', async () => {
    const { db } = database()
    const row = await db
      .insertInto('book_donation')
      .values({ donor_kind: 'individual', book_count: 12, received_on: '2026-02-28', created_at: NOW })
      .returning(['received_on'])
      .executeTakeFirstOrThrow()
    expect(row.received_on).toBe('2026-02-28')
    const selected = await db
      .selectFrom('book_donation')
      .select('received_on')
      .where('received_on', '=', '2026-02-28')
      .executeTakeFirstOrThrow()
    expect(selected.received_on).toBe('2026-02-28')
    expect(typeof selected.received_on).toBe('string')
  })

  it('returns a Flag as the number 0 or 1', async () => {
    const { db } = database()
    const off = await insertSite(db, { active: 0 })
    const rows = await db
      .selectFrom('site')
      .select(['id', 'active'])
      .where('id', 'in', [siteId, off])
      .orderBy('id')
      .execute()
    expect(rows).toEqual([
      { id: siteId, active: 1 },
      { id: off, active: 0 },
    ])
  })

  it('returns JSON text verbatim, including CJK and emoji', async () => {
    const { db } = database()
    const accountId = await insertAccount(db)
    const skills = JSON.stringify(['导读', 'sign language', '📚', { level: 2 }])
    const availability = JSON.stringify({ sat: ['09:00', '12:00'], note: 'ünïcödé "quoted" \\ back\nslash' })
    await db
      .insertInto('volunteer_profile')
      .values({
        account_id: accountId,
        volunteer_number: `GL-2026-${accountId}`,
        skills,
        interests: '[]',
        availability,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute()
    const row = await db
      .selectFrom('volunteer_profile')
      .select(['skills', 'interests', 'availability'])
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ skills, interests: '[]', availability })
    expect(JSON.parse(row.skills)).toEqual(['导读', 'sign language', '📚', { level: 2 }])
  })

  it('returns count(*) and sum() as numbers', async () => {
    const { db } = database()
    const programme = await db
      .insertInto('programme')
      .values({ name: `翻书越岭-${dialect}`, kind: 'brand', colour: '#aa3300', created_at: NOW, updated_at: NOW })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const count of [3, 40, 500]) {
      await db
        .insertInto('book_donation')
        .values({
          programme_id: programme.id,
          donor_kind: 'book_drive',
          book_count: count,
          received_on: '2026-11-01',
          created_at: NOW,
        })
        .execute()
    }
    const row = await db
      .selectFrom('book_donation')
      .select((eb) => [
        eb.fn.countAll().as('donations'),
        eb.fn.sum('book_count').as('books'),
        eb.fn.max('book_count').as('largest'),
        sql`avg(book_count)`.as('average'),
      ])
      .where('programme_id', '=', programme.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ donations: 3, books: 543, largest: 500, average: 181 })
    for (const value of Object.values(row)) expect(typeof value).toBe('number')

    const none = await db
      .selectFrom('book_donation')
      .select((eb) => [eb.fn.countAll().as('donations'), eb.fn.sum('book_count').as('books')])
      .where('programme_id', '=', -1)
      .executeTakeFirstOrThrow()
    expect(none).toEqual({ donations: 0, books: null })
  })

  it('returns a double precision column as a number', async () => {
    const { db } = database()
    await db.insertInto('rate_limit_bucket').values({ key: 'ip:127.0.0.1', tokens: 2.5, refilled_at: NOW }).execute()
    const row = await db
      .selectFrom('rate_limit_bucket')
      .selectAll()
      .where('key', '=', 'ip:127.0.0.1')
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ key: 'ip:127.0.0.1', tokens: 2.5, refilled_at: NOW })
  })

  it('returns generated ids as numbers', async () => {
    const { db } = database()
    const id = await insertSite(db)
    expect(typeof id).toBe('number')
    expect(Number.isInteger(id)).toBe(true)
  })
})
