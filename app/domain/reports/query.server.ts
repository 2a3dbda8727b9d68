/** The record sets every section counts from, narrowed by the report's scope. */
import type { ExpressionBuilder, Kysely } from 'kysely'
import type { DB } from '#db/schema'
import { addDays, shanghaiInstant } from '~/lib/dates'
import type { ReportScope } from './model'

/** The scope's half-open range of instants: from 00:00 of the first day to 00:00 after the last, Shanghai time. */
export function instantRange(scope: ReportScope): { from: string; to: string } {
  return { from: shanghaiInstant(scope.from, '00:00'), to: shanghaiInstant(addDays(scope.to, 1), '00:00') }
}

/** A programme and the projects under it. */
function programmeAndChildren(db: Kysely<DB>, programmeId: number) {
  return db
    .selectFrom('programme')
    .select('programme.id')
    .where((eb) => eb.or([eb('programme.id', '=', programmeId), eb('programme.parent_programme_id', '=', programmeId)]))
}

/**
 * Activities that count: completed (so neither planned nor cancelled), started
 * within the scope's days in Asia/Shanghai, at the site and in the programme
 * (or one of its projects) when the scope names them.
 */
export function countedActivities(db: Kysely<DB>, scope: ReportScope) {
  const { from, to } = instantRange(scope)
  let query = db
    .selectFrom('activity')
    .where('activity.status', '=', 'completed')
    .where('activity.starts_at', '>=', from)
    .where('activity.starts_at', '<', to)
  if (scope.siteId !== null) query = query.where('activity.site_id', '=', scope.siteId)
  if (scope.programmeId !== null)
    query = query.where('activity.programme_id', 'in', programmeAndChildren(db, scope.programmeId))
  return query
}

/** Activities of the programme (and its projects). */
function activitiesOfProgramme(db: Kysely<DB>, programmeId: number) {
  return db
    .selectFrom('activity')
    .select('activity.id')
    .where('activity.programme_id', 'in', programmeAndChildren(db, programmeId))
}

/**
 * Shifts that started within the scope, at the site (the shift's, else its
 * activity's) and in the programme (through the shift's activity). The
 * activity is reached only when a filter needs it, through the small sets of
 * the site's or programme's activity ids: joining each of a year's shifts to
 * its activity costs more than summing them.
 */
function shiftInScope(db: Kysely<DB>, scope: ReportScope) {
  const { from, to } = instantRange(scope)
  return (eb: ExpressionBuilder<DB, 'shift'>) => {
    const conditions = [eb('shift.starts_at', '>=', from), eb('shift.starts_at', '<', to)]
    const siteId = scope.siteId
    if (siteId !== null)
      conditions.push(
        eb.or([
          eb('shift.site_id', '=', siteId),
          eb.and([
            eb('shift.site_id', 'is', null),
            eb(
              'shift.activity_id',
              'in',
              db.selectFrom('activity').select('activity.id').where('site_id', '=', siteId),
            ),
          ]),
        ]),
      )
    if (scope.programmeId !== null)
      conditions.push(eb('shift.activity_id', 'in', activitiesOfProgramme(db, scope.programmeId)))
    return eb.and(conditions)
  }
}

/** Sign-ups on the scope's shifts. */
export function scopedSignups(db: Kysely<DB>, scope: ReportScope) {
  return db.selectFrom('signup').innerJoin('shift', 'shift.id', 'signup.shift_id').where(shiftInScope(db, scope))
}

/** The scope's shifts' tallies of attendances and approved minutes (kept by triggers from their sign-ups). */
export function scopedShiftTotals(db: Kysely<DB>, scope: ReportScope) {
  return db
    .selectFrom('shift_service_total as total')
    .innerJoin('shift', 'shift.id', 'total.shift_id')
    .where(shiftInScope(db, scope))
}

export const toNumber = (value: unknown) => Number(value ?? 0)
