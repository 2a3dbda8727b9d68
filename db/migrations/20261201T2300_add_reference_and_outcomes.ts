import { sql } from 'kysely'
import type { DialectName } from '../dialect'
import { day, finish, flag, instant, oneOf, withId, withTimestamps, type MigrationDb } from './helpers'

const RECURRENCES = ['weekly', 'monthly']

/**
 * Reference data the admins keep (opening hours, partner regions and agreement
 * end dates, archiving instead of deleting), activity series for recurring
 * activities, and the outcome of an activity: materials, follow-ups, who filed it when.
 */
export async function up(db: MigrationDb, dialect: DialectName): Promise<void> {
  const ts = instant(dialect)
  const dd = day(dialect)

  // Archived rows stay on past records and in reports; pickers hide them.
  for (const table of ['site', 'partner_organisation', 'programme', 'training']) {
    await db.schema.alterTable(table).addColumn('archived_at', ts).execute()
  }
  await db.schema.alterTable('site').addColumn('opening_hours', 'text').execute()
  await db.schema.alterTable('partner_organisation').addColumn('region', 'text').execute()
  await db.schema.alterTable('partner_organisation').addColumn('agreement_ends_on', dd).execute()
  await db.schema.alterTable('training').addColumn('updated_at', ts).execute()

  // A recurring activity: each occurrence is an ordinary activity row, edited on its own.
  await finish(
    withTimestamps(
      withId(db.schema.createTable('activity_series'), dialect)
        .addColumn('recurrence', 'text', (c) => c.notNull().check(oneOf('recurrence', RECURRENCES)))
        .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 1 and 7`))
        // Monthly: the nth such weekday of the month (1–4), or 5 for the last one.
        .addColumn('week_of_month', 'integer', (c) => c.check(sql`week_of_month between 1 and 5`))
        .addColumn('start_time', 'text', (c) => c.notNull())
        .addColumn('end_time', 'text', (c) => c.notNull())
        .addColumn('first_day', dd, (c) => c.notNull())
        .addColumn('last_day', dd, (c) => c.notNull())
        .addColumn('skip_public_holidays', 'integer', flag('skip_public_holidays', 1))
        .addColumn('created_by', 'integer', (c) => c.references('account.id'))
        .addCheckConstraint(
          'activity_series_monthly_week',
          sql`(recurrence = 'monthly') = (week_of_month is not null)`,
        ),
      dialect,
    ),
    dialect,
  ).execute()

  await db.schema
    .alterTable('activity')
    .addColumn('series_id', 'integer', (c) => c.references('activity_series.id'))
    .execute()
  await db.schema.alterTable('activity').addColumn('materials_used', 'text').execute()
  await db.schema.alterTable('activity').addColumn('follow_ups', 'text').execute()
  await db.schema.alterTable('activity').addColumn('outcome_filed_at', ts).execute()
  await db.schema
    .alterTable('activity')
    .addColumn('outcome_filed_by', 'integer', (c) => c.references('account.id'))
    .execute()
  await db.schema.alterTable('activity').addColumn('cancel_reason', 'text').execute()

  await db.schema.createIndex('activity_series_member').on('activity').columns(['series_id']).execute()
  await db.schema
    .createIndex('activity_coordinator_ends')
    .on('activity')
    .columns(['coordinator_id', 'ends_at'])
    .execute()
}
