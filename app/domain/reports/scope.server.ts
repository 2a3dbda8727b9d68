/**
 * Which records a report covers: a year (from the URL), optionally narrowed or
 * widened to a date range, a site and a programme (from the search params).
 * Anything else answers 400.
 */
import { z } from 'zod'
import { DayField, IdField } from '~/lib/params.server'
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

/** The day after `day`, for half-open ranges. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
}
