import type { Kysely } from 'kysely'
import type { DB, ShiftRole } from '#db/schema'

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
  return db
    .selectFrom('shift')
    .leftJoin('activity as a', 'a.id', 'shift.activity_id')
    .leftJoin('site as s', 's.id', 'shift.site_id')
    .leftJoin('site as activity_site', 'activity_site.id', 'a.site_id')
    .leftJoin('partner_organisation as p', 'p.id', 'a.partner_organisation_id')
    .select((eb) => [
      'shift.id',
      'shift.role',
      'shift.title',
      'shift.starts_at',
      'shift.ends_at',
      'shift.capacity',
      'shift.confirmed_count',
      eb.fn.coalesce('s.name', 'p.name', 'activity_site.name').as('place_name'),
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
