/** Calendar arithmetic on `YYYY-MM-DD` days (Asia/Shanghai) and ISO instants. */
import { shanghaiInstant as instantOf } from '../../app/lib/dates'

// The app's conversions go through Intl (~80 µs each) and the seed makes tens of thousands. Asia/Shanghai
// keeps one offset all day (no DST since 1991), so the app's answer for a day's midnight gives the rest.
const midnights = new Map<string, number>()

function midnightOf(day: string): number {
  let value = midnights.get(day)
  if (value === undefined) midnights.set(day, (value = Date.parse(instantOf(day, '00:00'))))
  return value
}

/** The instant of a Shanghai wall-clock time, as ISO text (app/lib/dates' answer). */
export function shanghaiInstant(day: string, time: string): string {
  const [h, m] = time.split(':').map(Number) as [number, number]
  return new Date(midnightOf(day) + (h * 60 + m) * 60_000).toISOString()
}

/** The Shanghai calendar day of an instant (app/lib/dates' answer). */
export function shanghaiDay(instant: string | Date): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime()
  const guess = new Date(t + 8 * 3_600_000).toISOString().slice(0, 10)
  if (t < midnightOf(guess)) return addDays(guess, -1)
  if (t >= midnightOf(addDays(guess, 1))) return addDays(guess, 1)
  return guess
}

const DAY_MS = 86_400_000

const added = new Map<string, string>()

export function addDays(day: string, days: number): string {
  const key = `${day}${days}`
  let value = added.get(key)
  if (value === undefined) {
    value = new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
    added.set(key, value)
  }
  return value
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
const weekdays = new Map<string, number>()

export function weekdayOf(day: string): number {
  let value = weekdays.get(day)
  if (value === undefined) {
    const d = new Date(`${day}T00:00:00Z`).getUTCDay()
    weekdays.set(day, (value = d === 0 ? 7 : d))
  }
  return value
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

/** Every day from `first` to `last`, both included. */
export function daysFrom(first: string, last: string): string[] {
  const out: string[] = []
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d)
  return out
}

export function addMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString()
}

export function minutesBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 60_000)
}

/** `HH:MM` plus minutes (same day). */
export function addToClock(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number) as [number, number]
  const total = h * 60 + m + minutes
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`
}

/** The day `years` years before `day` (29 February becomes 28 February). */
export function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-') as [string, string, string]
  const candidate = `${Number(y) - years}-${m}-${m === '02' && d === '29' ? '28' : d}`
  return candidate
}
