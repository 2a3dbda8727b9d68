/**
 * Which records a report covers: a year (from the URL), optionally narrowed or
 * widened to a date range, a site and a programme (from the search params).
 * Anything else answers 400.
 */
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { DB } from '#db/schema'
import { badRequest, DayField, IdField, searchParams } from '~/lib/params.server'
import type { ReportScope } from './model'

export const MIN_YEAR = 2000
export const MAX_YEAR = 2100
/** A range may run over several years, but no longer than this many days. */
export const MAX_RANGE_DAYS = 3660

export function parseYear(value: string | undefined): number | null {
  if (!value || !/^[0-9]{4}$/.test(value)) return null
  const year = Number(value)
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : null
}

const optional = <T extends z.ZodTypeAny>(field: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), field.optional())

export const ScopeParams = z.object({
  from: optional(DayField),
  to: optional(DayField),
  site: optional(IdField),
  programme: optional(IdField),
})
export type ScopeInput = z.output<typeof ScopeParams>

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000

/** The scope for `year` and the parsed params, or null when the range is empty or too long. */
export function buildScope(year: number, input: ScopeInput): ReportScope | null {
  const from = input.from ?? `${year}-01-01`
  const to = input.to ?? `${year}-12-31`
  const days = dayNumber(to) - dayNumber(from)
  if (days < 0 || days > MAX_RANGE_DAYS) return null
  return { year, from, to, siteId: input.site ?? null, programmeId: input.programme ?? null }
}

/** The whole year, unfiltered: the report a closed year publishes. */
export const isWholeYear = (scope: ReportScope) =>
  scope.from === `${scope.year}-01-01` &&
  scope.to === `${scope.year}-12-31` &&
  scope.siteId === null &&
  scope.programmeId === null

export interface ReportChoices {
  sites: { id: number; name: string; kind: string }[]
  programmes: { id: number; name: string }[]
}

/** Sites and programmes to filter by. */
export async function reportChoices(db: Kysely<DB>): Promise<ReportChoices> {
  const [sites, programmes] = await Promise.all([
    db.selectFrom('site').select(['id', 'name', 'kind']).orderBy('id').execute(),
    db.selectFrom('programme').select(['id', 'name']).orderBy('id').execute(),
  ])
  return { sites, programmes }
}

/**
 * The scope a report URL asks for (`/reports/2021?from=…&site=…`): a bad
 * year, day, range or an unknown site or programme answers 400.
 */
export async function scopeFromRequest(
  db: Kysely<DB>,
  yearParam: string | undefined,
  request: Request,
): Promise<{ scope: ReportScope; choices: ReportChoices }> {
  const year = parseYear(yearParam) ?? badRequest()
  const scope = buildScope(year, searchParams(request, ScopeParams)) ?? badRequest()
  const choices = await reportChoices(db)
  if (scope.siteId !== null && !choices.sites.some((s) => s.id === scope.siteId)) badRequest()
  if (scope.programmeId !== null && !choices.programmes.some((p) => p.id === scope.programmeId)) badRequest()
  return { scope, choices }
}

/** The search string that carries a scope's filters (empty for the whole year). */
export function scopeSearch(scope: ReportScope): string {
  const params = new URLSearchParams()
  if (scope.from !== `${scope.year}-01-01`) params.set('from', scope.from)
  if (scope.to !== `${scope.year}-12-31`) params.set('to', scope.to)
  if (scope.siteId !== null) params.set('site', String(scope.siteId))
  if (scope.programmeId !== null) params.set('programme', String(scope.programmeId))
  const search = params.toString()
  return search ? `?${search}` : ''
}
