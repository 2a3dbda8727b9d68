/**
 * The year-end report: built from the records, or — once an admin has closed
 * the year — served from the snapshot stored at closing, so later edits and the
 * yearly anonymisation never change a published number.
 */
import type { Kysely } from 'kysely'
import { dataVersion, writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import { recordAudit } from '~/domain/audit/audit.server'
import { DomainError, forbidden } from '~/domain/errors'
import { isAdmin, isStaff } from '~/domain/policy'
import { activitiesSection } from './activities.server'
import { listEnteredFigures } from './entered.server'
import { diffReports, wholeYear, type Change, type Report, type ReportScope } from './model'
import { outreachSection } from './outreach.server'
import { partnersSection } from './partners.server'
import { isWholeYear } from './scope.server'
import { volunteersSection } from './volunteers.server'

/** The report computed from the live records. */
export async function buildReport(db: Kysely<DB>, scope: ReportScope, now: Date): Promise<Report> {
  const [activities, outreach, volunteers, partners, entered] = await Promise.all([
    activitiesSection(db, scope),
    outreachSection(db, scope),
    volunteersSection(db, scope),
    partnersSection(db, scope),
    listEnteredFigures(db, scope.year),
  ])
  return {
    version: 1,
    scope,
    generatedAt: now.toISOString(),
    sections: [activities, outreach, volunteers, partners],
    entered,
  }
}

/**
 * Live reports already built, per database, for the data version they were
 * built at (db/dialect.ts dataVersion, read before the queries run). A report's
 * figures depend only on the records and its scope, so one built at the same
 * version is the one a fresh build would give: any write since, anywhere in
 * the database, changes the version and the next view builds anew. Frozen, as
 * every caller shares it. Kept a minute at most: a report also reads the clock
 * (an open year runs to today), and on some databases a commit becomes visible a
 * moment after it moves the WAL position the version is read from.
 */
const built = new WeakMap<Kysely<DB>, { version: string; reports: Map<string, { report: Report; at: number }> }>()
const BUILT_MAX = 32
const BUILT_FOR_MS = 60_000

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}

/** buildReport, or the same report built earlier at the same data version. */
export async function liveReport(db: Kysely<DB>, scope: ReportScope, now: Date): Promise<Report> {
  const version = await dataVersion(db)
  if (version === null) return buildReport(db, scope, now)
  let cache = built.get(db)
  if (cache?.version !== version) built.set(db, (cache = { version, reports: new Map() }))
  const key = JSON.stringify(scope)
  const hit = cache.reports.get(key)
  if (hit && Math.abs(now.getTime() - hit.at) < BUILT_FOR_MS) return { ...hit.report, generatedAt: now.toISOString() }
  const report = deepFreeze(await buildReport(db, scope, now))
  cache.reports.delete(key)
  if (cache.reports.size >= BUILT_MAX) cache.reports.delete(cache.reports.keys().next().value!)
  cache.reports.set(key, { report, at: now.getTime() })
  return report
}

export interface Closing {
  closedAt: string
  closedBy: string | null
}

export interface ServedReport {
  report: Report
  /** Set when the year is closed. */
  closing: Closing | null
  /** True when the report shown is the stored snapshot (a closed year, unfiltered). */
  fromSnapshot: boolean
  /** For a closed year: what the live data says differently now. */
  changes: Change[]
}

async function findSnapshot(db: Kysely<DB>, year: number) {
  return db
    .selectFrom('report_snapshot as s')
    .leftJoin('account as a', 'a.id', 's.closed_by')
    .select(['s.report', 's.closed_at', 'a.name'])
    .where('s.year', '=', year)
    .executeTakeFirst()
}

/** The report staff see for a scope: the snapshot for a closed year's whole-year view, else live. */
export async function serveReport(
  db: Kysely<DB>,
  actor: Actor,
  scope: ReportScope,
  now: Date,
  options: { withChanges?: boolean } = {},
): Promise<ServedReport> {
  if (!isStaff(actor)) throw forbidden()
  const snapshot = await findSnapshot(db, scope.year)
  const closing = snapshot ? { closedAt: new Date(snapshot.closed_at).toISOString(), closedBy: snapshot.name } : null
  if (!snapshot || !isWholeYear(scope))
    return { report: await liveReport(db, scope, now), closing, fromSnapshot: false, changes: [] }
  const report = JSON.parse(snapshot.report) as Report
  const changes = options.withChanges ? diffReports(report, await liveReport(db, scope, now)) : []
  return { report, closing, fromSnapshot: true, changes }
}

/** Closes a year: stores its whole-year report as published. Admins only. */
export async function closeYear(db: Kysely<DB>, actor: Actor, year: number, now: Date, ip?: string): Promise<void> {
  if (!isAdmin(actor)) throw forbidden()
  await writeTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('report_snapshot').select('year').where('year', '=', year).executeTakeFirst()
    if (existing) throw new DomainError('conflict', 'reports.closed.already')
    const report = await buildReport(trx, wholeYear(year), now)
    await trx
      .insertInto('report_snapshot')
      .values({ year, report: JSON.stringify(report), closed_by: actor.accountId, closed_at: now.toISOString() })
      .execute()
    await recordAudit(
      trx,
      { actorId: actor.accountId, action: 'report_closed', subjectType: 'report', subjectId: year, ip },
      now,
    )
  })
}

/** Reopens a closed year (the snapshot is dropped), with the reason in the audit log. Admins only. */
export async function reopenYear(
  db: Kysely<DB>,
  actor: Actor,
  year: number,
  reason: string,
  now: Date,
  ip?: string,
): Promise<void> {
  if (!isAdmin(actor)) throw forbidden()
  await writeTransaction(db, async (trx) => {
    const snapshot = await trx
      .selectFrom('report_snapshot')
      .select(['closed_at'])
      .where('year', '=', year)
      .executeTakeFirst()
    if (!snapshot) throw new DomainError('conflict', 'reports.closed.notClosed')
    await trx.deleteFrom('report_snapshot').where('year', '=', year).execute()
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'report_reopened',
        subjectType: 'report',
        subjectId: year,
        details: { reason, closedAt: new Date(snapshot.closed_at).toISOString() },
        ip,
      },
      now,
    )
  })
}

/** Years to offer on /reports: those with records, the closed ones, and this year. */
export async function reportYears(db: Kysely<DB>, now: Date): Promise<{ year: number; closed: boolean }[]> {
  const [first, closed] = await Promise.all([
    db
      .selectFrom('activity')
      .select((eb) => eb.fn.min('starts_at').as('first'))
      .executeTakeFirst(),
    db.selectFrom('report_snapshot').select('year').execute(),
  ])
  const thisYear = Number(new Date(now.getTime() + 8 * 3600_000).getUTCFullYear())
  const firstYear = first?.first ? new Date(new Date(first.first).getTime() + 8 * 3600_000).getUTCFullYear() : thisYear
  const closedYears = new Set(closed.map((c) => Number(c.year)))
  const years: { year: number; closed: boolean }[] = []
  for (let y = thisYear; y >= Math.min(firstYear, thisYear); y--) years.push({ year: y, closed: closedYears.has(y) })
  return years
}

/** The report an export serves: the same as the page for the same URL. */
export async function reportForExport(db: Kysely<DB>, actor: Actor, scope: ReportScope, now: Date): Promise<Report> {
  return (await serveReport(db, actor, scope, now)).report
}
