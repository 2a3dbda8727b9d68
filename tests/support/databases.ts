/**
 * Fresh, isolated, migrated databases for integration tests, on both dialects.
 *
 *   describeEachDialect('signups', (dialect) => {
 *     const database = useTestDatabase(dialect)
 *     it('…', async () => { const { db } = database() … })
 *   })
 *
 * The PostgreSQL suite is reported as skipped (not silently absent) when the
 * global setup found no PostgreSQL.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type pg from 'pg'
import { afterAll, beforeAll, describe, inject } from 'vitest'
import { createDatabase, type Database } from '#db/connect'
import type { DialectName } from '#db/dialect'
import { migrateToLatest } from '#db/migrate'
import { TEMPLATE_DATABASE, databaseUrl, quoteIdent, withAdminClient } from './postgres'

export type TestDialect = DialectName

export const allDialects: readonly TestDialect[] = ['sqlite', 'postgres']

/** Admin URL of the test PostgreSQL server, when there is one. */
export const postgresUrl: string | undefined = inject('postgresUrl')

export const isAvailable = (dialect: TestDialect) => dialect === 'sqlite' || Boolean(postgresUrl)

/** The dialects this run can test: SQLite always, PostgreSQL when the global setup provided it. */
export const dialects: TestDialect[] = allDialects.filter(isAvailable)

/** Declares the same suite once per dialect; an unavailable dialect's suite shows as skipped. */
export function describeEachDialect(name: string, fn: (dialect: TestDialect) => void): void {
  for (const dialect of allDialects) {
    describe.skipIf(!isAvailable(dialect))(`${name} [${dialect}]`, () => fn(dialect))
  }
}

function requirePostgresUrl(): string {
  if (!postgresUrl) throw new Error('PostgreSQL is not available in this run')
  return postgresUrl
}

const uniqueName = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`

export interface EmptyDatabase {
  /** What createDatabase() takes: a postgres:// URL or a SQLite file path. */
  url: string
  dialect: TestDialect
  /** Removes the database (files or PostgreSQL database). */
  drop(): Promise<void>
}

/** A new, empty, unmigrated database that nothing has opened yet. */
export async function createEmptyDatabase(dialect: TestDialect): Promise<EmptyDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxing-sqlite-'))
    return {
      url: path.join(dir, 'test.db'),
      dialect,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    }
  }
  return createPostgresDatabase()
}

async function createPostgresDatabase(template?: string): Promise<EmptyDatabase> {
  const admin = requirePostgresUrl()
  const name = uniqueName('test')
  const templateClause = template ? ` template ${quoteIdent(template)}` : ''
  await withAdminClient(admin, async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`create database ${quoteIdent(name)}${templateClause}`)
        return
      } catch (error) {
        // 55006: the template is briefly in use by another CREATE DATABASE; try again.
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
      }
    }
  })
  return {
    url: databaseUrl(admin, name),
    dialect: 'postgres',
    drop: () => withAdminClient(admin, (c) => dropWhenClosed(c, name)),
  }
}

/**
 * pg's pool.end() resolves before its sockets have closed; forcing the drop then
 * would kill backends that are still saying goodbye, and their clients raise an
 * unhandled FATAL. So wait for them (55006: still in use), and force only at last.
 */
async function dropWhenClosed(client: pg.Client, name: string): Promise<void> {
  for (let attempt = 1; attempt <= 20; attempt++) {
    try {
      await client.query(`drop database if exists ${quoteIdent(name)}`)
      return
    } catch (error) {
      if ((error as { code?: string }).code !== '55006') throw error
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt))
    }
  }
  await client.query(`drop database if exists ${quoteIdent(name)} with (force)`)
}

export interface TestDatabase extends Database {
  /** What createDatabase() takes to open it again (e.g. in a child process). */
  url: string
}

/**
 * A fresh database migrated to the latest schema: a new SQLite file (WAL) in a
 * temp dir, or a PostgreSQL database copied from `tongxing_template`.
 * close() also deletes it.
 */
export async function openTestDatabase(
  dialect: TestDialect,
  options: { poolSize?: number } = {},
): Promise<TestDatabase> {
  const empty =
    dialect === 'sqlite' ? await createEmptyDatabase('sqlite') : await createPostgresDatabase(TEMPLATE_DATABASE)
  let database: Database
  try {
    database = createDatabase(empty.url, options)
    if (dialect === 'sqlite') await migrateToLatest(database)
  } catch (error) {
    await empty.drop()
    throw error
  }
  const opened = database
  return {
    ...opened,
    url: empty.url,
    async close() {
      try {
        await opened.close()
      } finally {
        await empty.drop()
      }
    },
  }
}

/** Opens a test database before the suite's tests and deletes it afterwards. */
export function useTestDatabase(dialect: TestDialect, options: { poolSize?: number } = {}): () => TestDatabase {
  let database: TestDatabase | undefined
  beforeAll(async () => {
    database = await openTestDatabase(dialect, options)
  })
  afterAll(async () => {
    await database?.close()
  })
  return () => {
    if (!database) throw new Error('test database not open yet (use it inside a test or hook)')
    return database
  }
}
