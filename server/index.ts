/**
 * The process: boots the database (migrate, seed an empty one), starts the
 * outbox worker and the shift reminders, and serves the app (server/app.ts).
 * In development Vite runs as middleware; in production it loads build/server.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import type express from 'express'
import { createDatabase, type Database } from '../db/connect'
import { migrateToLatest } from '../db/migrate'
import { seedIfEmpty } from '../db/seed'
import { loadEnv } from '../app/env.server'
import { createMailTransport, mailOptionsFromEnv } from '../app/domain/mail/transport.server'
import { startOutboxWorker } from '../app/domain/mail/worker.server'
import { startReminderScheduler } from '../app/domain/signups/reminders.server'
import { idNumberKey } from '../app/domain/certificates/id-crypto.server'
import { createApp } from './app'

const env = loadEnv()
const production = env.NODE_ENV === 'production'

async function bootDatabase(): Promise<Database> {
  const database = createDatabase(env.DATABASE_URL)
  const applied = await migrateToLatest(database)
  for (const result of applied) console.log(`[db] migrated ${result.migrationName}`)
  if (env.SEED_DEMO_DATA === 'true' && (await seedIfEmpty(database, new Date()))) {
    console.log('[db] the database was empty: demo data seeded')
  }
  return database
}

async function loadBuild(): Promise<{
  build: ServerBuild | (() => Promise<ServerBuild>)
  devMiddleware?: express.RequestHandler
}> {
  if (production) {
    return { build: (await import(pathToFileURL(path.resolve('build/server/index.js')).href)) as ServerBuild }
  }
  const vite = await import('vite')
  const devServer = await vite.createServer({ server: { middlewareMode: true } })
  return {
    build: () => devServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>,
    devMiddleware: devServer.middlewares,
  }
}

const database = await bootDatabase()
// Without CERTIFICATE_ID_KEY, the first boot creates data/certificate-id.key (fails fast if unreadable).
idNumberKey(env)
const app = createApp({ db: database.db, env, ...(await loadBuild()) })

const mailOptions = mailOptionsFromEnv(env)
const transport = createMailTransport(mailOptions)
const stopWorker =
  env.MAIL_WORKER === 'true'
    ? startOutboxWorker(database.db, transport, { appOrigin: env.APP_ORIGIN, intervalMs: 2000 })
    : undefined
// Reminders are queued by the same processes that send mail; the dedupe key keeps them to one each.
const stopReminders =
  env.MAIL_WORKER === 'true' ? startReminderScheduler(database.db, { appOrigin: env.APP_ORIGIN }) : undefined
console.log(
  mailOptions.smtpUrl
    ? '[mail] sending through SMTP'
    : `[mail] no SMTP_URL: mail is written to ${mailOptions.captureDir} and shown at /dev/mail`,
)

const server = app.listen(env.PORT, env.HOST, () => {
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : env.PORT
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST
  console.log(`[tongxing] serving at http://${host}:${port}`)
})

function shutdown() {
  server.close(() => {
    void Promise.all([stopWorker?.(), stopReminders?.()])
      .then(() => transport.close())
      .finally(() => void database.close().finally(() => process.exit(0)))
  })
  // Keep-alive sockets may hold the server open; do not wait for them for long.
  setTimeout(() => process.exit(0), 3000).unref()
}
process.once('SIGTERM', shutdown)
process.once('SIGINT', shutdown)
