/**
 * Every difference between SQLite and PostgreSQL lives here. Nothing under app/
 * names a dialect; it asks these helpers instead.
 */
import { type Kysely, PostgresAdapter, sql, type RawBuilder, type SelectQueryBuilder } from 'kysely'

export type DialectName = 'sqlite' | 'postgres'

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}

const RETRYABLE_PG_CODES = new Set(['40001', '40P01'])
const MAX_ATTEMPTS = 5

/**
 * Runs `fn` in a write transaction. SQLite takes the write lock at once
 * (`BEGIN IMMEDIATE`, which Kysely's own transaction cannot issue), so a
 * read-then-write never fails with SQLITE_BUSY across processes. PostgreSQL runs
 * at Read Committed and retries serialisation failures and deadlocks.
 *
 * Never await network I/O (mail, HTTP) inside `fn`.
 */
export async function writeTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  // A nested call joins the enclosing transaction.
  if (db.isTransaction || sqliteTransactions.has(db)) return fn(db)
  if (dialectOf(db) === 'postgres') {
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction().execute(fn)
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !RETRYABLE_PG_CODES.has(errorCode(error) ?? '')) throw error
      }
    }
  }
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn)
    sqliteTransactions.add(conn)
    try {
      const result = await fn(conn)
      await sql`commit`.execute(conn)
      return result
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => {
        // SQLite may already have rolled back (SQLITE_FULL, SQLITE_BUSY); the original error matters.
      })
      throw error
    } finally {
      sqliteTransactions.delete(conn)
    }
  })
}

/** Connections inside writeTransaction's `BEGIN IMMEDIATE`: Kysely does not know they are in a transaction. */
const sqliteTransactions = new WeakSet<Kysely<any>>()

/** Locks the selected rows until the transaction ends on PostgreSQL; SQLite's write lock already covers it. */
export function forUpdate<QB extends SelectQueryBuilder<any, any, any>>(db: Kysely<any>, qb: QB): QB {
  return dialectOf(db) === 'postgres' ? (qb.forUpdate() as QB) : qb
}

/**
 * Takes the row locks of `qb` until the transaction ends, for a caller that needs the lock but not
 * the rows. On SQLite nothing is sent: writeTransaction's BEGIN IMMEDIATE already holds the
 * database's one write lock, so the read would lock nothing more.
 */
export async function lockRows(db: Kysely<any>, qb: SelectQueryBuilder<any, any, any>): Promise<void> {
  if (dialectOf(db) === 'postgres') await qb.forUpdate().execute()
}

/** Like forUpdate, but rows another worker holds are skipped (queues such as the outbox). */
export function forUpdateSkipLocked<QB extends SelectQueryBuilder<any, any, any>>(db: Kysely<any>, qb: QB): QB {
  return dialectOf(db) === 'postgres' ? (qb.forUpdate().skipLocked() as QB) : qb
}

/** Serialises a critical section across processes on PostgreSQL, until the transaction ends. */
export async function advisoryTransactionLock(trx: Kysely<any>, key: number): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(trx)
}

/**
 * A value that differs whenever any data this connection can read may have
 * changed since it was last read; null when the database cannot say. Read it
 * before reading the data it stands for.
 * - SQLite: `data_version` moves on every commit by another connection (other
 *   processes included) and `total_changes()` on every row this connection
 *   writes (rolled-back writes too, which only costs a needless miss).
 * - PostgreSQL: the WAL insert position, which every commit moves before it
 *   becomes visible (asynchronous commit included); vacuum and other databases
 *   of the cluster move it too (needless misses). No table here is unlogged.
 *   A standby cannot tell (null).
 */
export async function dataVersion(db: Kysely<any>): Promise<string | null> {
  if (db.isTransaction || sqliteTransactions.has(db)) return null
  if (dialectOf(db) === 'postgres') {
    try {
      const { rows } = await sql<{ v: string }>`select pg_current_wal_insert_lsn()::text as v`.execute(db)
      return rows[0]?.v ?? null
    } catch {
      return null
    }
  }
  const { rows } = await sql<{
    v: string
  }>`select (select data_version from pragma_data_version()) || '.' || total_changes() as v`.execute(db)
  return rows[0]?.v ?? null
}

/** `YYYY-MM` of an instant column, in Asia/Shanghai. */
export function monthOf(db: Kysely<any>, column: string): RawBuilder<string> {
  return dialectOf(db) === 'postgres'
    ? sql<string>`to_char(${sql.ref(column)} at time zone 'Asia/Shanghai', 'YYYY-MM')`
    : sql<string>`strftime('%Y-%m', ${sql.ref(column)}, '+8 hours')`
}

/** `YYYY-MM-DD` of an instant column, in Asia/Shanghai (no daylight saving: a fixed +8 hours). */
export function dayOf(db: Kysely<any>, column: string): RawBuilder<string> {
  return dialectOf(db) === 'postgres'
    ? sql<string>`to_char(${sql.ref(column)} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`
    : sql<string>`strftime('%Y-%m-%d', ${sql.ref(column)}, '+8 hours')`
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined
}

export function isUniqueViolation(error: unknown): boolean {
  const code = errorCode(error)
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}

export function isCheckViolation(error: unknown): boolean {
  const code = errorCode(error)
  return code === '23514' || code === 'SQLITE_CONSTRAINT_CHECK'
}

export function isForeignKeyViolation(error: unknown): boolean {
  const code = errorCode(error)
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
}
