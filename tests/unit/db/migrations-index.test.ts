import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrations } from '#db/migrations'

const dir = path.resolve(import.meta.dirname, '../../../db/migrations')
const MIGRATION_FILE = /^(\d{8}T\d{4}_[a-z0-9_]+)\.ts$/
const NOT_MIGRATIONS = new Set(['index.ts', 'helpers.ts'])

const files = fs.readdirSync(dir).filter((f) => !fs.statSync(path.join(dir, f)).isDirectory())
const migrationFiles = files
  .map((f) => MIGRATION_FILE.exec(f)?.[1])
  .filter((name): name is string => Boolean(name))
  .sort()

describe('db/migrations/index.ts', () => {
  it('finds the migration files', () => {
    expect(migrationFiles.length).toBeGreaterThanOrEqual(2)
  })

  it('has only migrations, index.ts and helpers.ts in the folder', () => {
    const stray = files.filter((f) => !NOT_MIGRATIONS.has(f) && !MIGRATION_FILE.test(f))
    expect(stray, 'migration files are named YYYYMMDDTHHMM_snake_case.ts').toEqual([])
  })

  it('lists every migration file exactly once, in filename order', () => {
    const names = migrations.map((m) => m.name)
    expect(names).toEqual(migrationFiles)
    expect(new Set(names).size).toBe(names.length)
  })

  it("runs each file's own up()", async () => {
    for (const migration of migrations) {
      const module = (await import(path.join(dir, `${migration.name}.ts`))) as { up?: unknown }
      expect(typeof module.up, migration.name).toBe('function')
      expect(migration.up, `${migration.name} is wired to another file's up()`).toBe(module.up)
    }
  })

  it('imports each file once, by its own name', () => {
    const source = fs.readFileSync(path.join(dir, 'index.ts'), 'utf8')
    const imported = [...source.matchAll(/from '\.\/([^']+)'/g)].map((m) => m[1]!).filter((f) => f !== 'helpers')
    expect(imported).toEqual(migrationFiles)
  })
})
