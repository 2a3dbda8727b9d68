/**
 * What the shift calendar, the plain list and each shift's page read. One query
 * per page, bounded by time range (index shift_starts_at) and a row limit.
 */
import type { Kysely } from 'kysely'
import type { DB, ShiftRole, ShiftStatus } from '#db/schema'
import type { Actor } from '~/domain/actor'
import { placeAddress, placeName, shiftWithPlace } from '~/domain/shifts/queries.server'

/** Library duty shifts have no programme; they get this neutral colour (stone-500). */
export const NEUTRAL_COLOUR = '#78716c'

/** The most rows one calendar request returns; pages tell the user when they hit it. */
export const CALENDAR_MAX_LIMIT = 500

export interface CalendarShift {
  id: number
  role: ShiftRole
  title: string | null
  starts_at: string
  ends_at: string
  capacity: number
  confirmed_count: number
  status: ShiftStatus
  place_name: string | null
  programme_id: number | null
  programme_name: string | null
  programme_colour: string
  activity_title: string | null
}

export interface CalendarQuery {
  /** Shifts starting at or after this instant… */
  from: Date
  /** …and before this one. */
  to: Date
  siteId?: number
  programmeId?: number
  role?: ShiftRole
  limit: number
}

/**
 * Shifts starting in [from, to), soonest first, with place and programme. A
 * shift is "at" a site when it is held there or belongs to an activity there.
 */
export async function listShiftsForCalendar(db: Kysely<DB>, query: CalendarQuery): Promise<CalendarShift[]> {
  const limit = Math.max(1, Math.min(query.limit, CALENDAR_MAX_LIMIT))
  let select = shiftWithPlace(db)
    .leftJoin('programme as pr', 'pr.id', 'a.programme_id')
    .select([
      'shift.id',
      'shift.role',
      'shift.title',
      'shift.starts_at',
      'shift.ends_at',
      'shift.capacity',
      'shift.confirmed_count',
      'shift.status',
      placeName.as('place_name'),
      'pr.id as programme_id',
      'pr.name as programme_name',
      'pr.colour as programme_colour',
      'a.title as activity_title',
    ])
    .where('shift.starts_at', '>=', query.from.toISOString())
    .where('shift.starts_at', '<', query.to.toISOString())
  if (query.siteId !== undefined) {
    const siteId = query.siteId
    select = select.where((eb) => eb.or([eb('shift.site_id', '=', siteId), eb('a.site_id', '=', siteId)]))
  }
  if (query.programmeId !== undefined) select = select.where('a.programme_id', '=', query.programmeId)
  if (query.role !== undefined) select = select.where('shift.role', '=', query.role)
  const rows = await select.orderBy('shift.starts_at').orderBy('shift.id').limit(limit).execute()
  return rows.map((row) => ({
    ...row,
    capacity: Number(row.capacity),
    confirmed_count: Number(row.confirmed_count),
    programme_id: row.programme_id === null ? null : Number(row.programme_id),
    programme_colour: row.programme_colour ?? NEUTRAL_COLOUR,
  }))
}

export interface FilterOptions {
  sites: { id: number; name: string }[]
  programmes: { id: number; name: string; colour: string }[]
}

/** The choices of the calendar's filters: active sites and programmes, by name. */
export async function listSitesAndProgrammes(db: Kysely<DB>): Promise<FilterOptions> {
  const [sites, programmes] = await Promise.all([
    db.selectFrom('site').select(['id', 'name']).where('active', '=', 1).orderBy('id').execute(),
    db.selectFrom('programme').select(['id', 'name', 'colour']).where('active', '=', 1).orderBy('id').execute(),
  ])
  return { sites, programmes }
}

export interface ShiftDetail extends CalendarShift {
  address: string | null
  what_to_bring: string | null
  notes: string | null
  activity_id: number | null
  activity_description: string | null
  contact_name: string | null
  /** Only for signed-in viewers. */
  contact_phone: string | null
  min_age: number | null
  required_skill: string | null
  required_training: string | null
  signup_opens_at: string | null
  signup_closes_at: string | null
  cancel_cutoff_hours: number
}

/**
 * Everything a volunteer needs about one shift. The contact is the shift's own
 * contact or else the activity's coordinator; their phone is given to signed-in
 * accounts only.
 */
export async function getShiftDetail(
  db: Kysely<DB>,
  shiftId: number,
  viewer: Actor | null = null,
): Promise<ShiftDetail | undefined> {
  const row = await shiftWithPlace(db)
    .leftJoin('programme as pr', 'pr.id', 'a.programme_id')
    .leftJoin('account as contact', (join) =>
      join.on((eb) => eb('contact.id', '=', eb.fn.coalesce('shift.contact_account_id', 'a.coordinator_id'))),
    )
    .select([
      'shift.id',
      'shift.role',
      'shift.title',
      'shift.starts_at',
      'shift.ends_at',
      'shift.capacity',
      'shift.confirmed_count',
      'shift.status',
      placeName.as('place_name'),
      placeAddress.as('address'),
      'pr.id as programme_id',
      'pr.name as programme_name',
      'pr.colour as programme_colour',
      'a.id as activity_id',
      'a.title as activity_title',
      'a.description as activity_description',
      'shift.what_to_bring',
      'shift.notes',
      'contact.name as contact_name',
      'contact.phone as contact_phone',
      'shift.min_age',
      'shift.required_skill',
      'tr.name as required_training',
      'shift.signup_opens_at',
      'shift.signup_closes_at',
      'shift.cancel_cutoff_hours',
    ])
    .where('shift.id', '=', shiftId)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    ...row,
    capacity: Number(row.capacity),
    confirmed_count: Number(row.confirmed_count),
    programme_id: row.programme_id === null ? null : Number(row.programme_id),
    programme_colour: row.programme_colour ?? NEUTRAL_COLOUR,
    contact_phone: viewer ? row.contact_phone : null,
    cancel_cutoff_hours: Number(row.cancel_cutoff_hours),
  }
}
