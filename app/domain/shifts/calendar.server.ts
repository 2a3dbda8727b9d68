/**
 * What the shift calendar, the plain list and each shift's page read. Every
 * calendar query is bounded by its time range (index shift_starts_at); none is
 * capped by a row count, so nothing in range is ever silently left out.
 */
import { sql, type Kysely } from 'kysely'
import type { DB, ShiftRole, ShiftStatus } from '#db/schema'
import { dayOf } from '#db/dialect'
import type { Actor } from '~/domain/actor'
import { placeAddress, placeName, shiftWithPlace } from '~/domain/shifts/queries.server'

/** Library duty shifts have no programme; they get this neutral colour (stone-500). */
export const NEUTRAL_COLOUR = '#78716c'

/** What a calendar cell needs to draw a shift. */
export interface ShiftCard {
  id: number
  role: ShiftRole
  starts_at: string
  ends_at: string
  capacity: number
  confirmed_count: number
  status: ShiftStatus
  place_name: string | null
  programme_colour: string
}

export interface CalendarShift extends ShiftCard {
  title: string | null
  programme_id: number | null
  programme_name: string | null
  activity_title: string | null
}

export interface CalendarFilter {
  /** Shifts starting at or after this instant… */
  from: Date
  /** …and before this one. */
  to: Date
  siteId?: number
  programmeId?: number
  role?: ShiftRole
  /** Only these shifts (the ones a volunteer may take), still within the range. */
  onlyIds?: readonly number[]
}

/** The shifts a filter selects, with place and programme joined. A shift is "at" a site when it is held there or belongs to an activity there. */
function filteredShifts(db: Kysely<DB>, filter: CalendarFilter) {
  let select = shiftWithPlace(db)
    .leftJoin('programme as pr', 'pr.id', 'a.programme_id')
    .where('shift.starts_at', '>=', filter.from.toISOString())
    .where('shift.starts_at', '<', filter.to.toISOString())
  if (filter.siteId !== undefined) {
    const siteId = filter.siteId
    select = select.where((eb) => eb.or([eb('shift.site_id', '=', siteId), eb('a.site_id', '=', siteId)]))
  }
  if (filter.programmeId !== undefined) select = select.where('a.programme_id', '=', filter.programmeId)
  if (filter.role !== undefined) select = select.where('shift.role', '=', filter.role)
  if (filter.onlyIds !== undefined) {
    select =
      filter.onlyIds.length > 0 ? select.where('shift.id', 'in', filter.onlyIds) : select.where(sql<boolean>`1 = 0`)
  }
  return select
}

const cardColumns = [
  'shift.id',
  'shift.role',
  'shift.starts_at',
  'shift.ends_at',
  'shift.capacity',
  'shift.confirmed_count',
  'shift.status',
  placeName.as('place_name'),
  'pr.colour as programme_colour',
] as const

const shiftColumns = [
  ...cardColumns,
  'shift.title',
  'pr.id as programme_id',
  'pr.name as programme_name',
  'a.title as activity_title',
] as const

function toCard<
  R extends { capacity: unknown; confirmed_count: unknown; id: unknown; programme_colour: string | null },
>(row: R) {
  return {
    ...row,
    id: Number(row.id),
    capacity: Number(row.capacity),
    confirmed_count: Number(row.confirmed_count),
    programme_colour: row.programme_colour ?? NEUTRAL_COLOUR,
  }
}

function toShift<R extends Parameters<typeof toCard>[0] & { programme_id: unknown }>(row: R) {
  return { ...toCard(row), programme_id: row.programme_id === null ? null : Number(row.programme_id) }
}

/** Every shift starting in [from, to), soonest first (the day, week and agenda views). */
export async function listShiftsForCalendar(db: Kysely<DB>, filter: CalendarFilter): Promise<CalendarShift[]> {
  const rows = await filteredShifts(db, filter)
    .select(shiftColumns)
    .orderBy('shift.starts_at')
    .orderBy('shift.id')
    .execute()
  return rows.map(toShift)
}

/** The ids a filter selects, for rules applied in code (may this volunteer take it?). */
export async function listShiftIds(db: Kysely<DB>, filter: CalendarFilter): Promise<number[]> {
  const rows = await filteredShifts(db, filter).select('shift.id').execute()
  return rows.map((row) => Number(row.id))
}

export interface ShiftPage {
  shifts: CalendarShift[]
  /** Every shift the filter selects, over all pages. */
  total: number
}

/** One page of the list, soonest first; `page` counts from 1. An empty page past the end has total 0. */
export async function listShiftPage(
  db: Kysely<DB>,
  filter: CalendarFilter,
  page: number,
  pageSize: number,
): Promise<ShiftPage> {
  const rows = await filteredShifts(db, filter)
    .select(shiftColumns)
    .select(sql<number>`count(*) over ()`.as('total'))
    .orderBy('shift.starts_at')
    .orderBy('shift.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
  return {
    shifts: rows.map(({ total: _total, ...row }) => toShift(row)),
    total: rows.length > 0 ? Number(rows[0]!.total) : 0,
  }
}

export interface MonthDay {
  /** `YYYY-MM-DD` in Shanghai. */
  day: string
  /** The first shifts of the day, soonest first: as many as a cell shows. */
  shifts: ShiftCard[]
  /** All the day's shifts the filter selects, and of those the cancelled ones and the open ones with no seat left. */
  total: number
  cancelled: number
  full: number
}

/**
 * A month sized for a month: per day with shifts, the first `perDay` and the
 * counts, in one query (window functions over the filtered rows), so a city's
 * 50 shifts a day cost `perDay` rows each, not 50.
 */
export async function loadMonth(db: Kysely<DB>, filter: CalendarFilter, perDay: number): Promise<MonthDay[]> {
  const day = dayOf(db, 'shift.starts_at')
  const ranked = filteredShifts(db, filter)
    .select(cardColumns)
    .select([
      day.as('day'),
      sql<number>`row_number() over (partition by ${day} order by shift.starts_at, shift.id)`.as('position'),
      sql<number>`count(*) over (partition by ${day})`.as('total'),
      sql<number>`sum(case when shift.status = 'cancelled' then 1 else 0 end) over (partition by ${day})`.as(
        'cancelled',
      ),
      sql<number>`sum(case when shift.status <> 'cancelled' and shift.confirmed_count >= shift.capacity then 1 else 0 end) over (partition by ${day})`.as(
        'full',
      ),
    ])
  const rows = await db
    .selectFrom(ranked.as('ranked'))
    .selectAll()
    .where('position', '<=', perDay)
    .orderBy('day')
    .orderBy('position')
    .execute()
  const days = new Map<string, MonthDay>()
  for (const { day: key, position: _position, total, cancelled, full, ...row } of rows) {
    let entry = days.get(key)
    if (!entry) {
      entry = { day: key, shifts: [], total: Number(total), cancelled: Number(cancelled), full: Number(full) }
      days.set(key, entry)
    }
    entry.shifts.push(toCard(row))
  }
  return [...days.values()]
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
