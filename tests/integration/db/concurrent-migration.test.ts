import path from 'node:path'
import { expect, it } from 'vitest'
import { createDatabase } from '#db/connect'
import { migrations } from '#db/migrations'
import { createEmptyDatabase, describeEachDialect } from '../../support/databases'
import { lastJson, runTogether } from './fixtures/children'
import { appliedMigrations, expectedTables, schemaSnapshot } from './fixtures/schema'

const CHILD = path.join(import.meta.dirname, 'fixtures/migrate-child.ts')
const PROCESSES = 4

describeEachDialect('concurrent migration', (dialect) => {
  it(`${PROCESSES} processes migrating one new database at once apply each migration exactly once`, async () => {
    const empty = await createEmptyDatabase(dialect)
    try {
      const children = await runTogether(
        CHILD,
        Array.from({ length: PROCESSES }, () => [empty.url]),
      )
      for (const child of children) {
        expect(child.stderr).toBe('')
        expect(child.code, child.stderr).toBe(0)
      }

      // Between them the children applied every migration once: one did the work, the rest found nothing to do.
      const applied = children.flatMap((c) => lastJson<{ applied: string[] }>(c.stdout).applied)
      expect(applied.sort()).toEqual(migrations.map((m) => m.name).sort())

      const database = createDatabase(empty.url)
      try {
        expect(await appliedMigrations(database.db)).toEqual(migrations.map((m) => m.name))
        expect(Object.keys(await schemaSnapshot(database.db)).sort()).toEqual(expectedTables())
      } finally {
        await database.close()
      }
    } finally {
      await empty.drop()
    }
  })
})
