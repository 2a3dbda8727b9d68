import { sql } from 'kysely'
import type { DialectName } from '../dialect'
import { day, finish, flag, instant, oneOf, withId, withTimestamps, type MigrationDb } from './helpers'

// Lists are copied, not imported: a migration is frozen in time.
const SITE_KINDS = ['main_library', 'branch', 'book_room', 'reading_point']
const PARTNER_KINDS = [
  'school',
  'special_education_school',
  'nursing_home',
  'left_behind_children_home',
  'rural_school',
  'enterprise',
  'other',
]
const PROGRAMME_KINDS = ['brand', 'project']
const ROLES = ['volunteer', 'coordinator', 'partner_contact', 'admin']
const ACCOUNT_STATUSES = ['active', 'deactivated', 'deleted']
const LOCALES = ['zh-CN', 'en']
const ACTIVITY_TYPES = [
  'training',
  'lecture',
  'reading_promotion',
  'exhibition',
  'reading_service',
  'special_care',
  'study_trip',
  'other',
]
const ACTIVITY_THEMES = ['culture', 'art', 'science', 'parent_child', 'health', 'safety']
const CAMPAIGNS = [
  'red_education',
  'traditional_culture',
  'science_education',
  'tribute_to_classics',
  'literature_parent_child',
]
const ACTIVITY_MODES = ['offline', 'online']
const ACTIVITY_STATUSES = ['planned', 'published', 'completed', 'cancelled']
const BENEFICIARY_GROUPS = [
  'children',
  'students',
  'parents_and_children',
  'elderly',
  'special_education_students',
  'left_behind_children',
  'visually_impaired',
  'general_public',
]
const SHIFT_ROLES = [
  'lending_desk',
  'reading_guide',
  'activity_assistant',
  'newspaper_reading',
  'book_handling',
  'other',
]
const SHIFT_STATUSES = ['open', 'cancelled']
const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled']
const ATTENDANCE_STATES = ['pending', 'attended', 'no_show']
const HOURS_STATUSES = ['none', 'pending', 'approved', 'rejected']
const DONOR_KINDS = ['individual', 'organisation', 'book_drive']
const SHIPMENT_STATUSES = ['preparing', 'shipped', 'received', 'cancelled']
const CARD_REQUEST_STATUSES = ['submitted', 'approved', 'issued', 'rejected', 'withdrawn']
const VISIT_KINDS = ['lecture', 'exhibition', 'reading_service', 'book_delivery', 'other']
const VISIT_REQUEST_STATUSES = ['submitted', 'accepted', 'scheduled', 'declined', 'withdrawn']
const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed']

const positive = (column: string) => sql`${sql.ref(column)} > 0`
const notNegative = (column: string) => sql`${sql.ref(column)} >= 0`

export async function up(db: MigrationDb, dialect: DialectName): Promise<void> {
  const ts = instant(dialect)
  const dd = day(dialect)

  await finish(
    withTimestamps(
      withId(db.schema.createTable('partner_organisation'), dialect)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', PARTNER_KINDS)))
        .addColumn('address', 'text')
        .addColumn('contact_name', 'text')
        .addColumn('contact_phone', 'text')
        .addColumn('contact_email', 'text')
        .addColumn('agreement_signed_on', dd)
        .addColumn('notes', 'text')
        .addColumn('active', 'integer', flag('active', 1)),
      dialect,
    ),
    dialect,
  ).execute()

  await finish(
    withTimestamps(
      withId(db.schema.createTable('site'), dialect)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', SITE_KINDS)))
        .addColumn('address', 'text')
        .addColumn('partner_organisation_id', 'integer', (c) => c.references('partner_organisation.id'))
        .addColumn('opened_on', dd)
        .addColumn('active', 'integer', flag('active', 1)),
      dialect,
    ),
    dialect,
  ).execute()

  await finish(
    withTimestamps(
      withId(db.schema.createTable('programme'), dialect)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', PROGRAMME_KINDS)))
        .addColumn('parent_programme_id', 'integer', (c) => c.references('programme.id'))
        .addColumn('description', 'text')
        .addColumn('colour', 'text', (c) => c.notNull().check(sql`length(colour) = 7`))
        .addColumn('active', 'integer', flag('active', 1))
        // A project sits under a brand; a brand stands alone.
        .addCheckConstraint('programme_parent_kind', sql`(kind = 'brand') = (parent_programme_id is null)`),
      dialect,
    ),
    dialect,
  ).execute()

  await finish(
    withTimestamps(
      withId(db.schema.createTable('account'), dialect)
        .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 100`))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('email_normalised', 'text', (c) => c.notNull().unique())
        .addColumn('phone', 'text')
        .addColumn('role', 'text', (c) => c.notNull().check(oneOf('role', ROLES)))
        .addColumn('partner_organisation_id', 'integer', (c) => c.references('partner_organisation.id'))
        .addColumn('password_hash', 'text')
        .addColumn('email_verified_at', ts)
        .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN').check(oneOf('locale', LOCALES)))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(oneOf('status', ACCOUNT_STATUSES)))
        // Exactly the partner contacts belong to a partner organisation.
        .addCheckConstraint(
          'account_partner_contact_organisation',
          sql`(role = 'partner_contact') = (partner_organisation_id is not null)`,
        ),
      dialect,
    ),
    dialect,
  ).execute()
  await db.schema.createIndex('account_partner_organisation').on('account').column('partner_organisation_id').execute()

  await finish(
    withTimestamps(
      db.schema
        .createTable('volunteer_profile')
        .addColumn('account_id', 'integer', (c) => c.primaryKey().references('account.id').onDelete('cascade'))
        .addColumn('volunteer_number', 'text', (c) => c.notNull().unique())
        .addColumn('birth_date', dd)
        .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('interests', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('availability', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('emergency_contact_name', 'text')
        .addColumn('emergency_contact_phone', 'text')
        .addColumn('guardian_name', 'text')
        .addColumn('guardian_relation', 'text')
        .addColumn('guardian_phone', 'text')
        .addColumn('guardian_consent_on', dd)
        .addColumn('privacy_consent_at', ts)
        // Consent is recorded whole or not at all.
        .addCheckConstraint(
          'volunteer_profile_guardian_complete',
          sql`guardian_consent_on is null or (guardian_name is not null and guardian_relation is not null and guardian_phone is not null)`,
        ),
      dialect,
    ),
    dialect,
  ).execute()

  await finish(
    withId(db.schema.createTable('training'), dialect)
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('description', 'text')
      .addColumn('created_at', ts, (c) => c.notNull()),
    dialect,
  ).execute()

  await finish(
    db.schema
      .createTable('training_completion')
      .addColumn('account_id', 'integer', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('training_id', 'integer', (c) => c.notNull().references('training.id'))
      .addColumn('completed_on', dd, (c) => c.notNull())
      .addColumn('recorded_by', 'integer', (c) => c.references('account.id'))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('training_completion_pk', ['account_id', 'training_id']),
    dialect,
  ).execute()

  await finish(
    withTimestamps(
      withId(db.schema.createTable('activity'), dialect)
        .addColumn('title', 'text', (c) => c.notNull().check(sql`length(title) between 1 and 200`))
        .addColumn('type', 'text', (c) => c.notNull().check(oneOf('type', ACTIVITY_TYPES)))
        .addColumn('theme', 'text', (c) => c.check(oneOf('theme', ACTIVITY_THEMES)))
        .addColumn('campaign', 'text', (c) => c.check(oneOf('campaign', CAMPAIGNS)))
        .addColumn('programme_id', 'integer', (c) => c.references('programme.id'))
        .addColumn('site_id', 'integer', (c) => c.references('site.id'))
        .addColumn('partner_organisation_id', 'integer', (c) => c.references('partner_organisation.id'))
        .addColumn('mode', 'text', (c) => c.notNull().check(oneOf('mode', ACTIVITY_MODES)))
        .addColumn('starts_at', ts, (c) => c.notNull())
        .addColumn('ends_at', ts, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ACTIVITY_STATUSES)))
        .addColumn('description', 'text')
        .addColumn('is_public', 'integer', flag('is_public', 1))
        .addColumn('requires_insurance', 'integer', flag('requires_insurance', 0))
        .addColumn('coordinator_id', 'integer', (c) => c.references('account.id'))
        .addColumn('participant_count', 'integer', (c) => c.check(notNegative('participant_count')))
        .addColumn('books_delivered', 'integer', (c) => c.check(notNegative('books_delivered')))
        .addColumn('outcome_notes', 'text')
        .addCheckConstraint('activity_ends_after_start', sql`ends_at > starts_at`)
        // An offline activity happens somewhere: at a site, or at a partner (an outreach visit).
        .addCheckConstraint(
          'activity_has_place',
          sql`mode = 'online' or site_id is not null or partner_organisation_id is not null`,
        ),
      dialect,
    ),
    dialect,
  ).execute()
  await db.schema.createIndex('activity_starts_at').on('activity').columns(['starts_at']).execute()
  await db.schema.createIndex('activity_type_starts_at').on('activity').columns(['type', 'starts_at']).execute()
  await db.schema.createIndex('activity_programme').on('activity').columns(['programme_id', 'starts_at']).execute()
  await db.schema.createIndex('activity_site').on('activity').columns(['site_id', 'starts_at']).execute()
  await db.schema
    .createIndex('activity_partner')
    .on('activity')
    .columns(['partner_organisation_id', 'starts_at'])
    .execute()

  await finish(
    db.schema
      .createTable('activity_beneficiary_count')
      .addColumn('activity_id', 'integer', (c) => c.notNull().references('activity.id').onDelete('cascade'))
      .addColumn('beneficiary_group', 'text', (c) => c.notNull().check(oneOf('beneficiary_group', BENEFICIARY_GROUPS)))
      .addColumn('people_count', 'integer', (c) => c.notNull().check(notNegative('people_count')))
      .addPrimaryKeyConstraint('activity_beneficiary_count_pk', ['activity_id', 'beneficiary_group']),
    dialect,
  ).execute()

  await finish(
    withTimestamps(
      withId(db.schema.createTable('shift_series'), dialect)
        .addColumn('site_id', 'integer', (c) => c.references('site.id'))
        .addColumn('activity_id', 'integer', (c) => c.references('activity.id'))
        .addColumn('role', 'text', (c) => c.notNull().check(oneOf('role', SHIFT_ROLES)))
        .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 1 and 7`))
        .addColumn('start_time', 'text', (c) => c.notNull())
        .addColumn('end_time', 'text', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull().check(positive('capacity')))
        .addColumn('first_day', dd, (c) => c.notNull())
        .addColumn('last_day', dd, (c) => c.notNull())
        .addColumn('skip_public_holidays', 'integer', flag('skip_public_holidays', 1))
        .addColumn('notes', 'text')
        .addColumn('created_by', 'integer', (c) => c.references('account.id'))
        .addCheckConstraint('shift_series_times', sql`end_time > start_time and last_day >= first_day`)
        .addCheckConstraint('shift_series_has_place', sql`site_id is not null or activity_id is not null`),
      dialect,
    ),
    dialect,
  ).execute()

  await finish(
    withTimestamps(
      withId(db.schema.createTable('shift'), dialect)
        .addColumn('series_id', 'integer', (c) => c.references('shift_series.id'))
        .addColumn('site_id', 'integer', (c) => c.references('site.id'))
        .addColumn('activity_id', 'integer', (c) => c.references('activity.id'))
        .addColumn('role', 'text', (c) => c.notNull().check(oneOf('role', SHIFT_ROLES)))
        .addColumn('title', 'text')
        .addColumn('starts_at', ts, (c) => c.notNull())
        .addColumn('ends_at', ts, (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull().check(positive('capacity')))
        .addColumn('confirmed_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('min_age', 'integer', (c) => c.check(sql`min_age between 0 and 120`))
        .addColumn('required_skill', 'text')
        .addColumn('required_training_id', 'integer', (c) => c.references('training.id'))
        .addColumn('signup_opens_at', ts)
        .addColumn('signup_closes_at', ts)
        .addColumn('cancel_cutoff_hours', 'integer', (c) =>
          c.notNull().defaultTo(0).check(notNegative('cancel_cutoff_hours')),
        )
        .addColumn('notes', 'text')
        .addColumn('contact_account_id', 'integer', (c) => c.references('account.id'))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(oneOf('status', SHIFT_STATUSES)))
        .addColumn('created_by', 'integer', (c) => c.references('account.id'))
        .addCheckConstraint('shift_ends_after_start', sql`ends_at > starts_at`)
        // Never more confirmed volunteers than seats: the sign-up transaction's conditional UPDATE relies on it.
        .addCheckConstraint('shift_within_capacity', sql`confirmed_count >= 0 and confirmed_count <= capacity`)
        .addCheckConstraint('shift_has_place', sql`site_id is not null or activity_id is not null`)
        .addCheckConstraint(
          'shift_signup_window',
          sql`signup_opens_at is null or signup_closes_at is null or signup_closes_at > signup_opens_at`,
        ),
      dialect,
    ),
    dialect,
  ).execute()
  await db.schema.createIndex('shift_starts_at').on('shift').columns(['starts_at']).execute()
  await db.schema.createIndex('shift_site_starts_at').on('shift').columns(['site_id', 'starts_at']).execute()
  await db.schema.createIndex('shift_activity').on('shift').columns(['activity_id']).execute()
  await db.schema.createIndex('shift_by_series').on('shift').columns(['series_id', 'starts_at']).execute()

  await finish(
    withTimestamps(
      withId(db.schema.createTable('signup'), dialect)
        .addColumn('shift_id', 'integer', (c) => c.notNull().references('shift.id'))
        .addColumn('volunteer_id', 'integer', (c) => c.notNull().references('account.id'))
        .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', SIGNUP_STATUSES)))
        .addColumn('waitlist_position', 'integer')
        .addColumn('attendance', 'text', (c) =>
          c.notNull().defaultTo('pending').check(oneOf('attendance', ATTENDANCE_STATES)),
        )
        .addColumn('checked_in_at', ts)
        .addColumn('checked_out_at', ts)
        .addColumn('service_minutes', 'integer', (c) => c.check(notNegative('service_minutes')))
        .addColumn('hours_status', 'text', (c) =>
          c.notNull().defaultTo('none').check(oneOf('hours_status', HOURS_STATUSES)),
        )
        .addColumn('hours_override_reason', 'text')
        .addColumn('hours_approved_by', 'integer', (c) => c.references('account.id'))
        .addColumn('hours_approved_at', ts)
        .addColumn('cancelled_at', ts)
        .addColumn('cancel_reason', 'text')
        .addCheckConstraint('signup_waitlist_position', sql`(status = 'waitlisted') = (waitlist_position is not null)`)
        .addCheckConstraint('signup_cancelled_at', sql`(status = 'cancelled') = (cancelled_at is not null)`)
        .addCheckConstraint(
          'signup_check_out_after_in',
          sql`checked_out_at is null or (checked_in_at is not null and checked_out_at >= checked_in_at)`,
        )
        .addCheckConstraint(
          'signup_approved_hours',
          sql`hours_status <> 'approved' or (service_minutes is not null and hours_approved_by is not null and hours_approved_at is not null)`,
        ),
      dialect,
    ),
    dialect,
  ).execute()
  // One active sign-up per volunteer and shift.
  await db.schema
    .createIndex('signup_one_active')
    .on('signup')
    .columns(['shift_id', 'volunteer_id'])
    .unique()
    .where(sql.ref('status'), '<>', 'cancelled')
    .execute()
  await db.schema
    .createIndex('signup_waitlist_order')
    .on('signup')
    .columns(['shift_id', 'waitlist_position'])
    .unique()
    .where(sql.ref('status'), '=', 'waitlisted')
    .execute()
  await db.schema.createIndex('signup_volunteer').on('signup').columns(['volunteer_id', 'status']).execute()

  await finish(
    withId(db.schema.createTable('book_donation'), dialect)
      .addColumn('programme_id', 'integer', (c) => c.references('programme.id'))
      .addColumn('site_id', 'integer', (c) => c.references('site.id'))
      .addColumn('donor_kind', 'text', (c) => c.notNull().check(oneOf('donor_kind', DONOR_KINDS)))
      .addColumn('donor_name', 'text')
      .addColumn('book_count', 'integer', (c) => c.notNull().check(positive('book_count')))
      .addColumn('received_on', dd, (c) => c.notNull())
      .addColumn('notes', 'text')
      .addColumn('recorded_by', 'integer', (c) => c.references('account.id'))
      .addColumn('created_at', ts, (c) => c.notNull()),
    dialect,
  ).execute()
  await db.schema
    .createIndex('book_donation_programme')
    .on('book_donation')
    .columns(['programme_id', 'received_on'])
    .execute()

  await finish(
    withTimestamps(
      withId(db.schema.createTable('book_shipment'), dialect)
        .addColumn('programme_id', 'integer', (c) => c.references('programme.id'))
        .addColumn('partner_organisation_id', 'integer', (c) => c.notNull().references('partner_organisation.id'))
        .addColumn('activity_id', 'integer', (c) => c.references('activity.id'))
        .addColumn('book_count', 'integer', (c) => c.notNull().check(positive('book_count')))
        .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', SHIPMENT_STATUSES)))
        .addColumn('shipped_on', dd)
        .addColumn('received_on', dd)
        .addColumn('received_book_count', 'integer', (c) => c.check(notNegative('received_book_count')))
        .addColumn('receipt_confirmed_by', 'integer', (c) => c.references('account.id'))
        .addColumn('receipt_notes', 'text')
        .addColumn('created_by', 'integer', (c) => c.references('account.id'))
        .addCheckConstraint(
          'book_shipment_received',
          sql`(status = 'received') = (received_on is not null and received_book_count is not null)`,
        )
        .addCheckConstraint(
          'book_shipment_shipped',
          sql`status in ('preparing', 'cancelled') or shipped_on is not null`,
        ),
      dialect,
    ),
    dialect,
  ).execute()
  await db.schema
    .createIndex('book_shipment_partner')
    .on('book_shipment')
    .columns(['partner_organisation_id', 'status'])
    .execute()

  await finish(
    withTimestamps(
      withId(db.schema.createTable('card_request'), dialect)
        .addColumn('partner_organisation_id', 'integer', (c) => c.notNull().references('partner_organisation.id'))
        .addColumn('requested_by', 'integer', (c) => c.notNull().references('account.id'))
        .addColumn('card_count', 'integer', (c) => c.notNull().check(sql`card_count between 1 and 500`))
        .addColumn('classes', 'text', (c) => c.notNull())
        .addColumn('loan_limit', 'integer', (c) => c.notNull().check(positive('loan_limit')))
        .addColumn('loan_period_days', 'integer', (c) => c.notNull().check(positive('loan_period_days')))
        .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', CARD_REQUEST_STATUSES)))
        .addColumn('decided_by', 'integer', (c) => c.references('account.id'))
        .addColumn('decided_at', ts)
        .addColumn('decision_note', 'text')
        .addCheckConstraint(
          'card_request_decided',
          sql`status in ('submitted', 'withdrawn') or (decided_by is not null and decided_at is not null)`,
        ),
      dialect,
    ),
    dialect,
  ).execute()
  await db.schema
    .createIndex('card_request_partner')
    .on('card_request')
    .columns(['partner_organisation_id', 'status'])
    .execute()

  await finish(
    withId(db.schema.createTable('bulk_card'), dialect)
      .addColumn('card_request_id', 'integer', (c) => c.notNull().references('card_request.id'))
      .addColumn('card_number', 'text', (c) => c.notNull().unique())
      .addColumn('class_name', 'text')
      .addColumn('issued_at', ts, (c) => c.notNull()),
    dialect,
  ).execute()
  await db.schema.createIndex('bulk_card_request').on('bulk_card').column('card_request_id').execute()

  await finish(
    withTimestamps(
      withId(db.schema.createTable('visit_request'), dialect)
        .addColumn('partner_organisation_id', 'integer', (c) => c.notNull().references('partner_organisation.id'))
        .addColumn('requested_by', 'integer', (c) => c.notNull().references('account.id'))
        .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', VISIT_KINDS)))
        .addColumn('preferred_dates', 'text', (c) => c.notNull())
        .addColumn('audience', 'text')
        .addColumn('expected_participants', 'integer', (c) => c.check(positive('expected_participants')))
        .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', VISIT_REQUEST_STATUSES)))
        .addColumn('activity_id', 'integer', (c) => c.references('activity.id'))
        .addColumn('note', 'text')
        .addColumn('decided_by', 'integer', (c) => c.references('account.id'))
        .addColumn('decided_at', ts)
        .addCheckConstraint('visit_request_scheduled', sql`(status = 'scheduled') = (activity_id is not null)`),
      dialect,
    ),
    dialect,
  ).execute()
  await db.schema
    .createIndex('visit_request_partner')
    .on('visit_request')
    .columns(['partner_organisation_id', 'status'])
    .execute()

  await finish(
    withId(db.schema.createTable('email_outbox'), dialect)
      .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
      .addColumn('template', 'text', (c) => c.notNull())
      .addColumn('to_address', 'text', (c) => c.notNull())
      .addColumn('to_account_id', 'integer', (c) => c.references('account.id').onDelete('set null'))
      .addColumn('locale', 'text', (c) => c.notNull().check(oneOf('locale', LOCALES)))
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(oneOf('status', OUTBOX_STATUSES)))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', ts, (c) => c.notNull())
      .addColumn('lease_until', ts)
      .addColumn('message_id', 'text', (c) => c.notNull().unique())
      .addColumn('last_error', 'text')
      .addColumn('sent_at', ts)
      .addColumn('created_at', ts, (c) => c.notNull()),
    dialect,
  ).execute()
  await db.schema.createIndex('email_outbox_due').on('email_outbox').columns(['status', 'next_attempt_at']).execute()

  await finish(
    withId(db.schema.createTable('audit_log'), dialect)
      .addColumn('actor_id', 'integer', (c) => c.references('account.id').onDelete('set null'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject_type', 'text')
      .addColumn('subject_id', 'text')
      .addColumn('details', 'text')
      .addColumn('ip', 'text')
      .addColumn('created_at', ts, (c) => c.notNull()),
    dialect,
  ).execute()
  await db.schema.createIndex('audit_log_created_at').on('audit_log').column('created_at').execute()
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'created_at']).execute()
}
