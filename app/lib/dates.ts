/**
 * Dates as the library reads them: always in Asia/Shanghai, whatever the server's
 * or the browser's zone, so the server's HTML and the hydrated page agree.
 */
import { TZDate } from '@date-fns/tz'
import { format, isSameDay } from 'date-fns'
import { enUS, zhCN } from 'date-fns/locale'
import type { Locale } from '#db/schema'

export const TIME_ZONE = 'Asia/Shanghai'

const patterns = {
  'zh-CN': { day: 'M月d日 EEE', dayWithYear: 'yyyy年M月d日', time: 'HH:mm' },
  en: { day: 'EEE d MMM', dayWithYear: 'd MMM yyyy', time: 'HH:mm' },
} as const

const dateLocales = { 'zh-CN': zhCN, en: enUS } as const

export function inShanghai(instant: string | Date): TZDate {
  return new TZDate(new Date(instant).getTime(), TIME_ZONE)
}

/** Day labels drawn so far, by locale and Shanghai day: a city's month page draws the same few dozen on every view. */
const dayLabels = new Map<string, string>()
const DAY_LABELS_MAX = 2_000

export function formatDay(instant: string, locale: Locale): string {
  const key = `${locale}|${shanghaiDay(instant)}`
  let label = dayLabels.get(key)
  if (label === undefined) {
    label = format(inShanghai(instant), patterns[locale].day, { locale: dateLocales[locale] })
    if (dayLabels.size >= DAY_LABELS_MAX) dayLabels.clear()
    dayLabels.set(key, label)
  }
  return label
}

export function formatDayWithYear(instant: string, locale: Locale): string {
  return format(inShanghai(instant), patterns[locale].dayWithYear, { locale: dateLocales[locale] })
}

/** `09:00` in Shanghai (UTC+8 all year, see shanghaiDay). */
export function formatTime(instant: string): string {
  return new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString().slice(11, 16)
}

/** `11月28日 周六 09:00–12:00`, or both days when the range crosses midnight. */
export function formatTimeRange(startsAt: string, endsAt: string, locale: Locale): string {
  const start = inShanghai(startsAt)
  const end = inShanghai(endsAt)
  const p = patterns[locale]
  const options = { locale: dateLocales[locale] }
  const head = `${format(start, p.day, options)} ${format(start, p.time)}`
  return isSameDay(start, end)
    ? `${head}–${format(end, p.time)}`
    : `${head} – ${format(end, p.day, options)} ${format(end, p.time)}`
}

/** The instant of a Shanghai wall-clock time, as ISO text (UTC+8 all year, see shanghaiDay). */
export function shanghaiInstant(day: string, time: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  const [hours, minutes] = time.split(':').map(Number) as [number, number]
  return new Date(Date.UTC(year, month - 1, date, hours - 8, minutes)).toISOString()
}

/**
 * The Shanghai calendar day `YYYY-MM-DD` of an instant. Shanghai has kept UTC+8
 * all year since 1991 (before every date this app holds), so it is plain
 * arithmetic: thirty times cheaper than a zoned format, which counts when a
 * month's shifts are sorted into days.
 */
export function shanghaiDay(instant: string | Date): string {
  return new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** Calendar-day arithmetic on `YYYY-MM-DD` (plain dates: no zone involved). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}
