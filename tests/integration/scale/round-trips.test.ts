/**
 * What one request costs the database, counted with Kysely's log hook on the production build:
 * a signed-in read validates the session once (the root and route loaders share it), and one
 * sign-up sends exactly the statements listed in docs/decisions/0011-scale.md: a change in either
 * direction fails here, so a new statement is a decision, not an accident.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import type { LogEvent } from 'kysely'
import { expect, it } from 'vitest'
import { createDatabase } from '#db/connect'
import { migrateToLatest } from '#db/migrate'
import { loadEnv } from '~/env.server'
import { createApp } from '../../../server/app'
import { createEmptyDatabase, describeEachDialect } from '../../support/databases'
import { createShift } from '../signups/helpers'
import { volunteersWithSessions } from './fixtures'

/**
 * One sign-up (0011): session; begin; [shift lock; account lock — PostgreSQL only, SQLite's
 * BEGIN IMMEDIATE already holds the write lock]; shift for eligibility; account + profile; the
 * volunteer's overlapping sign-ups; the seat update; the sign-up insert; the mail's shift facts;
 * the outbox insert; commit. Training completions are read only for a shift that requires one.
 */
const SIGNUP_STATEMENTS = { sqlite: 10, postgres: 12 } as const

describeEachDialect('database round trips per request', (dialect) => {
  it('one session look-up per signed-in page, and a bounded sign-up', async () => {
    const empty = await createEmptyDatabase(dialect)
    let log: string[] = []
    const database = createDatabase(empty.url, {
      log: (event: LogEvent) => {
        if (event.level === 'query') log.push(event.query.sql)
      },
    })
    const server = http.createServer()
    try {
      await migrateToLatest(database)
      const shiftId = await createShift(database.db, { capacity: 5 })
      const [volunteer] = await volunteersWithSessions(database.db, 1)
      const build = (await import(pathToFileURL(path.resolve('build/server/index.js')).href)) as ServerBuild
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const env = loadEnv({ NODE_ENV: 'production', APP_ORIGIN: url })
      server.on('request', createApp({ db: database.db, env, build }))
      const headers = { cookie: volunteer!.cookie, 'sec-fetch-site': 'same-origin' }
      const sessionLookups = () => log.filter((q) => /from "session"/.test(q)).length

      log = []
      const page = await fetch(`${url}/shifts/${shiftId}`, { headers })
      expect(page.status).toBe(200)
      expect(page.headers.get('cache-control')).toBe('private, no-store')
      expect(sessionLookups(), 'root and route loaders share one session look-up').toBe(1)
      const pageStatements = log.length

      log = []
      const signup = await fetch(`${url}/shifts/${shiftId}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'intent=signup',
      })
      expect(signup.status).toBe(302)
      const statements = [...log]
      expect(sessionLookups()).toBe(1)
      expect(statements.filter((q) => /training_completion/.test(q))).toEqual([])
      expect(statements.length, statements.join('\n')).toBe(SIGNUP_STATEMENTS[dialect])
      console.info(
        `[round-trips:${dialect}] shift page ${pageStatements} statements; sign-up ${statements.length}:\n  ` +
          statements.map((q) => q.replace(/\s+/g, ' ').slice(0, 110)).join('\n  '),
      )
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await database.close()
      await empty.drop()
    }
  })
})
