import { describe, expect, it } from 'vitest'
import { nthWeekdayOfMonth, recurrenceDays } from '~/domain/activities/recurrence'
import { activityTimes, CorrectOutcomeForm, NewActivityForm, OutcomeForm, servedOf } from '~/domain/activities/schema'

const weekly = { recurrence: 'weekly' as const, weekOfMonth: null, skipPublicHolidays: true }

describe('recurring activities', () => {
  it('skips 国庆 2026 in a weekly series and keeps the make-up working Saturday', () => {
    const plan = recurrenceDays({ ...weekly, weekday: 6, firstDay: '2026-09-19', lastDay: '2026-10-17' })
    expect(plan.days).toEqual(['2026-09-19', '2026-10-10', '2026-10-17'])
    expect(plan.skipped.map((s) => s.day)).toEqual(['2026-09-26', '2026-10-03'])
  })

  it('keeps holidays when told not to skip them, and lets an override keep one', () => {
    const all = recurrenceDays({
      ...weekly,
      skipPublicHolidays: false,
      weekday: 4,
      firstDay: '2026-09-24',
      lastDay: '2026-10-08',
    })
    expect(all.days).toEqual(['2026-09-24', '2026-10-01', '2026-10-08'])
    const overridden = recurrenceDays({ ...weekly, weekday: 4, firstDay: '2026-09-24', lastDay: '2026-10-08' }, [
      { day: '2026-10-01', kind: 'workday' },
    ])
    expect(overridden.days).toEqual(['2026-09-24', '2026-10-01', '2026-10-08'])
  })

  it('finds the nth and the last weekday of a month', () => {
    expect(nthWeekdayOfMonth(2026, 10, 4, 1)).toBe('2026-10-01')
    expect(nthWeekdayOfMonth(2026, 10, 2, 2)).toBe('2026-10-13')
    expect(nthWeekdayOfMonth(2026, 10, 6, 5)).toBe('2026-10-31')
    expect(nthWeekdayOfMonth(2026, 2, 1, 5)).toBe('2026-02-23')
  })

  it('repeats monthly on the nth weekday, skipping a holiday and staying inside the range', () => {
    const plan = recurrenceDays({
      recurrence: 'monthly',
      weekday: 4,
      weekOfMonth: 1,
      firstDay: '2026-09-10',
      lastDay: '2027-01-06',
      skipPublicHolidays: true,
    })
    // September's first Thursday (09-03) is before the range; 10-01 is 国庆; 2027-01-07 is after it.
    expect(plan.days).toEqual(['2026-11-05', '2026-12-03'])
    expect(plan.skipped).toEqual([{ day: '2026-10-01', reason: 'public_holiday' }])
  })

  it('gives nothing for a reversed range', () => {
    expect(recurrenceDays({ ...weekly, weekday: 1, firstDay: '2026-10-10', lastDay: '2026-10-01' }).days).toEqual([])
  })
})

describe('activity and outcome forms', () => {
  const base = {
    title: '讲座',
    type: 'lecture',
    mode: 'offline',
    siteId: '3',
    startDay: '2026-10-12',
    startTime: '09:00',
    endTime: '10:30',
  }

  it('reads Shanghai wall-clock times and needs the end after the start', () => {
    expect(activityTimes({ startDay: '2026-10-12', startTime: '09:00', endDay: null, endTime: '10:30' })).toEqual({
      startsAt: '2026-10-12T01:00:00.000Z',
      endsAt: '2026-10-12T02:30:00.000Z',
    })
    expect(NewActivityForm.safeParse(base).success).toBe(true)
    const reversed = NewActivityForm.safeParse({ ...base, endTime: '08:00' })
    expect(reversed.success).toBe(false)
    expect(reversed.error?.issues[0]?.message).toBe('activities.form.endBeforeStart')
    // An exhibition may end on a later day at an earlier hour.
    expect(NewActivityForm.safeParse({ ...base, endDay: '2026-10-20', endTime: '08:00' }).success).toBe(true)
  })

  it('needs a place for an in-person activity, and only one', () => {
    expect(NewActivityForm.safeParse({ ...base, siteId: undefined }).success).toBe(false)
    expect(NewActivityForm.safeParse({ ...base, siteId: undefined, mode: 'online' }).success).toBe(true)
    expect(NewActivityForm.safeParse({ ...base, partnerId: '4' }).success).toBe(false)
  })

  it('accepts counts from 0 to 100000 only, as plain digits', () => {
    for (const ok of ['0', '36', '100000'])
      expect(OutcomeForm.safeParse({ participantCount: ok }).success, ok).toBe(true)
    for (const bad of ['-1', '100001', '1e3', '2.5', ' ', 'abc', '0x10']) {
      expect(OutcomeForm.safeParse({ participantCount: bad }).success, bad).toBe(false)
    }
    expect(OutcomeForm.safeParse({ participantCount: '3', served_elderly: '-2' }).success).toBe(false)
  })

  it('keeps the groups served with a count and never more than the groups', () => {
    const parsed = OutcomeForm.parse({ participantCount: '40', served_elderly: '30', served_children: '0', extra: 'x' })
    expect(servedOf(parsed)).toEqual([{ group: 'elderly', count: 30 }])
    expect(parsed).not.toHaveProperty('extra')
  })

  it('needs a reason to correct an outcome', () => {
    expect(CorrectOutcomeForm.safeParse({ participantCount: '3' }).success).toBe(false)
    expect(CorrectOutcomeForm.safeParse({ participantCount: '3', reason: '漏计' }).success).toBe(true)
  })
})
