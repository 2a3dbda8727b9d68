// npm run db:seed: migrates, empties every table and fills the database with the demo data again.
import { loadEnv } from '../app/env.server'
import { createDatabase } from '../db/connect'
import { writeTransaction } from '../db/dialect'
import { migrateToLatest } from '../db/migrate'
import { resetDatabase, seedDemoData } from '../db/seed'

const database = createDatabase(loadEnv().DATABASE_URL)
try {
  await migrateToLatest(database)
  const started = Date.now()
  const summary = await writeTransaction(database.db, async (trx) => {
    await resetDatabase(trx)
    return seedDemoData(trx, { now: new Date() })
  })
  console.log(`[db] demo data seeded in ${Date.now() - started} ms`)
  console.table(summary.rows)
} finally {
  await database.close()
}
