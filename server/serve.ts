/**
 * One serving process: the app on PORT, the outbox worker and the shift
 * reminders when `jobs` is set, and a graceful shutdown on SIGTERM/SIGINT:
 * stop accepting, let requests in flight finish (up to DRAIN_TIMEOUT_MS), stop
 * the background jobs (the outbox hands unsent claims back), close the database.
 * In development Vite runs as middleware; in production it loads build/server.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import type express from 'express'
import type { Database } from '../db/connect'
import type { Env } from '../app/env.server'
import { createMailTransport, mailOptionsFromEnv } from '../app/domain/mail/transport.server'
import { startOutboxWorker } from '../app/domain/mail/worker.server'
import { startReminderScheduler } from '../app/domain/signups/reminders.server'
import { createApp } from './app'

const DRAIN_TIMEOUT_MS = 10_000

async function loadBuild(production: boolean): Promise<{
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

export interface ServeOptions {
  env: Env
  database: Database
  production: boolean
  /** Run the outbox worker and the reminder scheduler in this process. */
  jobs: boolean
  /** In log lines, e.g. `worker 2`. */
  label?: string
}

export async function serve({ env, database, production, jobs, label }: ServeOptions): Promise<void> {
  const app = createApp({ db: database.db, env, ...(await loadBuild(production)) })
  const prefix = label ? `[${label}] ` : ''

  const mailOptions = mailOptionsFromEnv(env)
  const transport = createMailTransport(mailOptions)
  const workerId = `${label ?? 'server'} pid ${process.pid}`
  const stopWorker = jobs
    ? startOutboxWorker(database.db, transport, { appOrigin: env.APP_ORIGIN, intervalMs: 2000, workerId })
    : undefined
  // Reminders are queued by the processes that send mail; the dedupe key keeps them to one each.
  const stopReminders = jobs ? startReminderScheduler(database.db, { appOrigin: env.APP_ORIGIN }) : undefined
  if (jobs) {
    console.log(
      prefix +
        (mailOptions.smtpUrl
          ? '[mail] sending through SMTP'
          : `[mail] no SMTP_URL: mail is written to ${mailOptions.captureDir} and shown at /dev/mail`),
    )
  }

  const server = app.listen(env.PORT, env.HOST, () => {
    // In a cluster the primary says it once every worker listens.
    if (label) return
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : env.PORT
    const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST
    console.log(`[tongxing] serving at http://${host}:${port}`)
  })

  let stopping = false
  const shutdown = () => {
    if (stopping) return
    stopping = true
    const drained = new Promise<void>((resolve) => server.close(() => resolve()))
    // Idle keep-alive sockets would hold close() open; busy ones close after their response.
    server.closeIdleConnections()
    const timeout = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS)
    timeout.unref()
    void Promise.all([drained, stopWorker?.(), stopReminders?.()])
      .then(() => {
        clearTimeout(timeout)
        transport.close()
        return database.close()
      })
      .catch((error: unknown) => console.error(`${prefix}[shutdown]`, error))
      .finally(() => process.exit(0))
  }
  process.on('SIGTERM', shutdown)
  process.on('SIGINT', shutdown)
}
