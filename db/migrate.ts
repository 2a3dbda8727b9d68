import SQLite from 'better-sqlite3'
import { Migrator, type MigrationResult } from 'kysely'
import type { Database } from './connect'
import { migrations } from './migrations'

/**
 * Brings the schema up to date; safe when several processes start at once.
 * PostgreSQL: Kysely's migrator holds an advisory lock and runs the batch in one
 * transaction. SQLite: Kysely takes no lock there, so a lock file beside the
 * database is held with BEGIN IMMEDIATE and the batch runs in one transaction
 * (see TransactionalDdlSqliteAdapter): one process migrates, the others wait and
 * then find nothing to do.
 */
export async function migrateToLatest(database: Database): Promise<MigrationResult[]> {
  return withSqliteFileLock(database, async () => {
    const migrator = new Migrator({
      db: database.db,
      provider: {
        async getMigrations() {
          return Object.fromEntries(
            migrations.map((m) => [m.name, { up: (db: typeof database.db) => m.up(db, database.dialect) }]),
          )
        },
      },
    })
    const { error, results } = await migrator.migrateToLatest()
    if (error) throw error
    return results ?? []
  })
}

/** Runs `fn` while holding a cross-process lock beside the SQLite file; a plain call on PostgreSQL. */
export async function withSqliteFileLock<T>(database: Database, fn: () => Promise<T>): Promise<T> {
  if (database.dialect !== 'sqlite' || !database.file || database.file === ':memory:') return fn()
  const lock = new SQLite(`${database.file}.lock`, { timeout: 120_000 })
  try {
    lock.exec('begin immediate')
    try {
      return await fn()
    } finally {
      lock.exec('commit')
    }
  } finally {
    lock.close()
  }
}
