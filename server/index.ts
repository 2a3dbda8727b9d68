/**
 * The production (and development) server. With WEB_CONCURRENCY=1, or in
 * development, one process boots the database and serves. Otherwise the primary
 * boots the database once (migrations under the cross-process lock, the demo
 * seed of an empty database), then forks one worker per core (server/cluster.ts),
 * each serving through server/serve.ts.
 */
import cluster from 'node:cluster'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { createDatabase, type Database } from '../db/connect'
import { migrateToLatest } from '../db/migrate'
import { seedIfEmpty } from '../db/seed'
import { loadEnv, type Env } from '../app/env.server'
import { idNumberKey } from '../app/domain/certificates/id-crypto.server'
import { runPrimary, WORKER_SLOT } from './cluster'
import { serve } from './serve'

const env = loadEnv()
const production = env.NODE_ENV === 'production'

function openDatabase(): Database {
  return createDatabase(env.DATABASE_URL, { poolSize: env.DATABASE_POOL_SIZE })
}

async function bootDatabase(database: Database): Promise<void> {
  const applied = await migrateToLatest(database)
  for (const result of applied) console.log(`[db] migrated ${result.migrationName}`)
  if (env.SEED_DEMO_DATA === 'true' && (await seedIfEmpty(database, new Date()))) {
    console.log('[db] the database was empty: demo data seeded')
  }
}

/** Background jobs run in every process on PostgreSQL (leased SKIP LOCKED claims), in worker 1 only on SQLite. */
function runsJobs(environment: Env, database: Database, slot: number): boolean {
  return environment.MAIL_WORKER === 'true' && (database.dialect === 'postgres' || slot === 1)
}

const concurrency = production ? (env.WEB_CONCURRENCY ?? os.availableParallelism()) : 1
// Without CERTIFICATE_ID_KEY, the first boot creates data/certificate-id.key before any worker reads it (fails fast if unreadable).
if (cluster.isPrimary) idNumberKey(env)

if (cluster.isPrimary && concurrency > 1) {
  const database = openDatabase()
  await bootDatabase(database)
  await database.close()
  runPrimary({ workers: concurrency, exec: fileURLToPath(import.meta.url) })
} else {
  const database = openDatabase()
  const slot = cluster.isWorker ? Number(process.env[WORKER_SLOT] ?? 1) : 1
  if (cluster.isPrimary) await bootDatabase(database)
  await serve({
    env,
    database,
    production,
    jobs: runsJobs(env, database, slot),
    label: cluster.isWorker ? `worker ${slot}` : undefined,
  })
}
