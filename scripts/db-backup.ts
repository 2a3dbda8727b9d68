// npm run db:backup [-- <file>]: a consistent backup of the database DATABASE_URL names, safe while
// the app runs; by default to data/backups/tongxing-<UTC time>.db (SQLite) or .dump (PostgreSQL).
import { loadEnv } from '../app/env.server'
import { backupDatabase, defaultBackupPath } from '../db/backup'

const url = loadEnv().DATABASE_URL
const target = process.argv[2] ?? defaultBackupPath(url)
const started = Date.now()
const { bytes } = await backupDatabase(url, target)
console.log(`[db] backup written to ${target} (${(bytes / 1024).toFixed(0)} KB in ${Date.now() - started} ms)`)
