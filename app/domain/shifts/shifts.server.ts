import type { Kysely } from 'kysely'
import type { DB, ShiftRole } from '#db/schema'
import { placeName, shiftWithPlace } from '~/domain/shifts/queries.server'

export interface OpenShiftItem {
  id: number
  role: ShiftRole
  title: string | null
  starts_at: string
  ends_at: string
  capacity: number
  confirmed_count: number
  place_name: string | null
  activity_title: string | null
}

/** Shifts that take sign-ups now (window open, not cancelled, not started), soonest first. */
export async function listOpenShifts(db: Kysely<DB>, options: { now: Date; limit: number }): Promise<OpenShiftItem[]> {
  const now = options.now.toISOString()
  return shiftWithPlace(db)
    .select([
      'shift.id',
      'shift.role',
      'shift.title',
      'shift.starts_at',
      'shift.ends_at',
      'shift.capacity',
      'shift.confirmed_count',
      placeName.as('place_name'),
      'a.title as activity_title',
    ])
    .where('shift.status', '=', 'open')
    .where('shift.starts_at', '>', now)
    .where((eb) => eb.or([eb('shift.signup_opens_at', 'is', null), eb('shift.signup_opens_at', '<=', now)]))
    .where((eb) => eb.or([eb('shift.signup_closes_at', 'is', null), eb('shift.signup_closes_at', '>', now)]))
    .orderBy('shift.starts_at')
    .orderBy('shift.id')
    .limit(options.limit)
    .execute()
}
