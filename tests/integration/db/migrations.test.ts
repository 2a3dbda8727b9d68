import { expect, it } from 'vitest'
import { createDatabase } from '#db/connect'
import { migrateToLatest } from '#db/migrate'
import { migrations } from '#db/migrations'
import { createEmptyDatabase, describeEachDialect, openTestDatabase } from '../../support/databases'
import { appliedMigrations, expectedTables, explicitIndexes, schemaSnapshot } from './fixtures/schema'

const migrationNames = migrations.map((m) => m.name)

it('reads the expected table list from the DB interface', () => {
  const tables = expectedTables()
  // A broken parser would make the table assertions below vacuous.
  expect(tables.length).toBeGreaterThanOrEqual(20)
  expect(tables).toEqual(expect.arrayContaining(['account', 'shift', 'signup', 'session', 'rate_limit_bucket']))
  expect(new Set(tables).size).toBe(tables.length)
})

describeEachDialect('migrations', (dialect) => {
  it('migrates an empty database to exactly the tables of the DB interface', async () => {
    const empty = await createEmptyDatabase(dialect)
    const database = createDatabase(empty.url)
    try {
      const results = await migrateToLatest(database)
      expect(results.map((r) => [r.migrationName, r.status])).toEqual(migrationNames.map((n) => [n, 'Success']))
      expect(await appliedMigrations(database.db)).toEqual(migrationNames)

      const tables = Object.keys(await schemaSnapshot(database.db)).sort()
      expect(tables).toEqual(expectedTables())
    } finally {
      await database.close()
      await empty.drop()
    }
  })

  it('does nothing when run again', async () => {
    const database = await openTestDatabase(dialect)
    try {
      const schemaBefore = await schemaSnapshot(database.db)
      const indexesBefore = await explicitIndexes(database.db, dialect)
      expect(await appliedMigrations(database.db)).toEqual(migrationNames)

      expect(await migrateToLatest(database)).toEqual([])
      expect(await migrateToLatest(database)).toEqual([])

      expect(await appliedMigrations(database.db)).toEqual(migrationNames)
      expect(await schemaSnapshot(database.db)).toEqual(schemaBefore)
      expect(await explicitIndexes(database.db, dialect)).toEqual(indexesBefore)
    } finally {
      await database.close()
    }
  })

  it('keeps data across a re-run', async () => {
    const database = await openTestDatabase(dialect)
    try {
      await database.db
        .insertInto('rate_limit_bucket')
        .values({ key: 'login:someone', tokens: 3, refilled_at: '2026-11-25T05:53:00.000Z' })
        .execute()
      await migrateToLatest(database)
      const rows = await database.db.selectFrom('rate_limit_bucket').select(['key', 'tokens']).execute()
      expect(rows).toEqual([{ key: 'login:someone', tokens: 3 }])
    } finally {
      await database.close()
    }
  })
})
