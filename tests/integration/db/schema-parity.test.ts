import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '#db/connect'
import { openTestDatabase, postgresUrl } from '../../support/databases'
import { explicitIndexes, schemaSnapshot, type ColumnShape } from './fixtures/schema'

// Both dialects at once, so this needs PostgreSQL; without it the suite shows as skipped.
describe.skipIf(!postgresUrl)('schema parity [postgres vs sqlite]', () => {
  let sqlite: Database
  let postgres: Database
  beforeAll(async () => {
    sqlite = await openTestDatabase('sqlite')
    postgres = await openTestDatabase('postgres')
  })
  afterAll(async () => {
    await sqlite?.close()
    await postgres?.close()
  })

  const names = (snapshot: Record<string, ColumnShape[]>) =>
    Object.fromEntries(Object.entries(snapshot).map(([table, columns]) => [table, columns.map((c) => c.name)]))

  it('has the same tables with the same columns', async () => {
    const a = await schemaSnapshot(sqlite.db)
    const b = await schemaSnapshot(postgres.db)
    expect(Object.keys(a).length).toBeGreaterThan(0)
    expect(names(a)).toEqual(names(b))
  })

  it('has the same NOT NULL columns', async () => {
    // SQLite reports an INTEGER PRIMARY KEY (the rowid alias) and a TEXT PRIMARY KEY as
    // nullable although neither can hold NULL in a STRICT table; compare everything else.
    const primaryKeys = new Set(['id', 'session.id', 'rate_limit_bucket.key', 'volunteer_profile.account_id'])
    const notNull = (snapshot: Record<string, ColumnShape[]>) =>
      Object.entries(snapshot).flatMap(([table, columns]) =>
        columns
          .filter((c) => !c.nullable && c.name !== 'id' && !primaryKeys.has(`${table}.${c.name}`))
          .map((c) => `${table}.${c.name}`),
      )
    const a = notNull(await schemaSnapshot(sqlite.db))
    const b = notNull(await schemaSnapshot(postgres.db))
    expect(a.length).toBeGreaterThan(50)
    expect(a).toEqual(b)
  })

  it('has the same named indexes', async () => {
    const a = await explicitIndexes(sqlite.db, 'sqlite')
    const b = await explicitIndexes(postgres.db, 'postgres')
    expect(a).toContain('signup_one_active')
    expect(a).toEqual(b)
  })
})
