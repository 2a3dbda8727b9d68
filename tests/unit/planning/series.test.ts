import { describe, expect, it } from 'vitest'
import { holidayDataLastYear, isMakeUpWorkday, isoWeekday, seriesDays } from '~/domain/planning/series'

describe('seriesDays', () => {
  it('is tested only on dates the installed holiday data covers', () => {
    // chinese-days 1.5 ships the State Council notice for 2026; the 2026 cases below rely on it.
    expect(holidayDataLastYear()).toBeGreaterThanOrEqual(2026)
  })

  it('gives every Saturday in the range, in order, on the right weekday', () => {
    const { days } = seriesDays({ weekday: 6, firstDay: '2026-11-01', lastDay: '2026-11-30', skipPublicHolidays: true })
    expect(days).toEqual(['2026-11-07', '2026-11-14', '2026-11-21', '2026-11-28'])
    expect(days.every((day) => isoWeekday(day) === 6)).toBe(true)
  })

  it('includes first and last day when they fall on the weekday', () => {
    const { days } = seriesDays({ weekday: 6, firstDay: '2026-11-07', lastDay: '2026-11-28', skipPublicHolidays: true })
    expect(days[0]).toBe('2026-11-07')
    expect(days.at(-1)).toBe('2026-11-28')
  })

  it('skips 国庆 (1–7 October 2026) and 中秋 but keeps ordinary weekends', () => {
    // Thursdays: 1 October is National Day.
    const thursdays = seriesDays({
      weekday: 4,
      firstDay: '2026-09-01',
      lastDay: '2026-10-31',
      skipPublicHolidays: true,
    })
    expect(thursdays.days).not.toContain('2026-10-01')
    expect(thursdays.skipped).toEqual([{ day: '2026-10-01', reason: 'public_holiday' }])
    expect(thursdays.days).toContain('2026-10-08')
    // Saturdays: 26 September (中秋, 25–27 September) and 3 October (国庆) go; ordinary Saturdays stay.
    const saturdays = seriesDays({
      weekday: 6,
      firstDay: '2026-09-19',
      lastDay: '2026-10-17',
      skipPublicHolidays: true,
    })
    expect(saturdays.skipped.map((s) => s.day)).toEqual(['2026-09-26', '2026-10-03'])
    expect(saturdays.days).toContain('2026-09-19')
    expect(saturdays.days).toContain('2026-10-17')
    // Sundays: 27 September 2026 is 中秋 (Mid-autumn), a public holiday.
    const sundays = seriesDays({ weekday: 7, firstDay: '2026-09-20', lastDay: '2026-10-11', skipPublicHolidays: true })
    expect(sundays.skipped.map((s) => s.day)).toEqual(['2026-09-27', '2026-10-04'])
  })

  it('keeps a make-up working day (调休) that falls on the weekday', () => {
    // Saturday 10 October 2026 is worked in lieu of the National Day holiday.
    expect(isMakeUpWorkday('2026-10-10')).toBe(true)
    const { days } = seriesDays({ weekday: 6, firstDay: '2026-10-10', lastDay: '2026-10-10', skipPublicHolidays: true })
    expect(days).toEqual(['2026-10-10'])
  })

  it('skips nothing when skip_public_holidays is off', () => {
    const { days, skipped } = seriesDays({
      weekday: 4,
      firstDay: '2026-10-01',
      lastDay: '2026-10-08',
      skipPublicHolidays: false,
    })
    expect(days).toEqual(['2026-10-01', '2026-10-08'])
    expect(skipped).toEqual([])
  })

  it('lets overrides win over chinese-days both ways', () => {
    const input = { weekday: 4, firstDay: '2026-10-01', lastDay: '2026-10-15', skipPublicHolidays: true }
    const result = seriesDays(input, [
      { day: '2026-10-01', kind: 'workday' },
      { day: '2026-10-08', kind: 'holiday' },
    ])
    expect(result.days).toEqual(['2026-10-01', '2026-10-15'])
    expect(result.skipped).toEqual([{ day: '2026-10-08', reason: 'override' }])
  })

  it('flags 2027 days beyond the holiday data, and an override still applies there', () => {
    const last = holidayDataLastYear()
    const year = last + 1
    const result = seriesDays(
      { weekday: 5, firstDay: `${year}-01-01`, lastDay: `${year}-01-15`, skipPublicHolidays: true },
      [{ day: `${year}-01-08`, kind: 'holiday' }],
    )
    expect(result.skipped.map((s) => s.day)).toEqual([`${year}-01-08`])
    expect(result.uncovered).toEqual(result.days)
    expect(result.days.length).toBeGreaterThan(0)
  })

  it('returns nothing for an empty or reversed range or a bad weekday', () => {
    expect(
      seriesDays({ weekday: 6, firstDay: '2026-11-02', lastDay: '2026-11-06', skipPublicHolidays: true }).days,
    ).toEqual([])
    expect(
      seriesDays({ weekday: 6, firstDay: '2026-11-30', lastDay: '2026-11-01', skipPublicHolidays: true }).days,
    ).toEqual([])
    expect(
      seriesDays({ weekday: 0, firstDay: '2026-11-01', lastDay: '2026-11-30', skipPublicHolidays: true }).days,
    ).toEqual([])
  })
})
