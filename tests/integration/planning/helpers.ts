/** Actors and rows for the planning suites. */
import type { Kysely } from 'kysely'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { createAccount, type AccountSpec } from '../accounts/helpers'

export async function actorFor(db: Kysely<DB>, spec: AccountSpec = {}): Promise<Actor> {
  const account = await createAccount(db, spec)
  return {
    accountId: account.id,
    role: account.role,
    partnerOrganisationId: spec.partnerOrganisationId ?? null,
    name: account.name,
    email: account.email,
    locale: 'zh-CN',
    emailVerified: true,
  }
}

export const metaAt = (now: Date | string): RequestMeta => ({
  now: new Date(now),
  ip: '127.0.0.1',
  appOrigin: 'https://tongxing.example.org',
})

/** A waitlisted or cancelled sign-up (createSignup in the account helpers makes confirmed ones). */
export async function insertSignup(
  db: Kysely<DB>,
  shiftId: number,
  volunteerId: number,
  status: 'waitlisted' | 'cancelled',
  position = 1,
): Promise<number> {
  const now = new Date().toISOString()
  const row = await db
    .insertInto('signup')
    .values({
      shift_id: shiftId,
      volunteer_id: volunteerId,
      status,
      waitlist_position: status === 'waitlisted' ? position : null,
      attendance: 'pending',
      checked_in_at: null,
      checked_out_at: null,
      service_minutes: null,
      hours_status: 'none',
      hours_override_reason: null,
      hours_approved_by: null,
      hours_approved_at: null,
      cancelled_at: status === 'cancelled' ? now : null,
      cancel_reason: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export function outbox(db: Kysely<DB>, template: string) {
  return db
    .selectFrom('email_outbox')
    .select(['to_address', 'dedupe_key', 'payload'])
    .where('template', '=', template)
    .orderBy('id')
    .execute()
}

export const baseShift = {
  activityId: null,
  role: 'lending_desk' as const,
  title: null,
  startTime: '09:00',
  endTime: '12:00',
  capacity: 2,
  minAge: null,
  requiredSkill: null,
  requiredTrainingId: null,
  opensDaysBefore: null,
  closesHoursBefore: null,
  cancelCutoffHours: 12,
  whatToBring: null,
  notes: null,
}
