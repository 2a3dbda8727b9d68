import { sql } from 'kysely'
import type { DialectName } from '../dialect'
import { day, finish, flag, instant, oneOf, withId, withTimestamps, type MigrationDb } from './helpers'

const OFFER_STATUSES = ['open', 'taken', 'withdrawn']
const DAY_KINDS = ['holiday', 'workday']

/**
 * What running shifts week to week needs: offering a place to others, a
 * personal calendar feed, coordinators' holiday overrides, QR check-in secrets,
 * and who added a volunteer by hand.
 */
export async function up(db: MigrationDb, dialect: DialectName): Promise<void> {
  const ts = instant(dialect)

  // A shift's own QR secret (check-in codes are derived from it); what to bring; edited apart from its series.
  await db.schema.alterTable('shift').addColumn('check_in_secret', 'text').execute()
  await db.schema.alterTable('shift').addColumn('what_to_bring', 'text').execute()
  await db.schema
    .alterTable('shift')
    .addColumn('detached_from_series', 'integer', flag('detached_from_series', 0))
    .execute()

  // A coordinator's hand: who added this sign-up (null when the volunteer signed up themself).
  await db.schema
    .alterTable('signup')
    .addColumn('added_by', 'integer', (c) => c.references('account.id'))
    .execute()
  await db.schema.alterTable('signup').addColumn('added_reason', 'text').execute()

  // "Can't make it": the place is offered; the giver keeps it until someone takes it.
  await finish(
    withTimestamps(
      withId(db.schema.createTable('signup_offer'), dialect)
        .addColumn('signup_id', 'integer', (c) => c.notNull().references('signup.id'))
        .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', OFFER_STATUSES)))
        .addColumn('taken_by_signup_id', 'integer', (c) => c.references('signup.id'))
        .addCheckConstraint('signup_offer_taken', sql`(status = 'taken') = (taken_by_signup_id is not null)`),
      dialect,
    ),
    dialect,
  ).execute()
  await db.schema
    .createIndex('signup_offer_one_open')
    .on('signup_offer')
    .column('signup_id')
    .unique()
    .where(sql.ref('status'), '=', 'open')
    .execute()

  // The secret ICS URL: only its hash is kept, like every other token.
  await finish(
    db.schema
      .createTable('calendar_feed')
      .addColumn('account_id', 'integer', (c) => c.primaryKey().notNull().references('account.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', ts, (c) => c.notNull()),
    dialect,
  ).execute()

  // Overrides of the public-holiday calendar (chinese-days) for roster generation.
  await finish(
    db.schema
      .createTable('holiday_override')
      .addColumn('day', day(dialect), (c) => c.primaryKey().notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', DAY_KINDS)))
      .addColumn('note', 'text')
      .addColumn('created_by', 'integer', (c) => c.references('account.id'))
      .addColumn('created_at', ts, (c) => c.notNull()),
    dialect,
  ).execute()

  await db.schema.createIndex('signup_shift_status').on('signup').columns(['shift_id', 'status']).execute()
}
