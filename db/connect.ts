import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, type LogEvent, type SqliteDatabase } from 'kysely'
import pg from 'pg'
import type { DialectName } from './dialect'
import type { DB } from './schema'

export const DEFAULT_SQLITE_FILE = 'data/tongxing.db'

export interface Database {
  db: Kysely<DB>
  dialect: DialectName
  /** The SQLite file, when on SQLite. */
  file?: string
  close(): Promise<void>
}

/**
 * Opens the database `url` names: `postgres://…` (or `postgresql://…`) for
 * PostgreSQL, a file path or `file:path` for SQLite, and the default SQLite file
 * when `url` is empty.
 */
export interface DatabaseOptions {
  poolSize?: number
  /** Sees every statement (tests count round trips with it). */
  log?: (event: LogEvent) => void
}

export function createDatabase(url: string | undefined, options: DatabaseOptions = {}): Database {
  if (url && /^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options.poolSize ?? 10, options.log)
  const file = url ? url.replace(/^(sqlite|file):(\/\/)?/, '') : DEFAULT_SQLITE_FILE
  return openSqlite(file, options.log)
}

function openSqlite(file: string, log?: DatabaseOptions['log']): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const connection = new SQLite(file, { timeout: 5000 })
  connection.pragma('journal_mode = WAL')
  // A signup whose confirmation was already mailed must survive a power cut.
  connection.pragma('synchronous = FULL')
  connection.pragma('foreign_keys = ON')
  connection.pragma('busy_timeout = 5000')
  connection.pragma('temp_store = MEMORY')
  connection.pragma('cache_size = -32000')
  const db = new Kysely<DB>({
    dialect: new TransactionalDdlSqliteDialect({ database: withStatementCache(connection) }),
    log,
  })
  return {
    db,
    dialect: 'sqlite',
    file,
    async close() {
      connection.pragma('optimize')
      await db.destroy()
    },
  }
}

/** Compiled statements kept, by their SQL text. */
const STATEMENTS_MAX = 1_000

/**
 * Kysely prepares every query again, and compiling the SQL is a good part of a
 * short query's cost: the compiled statements are kept and reused. A statement
 * still streaming rows (`iterate`) cannot run twice at once, so a second use
 * meanwhile gets a fresh one. SQLite recompiles a kept statement by itself
 * when the schema changes.
 */
function withStatementCache(connection: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>()
  return {
    close: () => connection.close(),
    prepare(sql) {
      const kept = statements.get(sql)
      if (kept && !kept.busy) return kept
      const statement = connection.prepare(sql)
      if (!kept) {
        if (statements.size >= STATEMENTS_MAX) statements.delete(statements.keys().next().value!)
        statements.set(sql, statement)
      }
      return statement
    },
  }
}

/** SQLite can roll DDL back; Kysely's adapter says otherwise only because of its single connection. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter() {
    return new TransactionalDdlSqliteAdapter()
  }
}

let parsersInstalled = false

function installPgTypeParsers() {
  if (parsersInstalled) return
  parsersInstalled = true
  // Counts and sums come back as int8/numeric: numbers, not strings.
  pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value))
  // Instants and days read back in the same text form SQLite stores.
  const parseTimestamptz = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ)
  pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (value) => (parseTimestamptz(value) as Date).toISOString())
  pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)
}

function openPostgres(url: string, poolSize: number, log?: DatabaseOptions['log']): Database {
  installPgTypeParsers()
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'tongxing' })
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log })
  return { db, dialect: 'postgres', close: () => db.destroy() }
}
