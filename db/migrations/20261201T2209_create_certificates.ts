import { sql } from 'kysely'
import type { DialectName } from '../dialect'
import { day, finish, instant, oneOf, withId, withTimestamps, type MigrationDb } from './helpers'

const ID_TYPES = ['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent_residence']
const CERTIFICATE_STATUSES = ['valid', 'revoked']

/**
 * Service-record certificates (志愿服务记录证明): the volunteer's ID document,
 * encrypted at rest (AES-256-GCM, app/domain/certificates/id-crypto.server.ts),
 * the certificates with their content frozen at issue, and a per-year counter
 * for certificate numbers.
 */
export async function up(db: MigrationDb, dialect: DialectName): Promise<void> {
  const ts = instant(dialect)

  await db.schema
    .alterTable('volunteer_profile')
    .addColumn('id_type', 'text', (c) => c.check(oneOf('id_type', ID_TYPES)))
    .execute()
  // `v1.<iv>.<tag>.<ciphertext>` in base64url; never the number in clear.
  await db.schema.alterTable('volunteer_profile').addColumn('id_number_encrypted', 'text').execute()

  await finish(
    db.schema
      .createTable('certificate_sequence')
      .addColumn('year', 'integer', (c) => c.primaryKey().notNull())
      .addColumn('last_number', 'integer', (c) => c.notNull().check(sql`last_number >= 0`)),
    dialect,
  ).execute()

  await finish(
    withTimestamps(
      withId(db.schema.createTable('certificate'), dialect)
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('verification_code', 'text', (c) => c.notNull().unique())
        .addColumn('volunteer_id', 'integer', (c) => c.notNull().references('account.id'))
        // Null: the volunteer asked for it themself (self-service).
        .addColumn('issued_by', 'integer', (c) => c.references('account.id'))
        .addColumn('period_from', day(dialect), (c) => c.notNull())
        .addColumn('period_to', day(dialect), (c) => c.notNull())
        .addColumn('total_minutes', 'integer', (c) => c.notNull().check(sql`total_minutes >= 0`))
        // What the certificate says, frozen at issue (JSON); the PDF is drawn from it.
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('holder_id_type', 'text', (c) => c.check(oneOf('holder_id_type', ID_TYPES)))
        .addColumn('holder_id_number_encrypted', 'text')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('valid').check(oneOf('status', CERTIFICATE_STATUSES)))
        .addColumn('issued_at', ts, (c) => c.notNull())
        .addColumn('revoked_at', ts)
        .addColumn('revoked_by', 'integer', (c) => c.references('account.id'))
        .addColumn('revoke_reason', 'text')
        .addCheckConstraint('certificate_period', sql`period_to >= period_from`)
        .addCheckConstraint(
          'certificate_holder_id',
          sql`(holder_id_type is null) = (holder_id_number_encrypted is null)`,
        )
        .addCheckConstraint(
          'certificate_revoked',
          sql`(status = 'revoked') = (revoked_at is not null and revoked_by is not null and revoke_reason is not null)`,
        ),
      dialect,
    ),
    dialect,
  ).execute()
  await db.schema
    .createIndex('certificate_volunteer')
    .on('certificate')
    .columns(['volunteer_id', 'issued_at'])
    .execute()
  await db.schema.createIndex('certificate_issued_at').on('certificate').columns(['issued_at']).execute()
}
