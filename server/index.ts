/**
 * The HTTP host: boots the database (migrate, seed an empty one), applies the
 * HTTP-level protections (security headers, CSRF origin check), serves static
 * files and hands every other request to Remix with the database in its load
 * context. In development it runs Vite in middleware mode; in production it
 * loads build/server.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import express from 'express'
import { createDatabase, type Database } from '../db/connect'
import { migrateToLatest } from '../db/migrate'
import { seedIfEmpty } from '../db/seed'
import { loadEnv, type Env } from '../app/env.server'
import { csrfProtection } from './middleware/csrf'
import { securityHeaders } from './middleware/security-headers'

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

async function loadBuild(): Promise<ServerBuild | (() => Promise<ServerBuild>)> {
  if (production) return import(pathToFileURL(path.resolve('build/server/index.js')).href) as Promise<ServerBuild>
  const vite = await import('vite')
  const devServer = await vite.createServer({ server: { middlewareMode: true } })
  devServerMiddleware = devServer.middlewares
  return () => devServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
}

let devServerMiddleware: express.RequestHandler | undefined

function createApp(database: Database, build: ServerBuild | (() => Promise<ServerBuild>), config: Env) {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', config.TRUST_PROXY === 'true')
  app.use(securityHeaders({ production }))
  if (devServerMiddleware) app.use(devServerMiddleware)
  else {
    app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
    app.use(express.static('build/client', { maxAge: '1h' }))
  }
  app.use(csrfProtection(config.APP_ORIGIN))
  app.all(
    '*',
    createRequestHandler({
      build,
      mode: production ? 'production' : 'development',
      getLoadContext: (req, res) => ({
        db: database.db,
        env: config,
        nonce: String(res.locals.nonce),
        clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      }),
    }),
  )
  return app
}

const database = await bootDatabase()
const app = createApp(database, await loadBuild(), env)
const server = app.listen(env.PORT, env.HOST, () => {
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : env.PORT
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST
  console.log(`[tongxing] serving at http://${host}:${port}`)
})

function shutdown() {
  server.close(() => void database.close().finally(() => process.exit(0)))
  // Keep-alive sockets may hold the server open; do not wait for them for long.
  setTimeout(() => process.exit(0), 2000).unref()
}
process.once('SIGTERM', shutdown)
process.once('SIGINT', shutdown)
