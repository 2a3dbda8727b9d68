import { beforeAll, expect, it } from 'vitest'
import { monthOf } from '#db/dialect'
import { describeEachDialect, useTestDatabase } from '../../support/databases'
import { insertShift, insertSite } from './fixtures/rows'

/** Instant → the month it falls in, in Asia/Shanghai (UTC+8, no daylight saving). */
const CASES: [string, string][] = [
  ['2021-01-31T16:30:00.000Z', '2021-02'], // 00:30 on 1 February in Shanghai
  ['2021-01-31T15:59:00.000Z', '2021-01'], // 23:59 on 31 January in Shanghai
  ['2021-01-31T16:00:00.000Z', '2021-02'], // midnight exactly
  ['2021-12-31T16:00:00.000Z', '2022-01'], // across a year
  ['2021-02-28T15:59:59.999Z', '2021-02'],
  ['2021-07-15T04:00:00.000Z', '2021-07'],
]

describeEachDialect('monthOf', (dialect) => {
  const database = useTestDatabase(dialect)
  const shiftIds = new Map<string, number>()
  beforeAll(async () => {
    const { db } = database()
    const siteId = await insertSite(db)
    for (const [instant] of CASES) {
      const ends = new Date(Date.parse(instant) + 3_600_000).toISOString()
      shiftIds.set(instant, await insertShift(db, siteId, { starts_at: instant, ends_at: ends }))
    }
  })

  it.each(CASES)('puts %s in %s', async (instant, month) => {
    const { db } = database()
    const row = await db
      .selectFrom('shift')
      .select(monthOf(db, 'starts_at').as('month'))
      .where('id', '=', shiftIds.get(instant)!)
      .executeTakeFirstOrThrow()
    expect(row.month).toBe(month)
  })

  it('groups by month in Shanghai', async () => {
    const { db } = database()
    const month = monthOf(db, 'starts_at')
    const rows = await db
      .selectFrom('shift')
      .select([month.as('month'), db.fn.countAll<number>().as('shifts')])
      .where('id', 'in', [...shiftIds.values()])
      .groupBy(month)
      .orderBy(month)
      .execute()
    expect(rows).toEqual([
      { month: '2021-01', shifts: 1 },
      { month: '2021-02', shifts: 3 },
      { month: '2021-07', shifts: 1 },
      { month: '2022-01', shifts: 1 },
    ])
  })
})
