/**
 * The days a recurring activity falls on. Weekly: exactly the shift series' rule
 * (planning/series.ts: the weekday from the first to the last day, public holidays
 * skipped unless overridden, a 调休 make-up working day on that weekday kept).
 * Monthly: the nth weekday of each month (5 = the last one), with the same
 * holiday rule. Pure.
 */
import type { Recurrence } from '#db/schema'
import {
  holidayDataLastYear,
  isoWeekday,
  isPublicHoliday,
  seriesDays,
  type HolidayOverride,
  type SeriesDays,
} from '~/domain/planning/series'

export interface RecurrenceInput {
  recurrence: Recurrence
  /** ISO weekday, 1 = Monday. */
  weekday: number
  /** Monthly only: 1–4, or 5 for the last such weekday of the month. */
  weekOfMonth: number | null
  firstDay: string
  lastDay: string
  skipPublicHolidays: boolean
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The nth (1–4) or last (5) `weekday` of a month, as `YYYY-MM-DD`. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, nth: number): string {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const firstWeekday = isoWeekday(`${year}-${pad(month)}-01`)
  const first = 1 + ((weekday - firstWeekday + 7) % 7)
  let date = first + (Math.min(nth, 5) - 1) * 7
  while (date > daysInMonth) date -= 7
  return `${year}-${pad(month)}-${pad(date)}`
}

function monthlyDays(input: RecurrenceInput, overrides: readonly HolidayOverride[]): SeriesDays {
  const byDay = new Map(overrides.map((o) => [o.day, o.kind]))
  const result: SeriesDays = { days: [], skipped: [], uncovered: [] }
  const nth = input.weekOfMonth ?? 1
  let year = Number(input.firstDay.slice(0, 4))
  let month = Number(input.firstDay.slice(5, 7))
  const lastYear = holidayDataLastYear()
  while (`${year}-${pad(month)}` <= input.lastDay.slice(0, 7)) {
    const day = nthWeekdayOfMonth(year, month, input.weekday, nth)
    if (day >= input.firstDay && day <= input.lastDay) {
      const override = byDay.get(day)
      if (input.skipPublicHolidays && override === 'holiday') result.skipped.push({ day, reason: 'override' })
      else if (input.skipPublicHolidays && override === undefined && isPublicHoliday(day)) {
        result.skipped.push({ day, reason: 'public_holiday' })
      } else {
        if (input.skipPublicHolidays && override === undefined && year > lastYear) result.uncovered.push(day)
        result.days.push(day)
      }
    }
    month += 1
    if (month > 12) {
      month = 1
      year += 1
    }
  }
  return result
}

export function recurrenceDays(input: RecurrenceInput, overrides: readonly HolidayOverride[] = []): SeriesDays {
  if (!(input.weekday >= 1 && input.weekday <= 7) || input.lastDay < input.firstDay) {
    return { days: [], skipped: [], uncovered: [] }
  }
  if (input.recurrence === 'weekly') return seriesDays(input, overrides)
  return monthlyDays(input, overrides)
}
