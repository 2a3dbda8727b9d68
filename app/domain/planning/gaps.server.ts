/** The cross-site view: shifts in the coming weeks still short of volunteers, by Shanghai day. */
import type { Kysely } from 'kysely'
import type { DB, ShiftRole } from '#db/schema'
import type { Actor } from '~/domain/actor'
import { shanghaiDay } from '~/lib/dates'
import { requireStaff } from './shifts.server'
import { placeName, shiftWithPlace } from '~/domain/shifts/queries.server'

export interface GapShift {
  id: number
  role: ShiftRole
  title: string | null
  starts_at: string
  ends_at: string
  capacity: number
  confirmed_count: number
  missing: number
  site_id: number | null
  place_name: string | null
  activity_title: string | null
}

export interface GapDay {
  day: string
  shifts: GapShift[]
  missing: number
}

/** At most this many shifts are listed; the page says when the list is cut short. */
export const GAPS_LIMIT = 500

export async function listGaps(
  db: Kysely<DB>,
  actor: Actor,
  range: { from: Date; to: Date; siteId?: number | null },
): Promise<{ days: GapDay[]; truncated: boolean }> {
  requireStaff(actor)
  let query = shiftWithPlace(db)
    .select([
      'shift.id',
      'shift.role',
      'shift.title',
      'shift.starts_at',
      'shift.ends_at',
      'shift.capacity',
      'shift.confirmed_count',
      'shift.site_id',
      placeName.as('place_name'),
      'a.title as activity_title',
    ])
    .where('shift.status', '=', 'open')
    .where('shift.starts_at', '>=', range.from.toISOString())
    .where('shift.starts_at', '<', range.to.toISOString())
    .whereRef('shift.confirmed_count', '<', 'shift.capacity')
  if (range.siteId) query = query.where('shift.site_id', '=', range.siteId)
  const rows = await query
    .orderBy('shift.starts_at')
    .orderBy('shift.id')
    .limit(GAPS_LIMIT + 1)
    .execute()
  const truncated = rows.length > GAPS_LIMIT
  const byDay = new Map<string, GapDay>()
  for (const row of rows.slice(0, GAPS_LIMIT)) {
    const day = shanghaiDay(row.starts_at)
    const missing = row.capacity - row.confirmed_count
    const entry = byDay.get(day) ?? { day, shifts: [], missing: 0 }
    entry.shifts.push({ ...row, missing })
    entry.missing += missing
    byDay.set(day, entry)
  }
  return { days: [...byDay.values()], truncated }
}
