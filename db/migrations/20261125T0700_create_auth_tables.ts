import { sql } from 'kysely'
import type { DialectName } from '../dialect'
import { double, finish, instant, oneOf, withId, type MigrationDb } from './helpers'

const INVITABLE_ROLES = ['coordinator', 'partner_contact', 'admin']

export async function up(db: MigrationDb, dialect: DialectName): Promise<void> {
  const ts = instant(dialect)

  // Lucia-style sessions: the id is public, only SHA-256 of the secret is stored.
  await finish(
    db.schema
      .createTable('session')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'integer', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('last_verified_at', ts, (c) => c.notNull()),
    dialect,
  ).execute()
  await db.schema.createIndex('session_account').on('session').column('account_id').execute()

  // One pending code per account; a new request replaces it.
  await finish(
    withId(db.schema.createTable('email_verification'), dialect)
      .addColumn('account_id', 'integer', (c) => c.notNull().unique().references('account.id').onDelete('cascade'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('expires_at', ts, (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull()),
    dialect,
  ).execute()

  await finish(
    withId(db.schema.createTable('password_reset'), dialect)
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('account_id', 'integer', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('expires_at', ts, (c) => c.notNull())
      .addColumn('used_at', ts)
      .addColumn('created_at', ts, (c) => c.notNull()),
    dialect,
  ).execute()
  await db.schema.createIndex('password_reset_account').on('password_reset').column('account_id').execute()

  await finish(
    withId(db.schema.createTable('invitation'), dialect)
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('email_normalised', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().check(oneOf('role', INVITABLE_ROLES)))
      .addColumn('partner_organisation_id', 'integer', (c) => c.references('partner_organisation.id'))
      .addColumn('invited_by', 'integer', (c) => c.references('account.id').onDelete('set null'))
      .addColumn('expires_at', ts, (c) => c.notNull())
      .addColumn('accepted_at', ts)
      .addColumn('created_at', ts, (c) => c.notNull())
      .addCheckConstraint(
        'invitation_partner_contact_organisation',
        sql`(role = 'partner_contact') = (partner_organisation_id is not null)`,
      ),
    dialect,
  ).execute()

  // Token buckets shared by every app process (login, code entry, mail sends).
  await finish(
    db.schema
      .createTable('rate_limit_bucket')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('tokens', double(dialect), (c) => c.notNull())
      .addColumn('refilled_at', ts, (c) => c.notNull()),
    dialect,
  ).execute()
}
