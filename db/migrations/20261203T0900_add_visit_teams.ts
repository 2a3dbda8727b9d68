import { sql } from 'kysely'
import type { DialectName } from '../dialect'
import { day, finish, instant, oneOf, withId, withTimestamps, type MigrationDb } from './helpers'

const TEAM_ROLES = ['team_lead', 'reader', 'activity_assistant', 'photographer', 'driver', 'book_handling']

/**
 * Outreach visits: what the visit is for, what to bring, how the team travels
 * and where it meets; a team shift's role (team lead, reader, …); group
 * accident-insurance policies and the volunteers each one covers.
 */
export async function up(db: MigrationDb, dialect: DialectName): Promise<void> {
  const ts = instant(dialect)
  const dd = day(dialect)

  for (const column of ['purpose', 'what_to_bring', 'transport', 'meeting_point']) {
    await db.schema.alterTable('activity').addColumn(column, 'text').execute()
  }
  await db.schema
    .alterTable('shift')
    .addColumn('team_role', 'text', (c) => c.check(sql`team_role is null or ${oneOf('team_role', TEAM_ROLES)}`))
    .execute()

  await finish(
    withTimestamps(
      withId(db.schema.createTable('insurance_policy'), dialect)
        .addColumn('insurer', 'text', (c) => c.notNull())
        .addColumn('policy_number', 'text', (c) => c.notNull().unique())
        .addColumn('covers_from', dd, (c) => c.notNull())
        .addColumn('covers_until', dd, (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', 'integer', (c) => c.references('account.id'))
        .addCheckConstraint('insurance_policy_dates', sql`covers_until >= covers_from`),
      dialect,
    ),
    dialect,
  ).execute()

  await finish(
    db.schema
      .createTable('insurance_cover')
      .addColumn('policy_id', 'integer', (c) => c.notNull().references('insurance_policy.id'))
      .addColumn('account_id', 'integer', (c) => c.notNull().references('account.id'))
      .addColumn('added_by', 'integer', (c) => c.references('account.id'))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('insurance_cover_pk', ['policy_id', 'account_id']),
    dialect,
  ).execute()
  await db.schema.createIndex('insurance_cover_account').on('insurance_cover').column('account_id').execute()
}
