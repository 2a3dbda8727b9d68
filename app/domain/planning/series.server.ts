/**
 * Weekly series: one shift per week on a weekday, in Asia/Shanghai, skipping
 * public holidays (chinese-days, overridden by the coordinators' holiday_override
 * rows; see series.ts for the rule). Editing "this and all future" occurrences
 * leaves detached occurrences (edited or cancelled on their own) and earlier ones alone.
 */
import type { Kysely } from 'kysely'
import { writeTransaction } from '#db/dialect'
import type { DayKind, DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { DomainError, notFound } from '~/domain/errors'
import type { EditShiftInput, SeriesInput } from './schema'
import { seriesDays, type SeriesDays } from './series'
import { lockShift } from '~/domain/signups/seats.server'
import { applyShiftEdit, checkReferences, requireStaff, shiftValues, type ShiftChange } from './shifts.server'

/** A series spans at most a year (53 occurrences): longer rosters are planned again next year. */
export const MAX_SERIES_DAYS = 366

export async function holidayOverrides(db: Kysely<DB>, from: string, to: string) {
  return db
    .selectFrom('holiday_override')
    .select(['day', 'kind', 'note'])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute()
}

export async function createSeries(
  db: Kysely<DB>,
  actor: Actor,
  input: SeriesInput,
  meta: RequestMeta,
): Promise<{ seriesId: number; shiftIds: number[] } & SeriesDays> {
  requireStaff(actor)
  const span = (Date.parse(`${input.lastDay}T00:00:00Z`) - Date.parse(`${input.firstDay}T00:00:00Z`)) / 86_400_000
  if (span > MAX_SERIES_DAYS) throw new DomainError('rule', 'planning.series.tooLong', { field: 'lastDay' })
  await checkReferences(db, input)
  return writeTransaction(db, async (trx) => {
    const overrides = await holidayOverrides(trx, input.firstDay, input.lastDay)
    const plan = seriesDays(
      {
        weekday: input.weekday,
        firstDay: input.firstDay,
        lastDay: input.lastDay,
        skipPublicHolidays: input.skipPublicHolidays,
      },
      overrides,
    )
    if (plan.days.length === 0) throw new DomainError('rule', 'planning.series.noDays', { field: 'weekday' })
    const at = meta.now.toISOString()
    const series = await trx
      .insertInto('shift_series')
      .values({
        site_id: input.siteId,
        activity_id: input.activityId,
        role: input.role,
        weekday: input.weekday,
        start_time: input.startTime,
        end_time: input.endTime,
        capacity: input.capacity,
        first_day: input.firstDay,
        last_day: input.lastDay,
        skip_public_holidays: input.skipPublicHolidays ? 1 : 0,
        notes: input.notes,
        created_by: actor.accountId,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const rows = await trx
      .insertInto('shift')
      .values(plan.days.map((day) => shiftValues(actor, input, day, meta.now, series.id)))
      .returning('id')
      .execute()
    return { seriesId: series.id, shiftIds: rows.map((row) => row.id).sort((a, b) => a - b), ...plan }
  })
}

/**
 * Applies an edit to `fromShiftId` and every later occurrence of its series that
 * is still attached and open. Each keeps its own day; times, place, capacity and
 * notes change. A capacity below any occurrence's confirmed count refuses the
 * whole edit. Volunteers of each changed occurrence are mailed.
 */
export async function editSeriesFrom(
  db: Kysely<DB>,
  actor: Actor,
  seriesId: number,
  fromShiftId: number,
  changes: Omit<EditShiftInput, 'scope' | 'day'>,
  meta: RequestMeta,
): Promise<{ shiftIds: number[]; changes: ShiftChange[] }> {
  requireStaff(actor)
  await checkReferences(db, changes)
  return writeTransaction(db, async (trx) => {
    const from = await lockShift(trx, fromShiftId)
    if (from.series_id !== seriesId) throw notFound()
    const targets = await trx
      .selectFrom('shift')
      .select('id')
      .where('series_id', '=', seriesId)
      .where('starts_at', '>=', from.starts_at)
      .where('detached_from_series', '=', 0)
      .where('status', '=', 'open')
      .orderBy('starts_at')
      .execute()
    const edited: number[] = []
    const all = new Set<ShiftChange>()
    for (const target of targets) {
      const shift = await lockShift(trx, target.id)
      const made = await applyShiftEdit(trx, shift, { ...changes, day: undefined }, { detach: false }, meta)
      made.forEach((c) => all.add(c))
      edited.push(shift.id)
    }
    await trx
      .updateTable('shift_series')
      .set({
        start_time: changes.startTime,
        end_time: changes.endTime,
        capacity: changes.capacity,
        site_id: changes.siteId,
        activity_id: changes.activityId,
        notes: changes.notes,
        updated_at: meta.now.toISOString(),
      })
      .where('id', '=', seriesId)
      .execute()
    return { shiftIds: edited, changes: [...all] }
  })
}

/**
 * Records that a day is a holiday or a working day whatever chinese-days says
 * (`kind` null removes the override). Affects series generated afterwards;
 * existing shifts are edited or cancelled one by one.
 */
export async function setHolidayOverride(
  db: Kysely<DB>,
  actor: Actor,
  input: { day: string; kind: DayKind | null; note?: string | null },
  meta: RequestMeta,
): Promise<void> {
  requireStaff(actor)
  await writeTransaction(db, async (trx) => {
    await trx.deleteFrom('holiday_override').where('day', '=', input.day).execute()
    if (input.kind === null) return
    await trx
      .insertInto('holiday_override')
      .values({
        day: input.day,
        kind: input.kind,
        note: input.note ?? null,
        created_by: actor.accountId,
        created_at: meta.now.toISOString(),
      })
      .execute()
  })
}

export async function listHolidayOverrides(db: Kysely<DB>, actor: Actor, from: string, to: string) {
  requireStaff(actor)
  return holidayOverrides(db, from, to)
}
