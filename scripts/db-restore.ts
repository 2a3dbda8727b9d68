// npm run db:restore -- <file> [--force]: restores a backup into the database DATABASE_URL names.
// It must be new (no SQLite file, or a PostgreSQL database without tables); --force replaces an
// existing one, and only with the app stopped.
import { loadEnv } from '../app/env.server'
import { restoreDatabase, RestoreRefusedError } from '../db/backup'

const args = process.argv.slice(2)
const force = args.includes('--force')
const source = args.find((arg) => !arg.startsWith('--'))
if (!source) {
  console.error('usage: npm run db:restore -- <backup file> [--force]')
  process.exit(2)
}
try {
  await restoreDatabase(loadEnv().DATABASE_URL, source, { force })
  console.log(`[db] restored ${source}`)
} catch (error) {
  if (!(error instanceof RestoreRefusedError)) throw error
  console.error(`[db] restore refused: ${error.message}`)
  process.exit(1)
}
