// npm run db:migrate: brings the database DATABASE_URL names (default data/tongxing.db) up to date.
import { loadEnv } from '../app/env.server'
import { createDatabase } from '../db/connect'
import { migrateToLatest } from '../db/migrate'

const database = createDatabase(loadEnv().DATABASE_URL)
try {
  const results = await migrateToLatest(database)
  for (const result of results) console.log(`[db] ${result.status}: ${result.migrationName}`)
  if (results.length === 0) console.log('[db] already up to date')
} finally {
  await database.close()
}
