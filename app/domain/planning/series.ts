/**
 * Which days a weekly series falls on. Pure: the public-holiday calendar comes
 * from `chinese-days` (maintained, with the State Council's yearly notice), and
 * the coordinator's overrides win over it.
 *
 * The rule: every date on the series' ISO weekday from first_day to last_day.
 * When skip_public_holidays is on, a date is dropped if it is a public holiday
 * (a named statutory holiday, not an ordinary weekend): an override of kind
 * 'holiday' drops it, one of kind 'workday' keeps it, whatever the package says.
 * A make-up working day (调休, a weekend worked in lieu) is a working day and is
 * kept like any other date on the weekday; a series never adds dates off its weekday.
 */
// The package is CommonJS: Node's ESM loader (the production build) sees only its default export.
import chineseDays from 'chinese-days'
import type { DayKind } from '#db/schema'

const { getDayDetail, getHolidaysInRange } = chineseDays

export interface SeriesDaysInput {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number
  firstDay: string
  lastDay: string
  skipPublicHolidays: boolean
}

export interface HolidayOverride {
  day: string
  kind: DayKind
}

export interface SeriesDays {
  /** The days that get a shift. */
  days: string[]
  /** Days on the weekday left out, with why. */
  skipped: { day: string; reason: 'public_holiday' | 'override' }[]
  /** Days the holiday data does not cover (its data ends before them): generated, but worth a look. */
  uncovered: string[]
}

const MS_PER_DAY = 86_400_000

function toUtc(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d)
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** ISO weekday (1 = Monday) of a calendar day. */
export function isoWeekday(day: string): number {
  const weekday = new Date(toUtc(day)).getUTCDay()
  return weekday === 0 ? 7 : weekday
}

let lastCoveredYear: number | undefined
/** The last year the installed chinese-days knows holidays for. */
export function holidayDataLastYear(): number {
  if (lastCoveredYear === undefined) {
    let year = 2004
    // A year with data has named holidays on working weekdays (Spring Festival at least).
    while (getHolidaysInRange(`${year + 1}-01-01`, `${year + 1}-12-31`, false).length > 0) year++
    lastCoveredYear = year
  }
  return lastCoveredYear
}

/** A named statutory holiday on which people do not work (not an ordinary weekend, not a 调休 working day). */
export function isPublicHoliday(day: string): boolean {
  const detail = getDayDetail(day)
  return !detail.work && detail.name.includes(',')
}

/** A weekend day worked in lieu of a holiday (调休). */
export function isMakeUpWorkday(day: string): boolean {
  const weekday = isoWeekday(day)
  return weekday >= 6 && getDayDetail(day).work
}

export function seriesDays(input: SeriesDaysInput, overrides: readonly HolidayOverride[] = []): SeriesDays {
  const byDay = new Map(overrides.map((o) => [o.day, o.kind]))
  const result: SeriesDays = { days: [], skipped: [], uncovered: [] }
  const first = toUtc(input.firstDay)
  const last = toUtc(input.lastDay)
  if (!(input.weekday >= 1 && input.weekday <= 7) || last < first) return result
  const offset = (input.weekday - isoWeekday(input.firstDay) + 7) % 7
  const lastYear = holidayDataLastYear()
  for (let ms = first + offset * MS_PER_DAY; ms <= last; ms += 7 * MS_PER_DAY) {
    const day = fromUtc(ms)
    const override = byDay.get(day)
    if (input.skipPublicHolidays) {
      if (override === 'holiday') {
        result.skipped.push({ day, reason: 'override' })
        continue
      }
      if (override === undefined && isPublicHoliday(day)) {
        result.skipped.push({ day, reason: 'public_holiday' })
        continue
      }
      if (override === undefined && Number(day.slice(0, 4)) > lastYear) result.uncovered.push(day)
    }
    result.days.push(day)
  }
  return result
}
