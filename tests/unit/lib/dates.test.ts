import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatDayWithYear, formatTimeRange, shanghaiDay, shanghaiInstant } from '~/lib/dates'

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

  it('shows both days when a range crosses midnight', () => {
    const range = formatTimeRange(shanghaiInstant('2026-12-31', '20:00'), shanghaiInstant('2027-01-01', '01:00'), 'en')
    expect(range).toBe('Thu 31 Dec 20:00 – Fri 1 Jan 01:00')
  })
})
