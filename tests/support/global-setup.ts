/**
 * Integration-project global setup: a PostgreSQL server (TEST_DATABASE_URL, or a
 * throwaway local cluster) with the template database `tongxing_template`
 * migrated to the latest schema. Tests read the admin URL with
 * `inject('postgresUrl')`; it is absent when PostgreSQL is not installed, so the
 * PostgreSQL cases skip (outside CI; in CI a missing PostgreSQL fails the run).
 */
import type { TestProject } from 'vitest/node'
import { createDatabase } from '#db/connect'
import { migrateToLatest } from '#db/migrate'
import {
  TEMPLATE_DATABASE,
  databaseUrl,
  quoteIdent,
  startPostgres,
  withAdminClient,
  type PostgresServer,
} from './postgres'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test PostgreSQL server; absent when PostgreSQL is unavailable. */
    postgresUrl?: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: PostgresServer | undefined
  const external = process.env.TEST_DATABASE_URL
  if (external) {
    server = { url: external, stop: async () => {} }
  } else {
    server = await startPostgres()
    if (!server) {
      if (process.env.CI === 'true') {
        throw new Error(
          '[tests] PostgreSQL not found and CI=true: install it (apt-get install -y postgresql) or set TEST_DATABASE_URL',
        )
      }
      console.warn(
        '[tests] PostgreSQL not found: PostgreSQL integration tests skipped (install with: apt-get install -y postgresql)',
      )
      return async () => {}
    }
  }

  const adminUrl = server.url
  try {
    await createTemplate(adminUrl)
  } catch (error) {
    await server.stop()
    throw error
  }
  project.provide('postgresUrl', adminUrl)

  return async () => {
    try {
      if (external)
        await withAdminClient(adminUrl, (c) =>
          c.query(`drop database if exists ${quoteIdent(TEMPLATE_DATABASE)} with (force)`),
        )
    } finally {
      await server.stop()
    }
  }
}

async function createTemplate(adminUrl: string): Promise<void> {
  await withAdminClient(adminUrl, async (client) => {
    await client.query(`drop database if exists ${quoteIdent(TEMPLATE_DATABASE)} with (force)`)
    await client.query(`create database ${quoteIdent(TEMPLATE_DATABASE)}`)
  })
  const database = createDatabase(databaseUrl(adminUrl, TEMPLATE_DATABASE), { poolSize: 1 })
  try {
    await migrateToLatest(database)
  } finally {
    // CREATE DATABASE … TEMPLATE fails while anyone is connected to the template.
    await database.close()
  }
}
