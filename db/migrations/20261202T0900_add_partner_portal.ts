import { sql } from 'kysely'
import type { DialectName } from '../dialect'
import { finish, flag, instant, withId, type MigrationDb } from './helpers'

/**
 * What the partner portal and book deliveries need beyond the first schema:
 * class lines of a card request, visit request topic/needs/feedback and the
 * link to the planned visit, shipment boxes and carrier, and receipt tokens
 * (only their hash kept, like every other token).
 */
export async function up(db: MigrationDb, dialect: DialectName): Promise<void> {
  const ts = instant(dialect)
  const dd = dialect === 'postgres' ? 'date' : 'text'

  await db.schema.alterTable('card_request').addColumn('note', 'text').execute()
  await db.schema.alterTable('card_request').addColumn('requested_card_count', 'integer').execute()
  await db.schema
    .alterTable('card_request')
    .addColumn('issued_by', 'integer', (c) => c.references('account.id'))
    .execute()
  await db.schema.alterTable('card_request').addColumn('issued_at', ts).execute()

  // One line per class: the class, its cards, the teacher in charge.
  await finish(
    withId(db.schema.createTable('card_request_line'), dialect)
      .addColumn('card_request_id', 'integer', (c) => c.notNull().references('card_request.id'))
      .addColumn('line_no', 'integer', (c) => c.notNull())
      .addColumn('class_name', 'text', (c) => c.notNull())
      .addColumn('card_count', 'integer', (c) => c.notNull().check(sql`card_count between 1 and 500`))
      .addColumn('requested_card_count', 'integer', (c) => c.notNull())
      .addColumn('teacher_name', 'text')
      .addUniqueConstraint('card_request_line_no', ['card_request_id', 'line_no']),
    dialect,
  ).execute()

  await db.schema.alterTable('visit_request').addColumn('topic', 'text').execute()
  await db.schema.alterTable('visit_request').addColumn('needs', 'text').execute()
  await db.schema.alterTable('visit_request').addColumn('decision_note', 'text').execute()
  await db.schema.alterTable('visit_request').addColumn('proposed_on', dd).execute()
  await db.schema
    .alterTable('visit_request')
    .addColumn('feedback_rating', 'integer', (c) => c.check(sql`feedback_rating between 1 and 5`))
    .execute()
  await db.schema.alterTable('visit_request').addColumn('feedback_comment', 'text').execute()
  await db.schema.alterTable('visit_request').addColumn('feedback_at', ts).execute()
  await db.schema
    .createIndex('visit_request_activity')
    .on('visit_request')
    .column('activity_id')
    .unique()
    .where(sql.ref('activity_id'), 'is not', null)
    .execute()

  await db.schema
    .alterTable('book_shipment')
    .addColumn('box_count', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`box_count between 1 and 500`),
    )
    .execute()
  await db.schema.alterTable('book_shipment').addColumn('carrier', 'text').execute()
  await db.schema.alterTable('book_shipment').addColumn('waybill_number', 'text').execute()
  await db.schema
    .alterTable('book_shipment')
    .addColumn('delivered_by_team', 'integer', flag('delivered_by_team', 0))
    .execute()
  await db.schema.alterTable('book_shipment').addColumn('cancel_reason', 'text').execute()
  await db.schema.alterTable('book_shipment').addColumn('receipt_name', 'text').execute()
  await db.schema
    .alterTable('book_shipment')
    .addColumn('damage_reported', 'integer', flag('damage_reported', 0))
    .execute()
  await db.schema.alterTable('book_shipment').addColumn('receipt_confirmed_at', ts).execute()
  await db.schema
    .createIndex('book_shipment_programme')
    .on('book_shipment')
    .columns(['programme_id', 'status'])
    .execute()

  // A link to confirm one shipment's receipt without an account (mail, box QR).
  await finish(
    withId(db.schema.createTable('shipment_receipt_token'), dialect)
      .addColumn('shipment_id', 'integer', (c) => c.notNull().references('book_shipment.id'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('expires_at', ts, (c) => c.notNull())
      .addColumn('used_at', ts)
      .addColumn('revoked_at', ts)
      .addColumn('created_at', ts, (c) => c.notNull()),
    dialect,
  ).execute()
  await db.schema
    .createIndex('shipment_receipt_token_shipment')
    .on('shipment_receipt_token')
    .column('shipment_id')
    .execute()
}
