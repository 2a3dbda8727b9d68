/**
 * The whole app over real HTTP for integration tests: the Express host
 * (security headers, CSRF check) and the production Remix build, on a free
 * loopback port, with a fresh test database and mail captured to a temp dir.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { loadEnv, type Env } from '~/env.server'
import { createMailTransport } from '~/domain/mail/transport.server'
import { runOutboxOnce } from '~/domain/mail/worker.server'
import { createApp } from '../../server/app'
import { openTestDatabase, type TestDatabase, type TestDialect } from './databases'
import { HttpClient } from './http-client'

const BUILD = path.resolve('build/server/index.js')

export interface TestApp {
  url: string
  database: TestDatabase
  env: Env
  /** A browser-like client: keeps cookies, sends same-origin fetch metadata. */
  client(options?: { ip?: string }): HttpClient
  /** Runs the outbox worker once and returns the captured mails since the last call. */
  deliverMail(): Promise<CapturedMail[]>
  close(): Promise<void>
}

export interface CapturedMail {
  to: string
  subject: string
  text: string
  html: string
}

export async function startTestApp(dialect: TestDialect, overrides: Record<string, string> = {}): Promise<TestApp> {
  if (!fs.existsSync(BUILD)) throw new Error('No production build: run `npm run build` first (npm test does)')
  const build = (await import(pathToFileURL(BUILD).href)) as ServerBuild
  const database = await openTestDatabase(dialect)
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxing-mail-'))
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const env = loadEnv({ NODE_ENV: 'production', APP_ORIGIN: url, TRUST_PROXY: 'true', ...overrides })
  const app = createApp({ db: database.db, env, build })
  // One connection a request: the tests' fetch and this server share one event loop, and a slow synchronous
  // test step (a database snapshot) can let the server's keep-alive timer close a socket just as fetch reuses it.
  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    response.shouldKeepAlive = false
    void app(request, response)
  })
  const transport = createMailTransport({ captureDir: mailDir })
  const seen = new Set<string>()
  return {
    url,
    database,
    env,
    client: (options) => new HttpClient(url, options),
    async deliverMail() {
      await runOutboxOnce(database.db, transport, { now: new Date(), appOrigin: url })
      const fresh: CapturedMail[] = []
      for (const file of fs
        .readdirSync(mailDir)
        .filter((name) => name.endsWith('.json'))
        .sort()) {
        if (seen.has(file)) continue
        seen.add(file)
        fresh.push(JSON.parse(fs.readFileSync(path.join(mailDir, file), 'utf8')) as CapturedMail)
      }
      return fresh
    },
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      transport.close()
      fs.rmSync(mailDir, { recursive: true, force: true })
      await database.close()
    },
  }
}
