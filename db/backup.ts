/**
 * Backups an operator can take while the app runs, and restores into a fresh database.
 * SQLite: the online backup API (better-sqlite3's `backup()`), copying the whole file in one
 * step once it knows its size, so the copy is one consistent snapshot even under writes.
 * PostgreSQL: `pg_dump --format=custom` (a consistent snapshot by itself) and `pg_restore`,
 * found on PATH or under /usr/lib/postgresql/<version>/bin, newest first.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { DEFAULT_SQLITE_FILE } from './connect'
import type { DialectName } from './dialect'

const run = promisify(execFile)

export const BACKUP_DIR = 'data/backups'

export class RestoreRefusedError extends Error {}

export function dialectOfUrl(url: string | undefined): DialectName {
  return url && /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite'
}

function sqliteFile(url: string | undefined): string {
  return url ? url.replace(/^(sqlite|file):(\/\/)?/, '') : DEFAULT_SQLITE_FILE
}

/** `data/backups/tongxing-20261201T223000Z.db` (or `.dump` on PostgreSQL). */
export function defaultBackupPath(url: string | undefined, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')
  return path.join(BACKUP_DIR, `tongxing-${stamp}.${dialectOfUrl(url) === 'postgres' ? 'dump' : 'db'}`)
}

/** Writes a backup of the database `url` names to `target` (atomically: a half-written file never has its name). */
export async function backupDatabase(url: string | undefined, target: string): Promise<{ bytes: number }> {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true })
  const partial = `${target}.partial`
  fs.rmSync(partial, { force: true })
  if (dialectOfUrl(url) === 'postgres') {
    await run(postgresBinary('pg_dump'), ['--format=custom', '--no-owner', `--file=${partial}`, `--dbname=${url}`], {
      maxBuffer: 16 * 1024 * 1024,
    })
  } else {
    const source = new SQLite(sqliteFile(url), { readonly: true, fileMustExist: true, timeout: 5000 })
    try {
      // Copy every remaining page in the next step: a step runs in one read transaction.
      await source.backup(partial, { progress: ({ remainingPages }) => Math.max(remainingPages, 100) })
    } finally {
      source.close()
    }
  }
  fs.renameSync(partial, target)
  return { bytes: fs.statSync(target).size }
}

/**
 * Restores `source` into the database `url` names, which must be empty (a SQLite file that does
 * not exist yet, a PostgreSQL database without tables) unless `force` is set. Stop the app first.
 */
export async function restoreDatabase(url: string | undefined, source: string, { force = false } = {}): Promise<void> {
  if (!fs.existsSync(source)) throw new RestoreRefusedError(`no backup at ${source}`)
  if (dialectOfUrl(url) === 'postgres') return restorePostgres(url!, source, force)
  const target = sqliteFile(url)
  if (fs.existsSync(target) && fs.statSync(target).size > 0 && !force) {
    throw new RestoreRefusedError(`${target} exists: restore into a new file, or stop the app and pass --force`)
  }
  const check = new SQLite(source, { readonly: true, fileMustExist: true })
  try {
    const result = check.pragma('integrity_check', { simple: true })
    if (result !== 'ok') throw new RestoreRefusedError(`${source} fails the integrity check: ${String(result)}`)
  } finally {
    check.close()
  }
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true })
  const partial = `${target}.restoring`
  fs.copyFileSync(source, partial)
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true })
  fs.renameSync(partial, target)
}

async function restorePostgres(url: string, source: string, force: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  let tables: number
  try {
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from information_schema.tables where table_schema = 'public'`,
    )
    tables = Number(rows[0]?.n ?? 0)
  } finally {
    await client.end()
  }
  if (tables > 0 && !force) {
    throw new RestoreRefusedError(`the database has ${tables} tables: restore into a new database, or pass --force`)
  }
  const args = ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${url}`]
  if (tables > 0) args.push('--clean', '--if-exists')
  await run(postgresBinary('pg_restore'), [...args, source], { maxBuffer: 16 * 1024 * 1024 })
}

/** A PostgreSQL client program: on PATH, else the newest /usr/lib/postgresql/<version>/bin. */
export function postgresBinary(name: 'pg_dump' | 'pg_restore'): string {
  const versioned = '/usr/lib/postgresql'
  const dirs = fs.existsSync(versioned)
    ? fs
        .readdirSync(versioned)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => path.join(versioned, v, 'bin'))
    : []
  // Newest first: pg_dump refuses servers newer than itself.
  for (const dir of [...dirs, ...(process.env.PATH ?? '').split(path.delimiter)]) {
    if (dir && fs.existsSync(path.join(dir, name))) return path.join(dir, name)
  }
  throw new Error(`${name} not found: install the PostgreSQL client programs`)
}
