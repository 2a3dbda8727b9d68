/**
 * Activities section: sessions (场/次, one per counted activity) and
 * attendances (人次, the participant counts recorded afterwards), in total and
 * by type, mode, theme, campaign, month, site and programme. The total is its
 * own count, never the sum of a breakdown.
 */
import { sql, type Kysely } from 'kysely'
import { monthOf } from '#db/dialect'
import { ACTIVITY_MODES, ACTIVITY_THEMES, ACTIVITY_TYPES, CAMPAIGNS, type DB } from '#db/schema'
import type { ReportScope, Row, Section } from './model'
import { countedActivities, toNumber } from './query.server'

const measures = ['sessions', 'attendances'] as const

function aggregates(db: Kysely<DB>, scope: ReportScope) {
  return countedActivities(db, scope).select((eb) => [
    eb.fn.countAll<number>().as('sessions'),
    eb.fn.coalesce(eb.fn.sum<number>('activity.participant_count'), sql<number>`0`).as('attendances'),
  ])
}

type Counted = { sessions: unknown; attendances: unknown }
const values = (row: Counted | undefined) => [toNumber(row?.sessions), toNumber(row?.attendances)]

/** Rows for a fixed list of values, zeros included, with an extra row for records without one. */
function fixedRows<V extends string>(
  list: readonly V[],
  prefix: string,
  rows: (Counted & { value: V | null })[],
  withNone: boolean,
): Row[] {
  const byValue = new Map(rows.map((r) => [r.value, r]))
  const out: Row[] = list.map((value) => ({ label: { key: `${prefix}.${value}` }, values: values(byValue.get(value)) }))
  if (withNone) out.push({ label: { key: 'reports.label.none' }, values: values(byValue.get(null)) })
  return out
}

/** Every month of the scope, `YYYY-MM`, in order. */
export function monthsOf(scope: ReportScope): string[] {
  const months: string[] = []
  let [y, m] = scope.from.slice(0, 7).split('-').map(Number) as [number, number]
  const last = scope.to.slice(0, 7)
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`
    months.push(month)
    if (month >= last) return months
    m = m === 12 ? 1 : m + 1
    if (m === 1) y++
  }
}

/** Sessions and attendances of the scope, counted on their own. */
export async function activityTotals(db: Kysely<DB>, scope: ReportScope) {
  const [sessions, attendances] = values(await aggregates(db, scope).executeTakeFirst()) as [number, number]
  return { sessions, attendances }
}

export async function activitiesSection(db: Kysely<DB>, scope: ReportScope): Promise<Section> {
  const [total, types, modes, themes, campaigns, months, sites, programmes] = await Promise.all([
    activityTotals(db, scope),
    aggregates(db, scope).select('activity.type as value').groupBy('activity.type').execute(),
    aggregates(db, scope).select('activity.mode as value').groupBy('activity.mode').execute(),
    aggregates(db, scope).select('activity.theme as value').groupBy('activity.theme').execute(),
    aggregates(db, scope).select('activity.campaign as value').groupBy('activity.campaign').execute(),
    aggregates(db, scope)
      .select(monthOf(db, 'activity.starts_at').as('value'))
      .groupBy(monthOf(db, 'activity.starts_at'))
      .execute(),
    aggregates(db, scope)
      .leftJoin('site', 'site.id', 'activity.site_id')
      .select(['site.id as id', 'site.name as name', 'site.kind as kind'])
      .groupBy(['site.id', 'site.name', 'site.kind'])
      .execute(),
    aggregates(db, scope)
      .leftJoin('programme', 'programme.id', 'activity.programme_id')
      .select(['programme.id as id', 'programme.name as name'])
      .groupBy(['programme.id', 'programme.name'])
      .execute(),
  ])
  const byMonth = new Map(months.map((r) => [r.value, r]))
  const siteOrder = ['main_library', 'branch', 'book_room', 'reading_point']
  const named = <R extends Counted & { id: number | null; name: string | null }>(
    rows: R[],
    sort: (a: R, b: R) => number,
  ) =>
    [...rows].sort(sort).map((r): Row => ({
      label: r.name === null ? { key: 'reports.label.noSite' } : { text: r.name },
      values: values(r),
    }))
  return {
    id: 'activities',
    figures: [
      { id: 'sessions', value: total.sessions },
      { id: 'attendances', value: total.attendances },
    ],
    tables: [
      { id: 'byType', measures: [...measures], rows: fixedRows(ACTIVITY_TYPES, 'activity.type', types, false) },
      { id: 'byMode', measures: [...measures], rows: fixedRows(ACTIVITY_MODES, 'reports.mode', modes, false) },
      { id: 'byTheme', measures: [...measures], rows: fixedRows(ACTIVITY_THEMES, 'reports.theme', themes, true) },
      {
        id: 'byCampaign',
        measures: [...measures],
        rows: fixedRows(CAMPAIGNS, 'reports.campaign', campaigns, true),
      },
      {
        id: 'byMonth',
        measures: [...measures],
        rows: monthsOf(scope).map((month) => ({ label: { month }, values: values(byMonth.get(month)) })),
      },
      {
        id: 'bySite',
        measures: [...measures],
        rows: named(sites, (a, b) => {
          if (a.id === null || b.id === null) return a.id === null ? 1 : -1
          return siteOrder.indexOf(a.kind!) - siteOrder.indexOf(b.kind!) || a.id - b.id
        }),
      },
      {
        id: 'byProgramme',
        measures: [...measures],
        rows: named(programmes, (a, b) => (a.id === null ? 1 : b.id === null ? -1 : a.id - b.id)).map((r) =>
          'key' in r.label ? { ...r, label: { key: 'reports.label.noProgramme' } } : r,
        ),
      },
    ],
  }
}
