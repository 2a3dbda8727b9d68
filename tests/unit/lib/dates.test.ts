import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatDay, formatDayWithYear, formatTime, formatTimeRange, shanghaiDay, shanghaiInstant } from '~/lib/dates'

describe('dates in Asia/Shanghai', () => {
  // A process far from Shanghai must still show Shanghai times.
  const originalZone = process.env.TZ
  beforeAll(() => {
    process.env.TZ = 'America/Los_Angeles'
  })
  afterAll(() => {
    process.env.TZ = originalZone
  })

  it('turns a Shanghai wall-clock time into the UTC instant', () => {
    expect(shanghaiInstant('2021-04-23', '09:00')).toBe('2021-04-23T01:00:00.000Z')
    expect(shanghaiInstant('2021-01-01', '00:00')).toBe('2020-12-31T16:00:00.000Z')
  })

  it('finds the Shanghai day of an instant late in the UTC evening', () => {
    expect(shanghaiDay('2021-01-31T16:30:00.000Z')).toBe('2021-02-01')
  })

  it('formats a shift in Chinese and English whatever the process zone', () => {
    const start = shanghaiInstant('2026-11-28', '09:00')
    const end = shanghaiInstant('2026-11-28', '12:00')
    expect(formatTimeRange(start, end, 'zh-CN')).toBe('11月28日 周六 09:00–12:00')
    expect(formatTimeRange(start, end, 'en')).toBe('Sat 28 Nov 09:00–12:00')
    expect(formatDayWithYear(start, 'zh-CN')).toBe('2026年11月28日')
  })

  it('agrees with the time-zone database for every hour-ish of 2000–2100 (Shanghai keeps UTC+8)', () => {
    const zoned = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
    const start = Date.UTC(2000, 0, 1)
    const end = Date.UTC(2100, 0, 1)
    // A step that is not a whole number of hours walks through every time of day.
    for (let ms = start; ms < end; ms += 7_919_000 * 13) {
      const instant = new Date(ms).toISOString()
      const parts = Object.fromEntries(zoned.formatToParts(new Date(ms)).map((p) => [p.type, p.value]))
      const day = `${parts.year}-${parts.month}-${parts.day}`
      const time = `${parts.hour}:${parts.minute}`
      expect(shanghaiDay(instant), instant).toBe(day)
      expect(formatTime(instant), instant).toBe(time)
      expect(shanghaiInstant(day, time), instant).toBe(new Date(ms - (ms % 60_000)).toISOString())
    }
  })

  it('labels a day the same from any instant of it, in each language', () => {
    expect(formatDay(shanghaiInstant('2026-11-28', '00:00'), 'zh-CN')).toBe('11月28日 周六')
    expect(formatDay(shanghaiInstant('2026-11-28', '23:59'), 'zh-CN')).toBe('11月28日 周六')
    expect(formatDay(shanghaiInstant('2026-11-28', '23:59'), 'en')).toBe('Sat 28 Nov')
    expect(formatDay(shanghaiInstant('2026-11-29', '00:00'), 'zh-CN')).toBe('11月29日 周日')
  })

  it('shows both days when a range crosses midnight', () => {
    const range = formatTimeRange(shanghaiInstant('2026-12-31', '20:00'), shanghaiInstant('2027-01-01', '01:00'), 'en')
    expect(range).toBe('Thu 31 Dec 20:00 – Fri 1 Jan 01:00')
  })
})
