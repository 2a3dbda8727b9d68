/**
 * The Express application: HTTP-level protections (security headers, CSRF
 * origin check), static files, then Remix with the database in its load
 * context. server/index.ts boots it; the integration tests start it on a free
 * port with a test database and the production build.
 */
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import express from 'express'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { Env } from '../app/env.server'
import { sessionMemoFor } from '../app/auth/require.server'
import { csrfProtection } from './middleware/csrf'
import { httpCache } from './middleware/http-cache'
import { securityHeaders } from './middleware/security-headers'

/** Anonymous data requests that may be served from the short cache: the public calendar and activities. */
export const PUBLIC_DATA_PATHS = ['/shifts.data', '/activities.data']
export const PUBLIC_DATA_TTL_MS = 10_000

export interface AppOptions {
  db: Kysely<DB>
  env: Env
  build: ServerBuild | (() => Promise<ServerBuild>)
  /** Vite's middleware in development; static files from build/client otherwise. */
  devMiddleware?: express.RequestHandler
  staticRoot?: string
}

export function createApp({ db, env, build, devMiddleware, staticRoot = 'build/client' }: AppOptions) {
  const production = env.NODE_ENV === 'production'
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', env.TRUST_PROXY === 'true')
  app.use(securityHeaders({ production, hsts: env.APP_ORIGIN.startsWith('https:') }))
  if (devMiddleware) app.use(devMiddleware)
  else {
    app.use('/assets', express.static(`${staticRoot}/assets`, { immutable: true, maxAge: '1y' }))
    app.use(express.static(staticRoot, { maxAge: '1h' }))
  }
  app.use(csrfProtection(env.APP_ORIGIN))
  app.use(httpCache({ paths: PUBLIC_DATA_PATHS, ttlMs: PUBLIC_DATA_TTL_MS }))
  app.all(
    '*',
    createRequestHandler({
      build,
      mode: production ? 'production' : 'development',
      getLoadContext: (req, res) => ({
        db,
        env,
        nonce: String(res.locals.nonce),
        clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        sessionMemo: sessionMemoFor(req.method),
      }),
    }),
  )
  return app
}
