/**
 * Shared with the child processes, so no vitest here: request metadata and the
 * deliberately naive sign-up the negative controls run.
 */
import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema'
import type { RequestMeta } from '../../../app/domain/accounts/request-meta'

export const APP_ORIGIN = 'https://tongxing.example.org'
export const HOUR = 3_600_000

export const meta = (now: Date = new Date()): RequestMeta => ({ now, ip: '127.0.0.1', appOrigin: APP_ORIGIN })

/**
 * The bug the guard prevents: count, then decide, then write, with no
 * transaction, no row lock and no conditional update (and a 2 ms pause between
 * read and write, as a real request would have). Used only by the negative controls.
 */
export async function naiveSignUp(
  db: Kysely<DB>,
  volunteerId: number,
  shiftId: number,
): Promise<'confirmed' | 'waitlisted'> {
  const shift = await db
    .selectFrom('shift')
    .select(['capacity', 'confirmed_count'])
    .where('id', '=', shiftId)
    .executeTakeFirstOrThrow()
  const last = await db
    .selectFrom('signup')
    .select((eb) => eb.fn.max('waitlist_position').as('last'))
    .where('shift_id', '=', shiftId)
    .where('status', '=', 'waitlisted')
    .executeTakeFirst()
  await new Promise((resolve) => setTimeout(resolve, 2))
  const confirmed = shift.confirmed_count < shift.capacity
  const now = new Date().toISOString()
  await db
    .insertInto('signup')
    .values({
      shift_id: shiftId,
      volunteer_id: volunteerId,
      status: confirmed ? 'confirmed' : 'waitlisted',
      waitlist_position: confirmed ? null : Number(last?.last ?? 0) + 1,
      attendance: 'pending',
      hours_status: 'none',
      checked_in_at: null,
      checked_out_at: null,
      service_minutes: null,
      hours_override_reason: null,
      hours_approved_by: null,
      hours_approved_at: null,
      cancelled_at: null,
      cancel_reason: null,
      added_by: null,
      added_reason: null,
      created_at: now,
      updated_at: now,
    })
    .execute()
  if (confirmed) {
    await db
      .updateTable('shift')
      .set({ confirmed_count: shift.confirmed_count + 1 })
      .where('id', '=', shiftId)
      .execute()
  }
  return confirmed ? 'confirmed' : 'waitlisted'
}
