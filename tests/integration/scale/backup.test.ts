/**
 * `npm run db:backup` while the database is being written, then `npm run db:restore` into a fresh
 * database: every row committed before the backup began is there, and the restore refuses to
 * overwrite a database that is in use.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { createDatabase } from '#db/connect'
import { migrateToLatest } from '#db/migrate'
import { createEmptyDatabase, describeEachDialect } from '../../support/databases'

const run = promisify(execFile)
const PRELOAD = 5_000

async function cli(script: string, args: string[], databaseUrl: string) {
  const env = { ...process.env, DATABASE_URL: databaseUrl, NODE_OPTIONS: '' }
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script, ...args], { env })
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const e = error as Error & { code?: number; stdout?: string; stderr?: string }
    return { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` }
  }
}

describeEachDialect('backup and restore', (dialect) => {
  it('a backup taken during writes restores every row committed before it began', { timeout: 120_000 }, async () => {
    const source = await createEmptyDatabase(dialect)
    const fresh = await createEmptyDatabase(dialect)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxing-backup-'))
    const database = createDatabase(source.url)
    try {
      await migrateToLatest(database)
      const { db } = database
      const now = new Date().toISOString()
      const site = (name: string) => ({ name, kind: 'branch' as const, created_at: now, updated_at: now })
      for (let i = 0; i < PRELOAD; i += 500) {
        await db
          .insertInto('site')
          .values(Array.from({ length: 500 }, (_, j) => site(`预置分馆 ${i + j}`)))
          .execute()
      }
      // A writer commits one row at a time, before, during and after the backup.
      const committed: number[] = []
      let writing = true
      const writer = (async () => {
        for (let i = 0; writing; i++) {
          const row = await db
            .insertInto('site')
            .values(site(`写入中 ${i}`))
            .returning('id')
            .executeTakeFirstOrThrow()
          committed.push(row.id)
          await new Promise((resolve) => setImmediate(resolve))
        }
      })()
      while (committed.length < 50) await new Promise((resolve) => setTimeout(resolve, 10))

      const file = path.join(dir, dialect === 'postgres' ? 'tongxing.dump' : 'tongxing.db')
      const before = [...committed]
      const backup = await cli('scripts/db-backup.ts', [file], source.url)
      const during = committed.length - before.length
      writing = false
      await writer
      expect(backup.code, backup.output).toBe(0)
      expect(during, 'rows were written while the backup ran').toBeGreaterThan(0)

      // Into the live database: refused.
      const refused = await cli('scripts/db-restore.ts', [file], source.url)
      expect(refused.code, refused.output).toBe(1)
      expect(refused.output).toMatch(/restore refused/)

      const restored = await cli('scripts/db-restore.ts', [file], fresh.url)
      expect(restored.code, restored.output).toBe(0)
      const copy = createDatabase(fresh.url)
      try {
        const ids = new Set((await copy.db.selectFrom('site').select('id').execute()).map((r) => r.id))
        expect(
          before.filter((id) => !ids.has(id)),
          'rows committed before the backup',
        ).toEqual([])
        expect(ids.size).toBeGreaterThanOrEqual(PRELOAD + before.length)
        // A consistent snapshot: the restored rows are exactly a prefix of what the writer committed.
        const written = committed.filter((id) => ids.has(id))
        expect(written).toEqual(committed.slice(0, written.length))
        // The schema came along: the app can migrate it (nothing to do) and write to it.
        expect(await migrateToLatest(copy)).toEqual([])
        await copy.db.insertInto('site').values(site('恢复后')).execute()
      } finally {
        await copy.close()
      }
    } finally {
      await database.close()
      await source.drop()
      await fresh.drop()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
