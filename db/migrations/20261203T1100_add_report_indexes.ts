import type { MigrationDb } from './helpers'

/**
 * Covering indexes for the year-end report (measured with `npm run bench` over
 * ten years of a city network): each section reads a year's activities, its
 * shifts' sign-ups and the volunteer register from the index alone, never the
 * wide rows.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createIndex('report_activity')
    .on('activity')
    .columns([
      'status',
      'starts_at',
      'type',
      'mode',
      'theme',
      'campaign',
      'site_id',
      'programme_id',
      'partner_organisation_id',
      'participant_count',
      'books_delivered',
      'requires_insurance',
    ])
    .execute()
  await db.schema
    .createIndex('report_signup')
    .on('signup')
    .columns(['shift_id', 'hours_status', 'attendance', 'volunteer_id', 'service_minutes'])
    .execute()
  await db.schema.createIndex('report_account').on('account').columns(['role', 'status', 'created_at']).execute()
  await db.schema
    .createIndex('report_volunteer_birth')
    .on('volunteer_profile')
    .columns(['account_id', 'birth_date'])
    .execute()
}
