import { describe, expect, it } from 'vitest'
import { computeServiceMinutes, shiftMinutes } from '~/domain/planning/attendance.server'

const shift = { starts_at: '2026-11-28T01:00:00.000Z', ends_at: '2026-11-28T04:00:00.000Z' } // 09:00–12:00 Shanghai

describe('computeServiceMinutes', () => {
  it('is the shift length', () => {
    expect(shiftMinutes(shift)).toBe(180)
  })

  it('is checked out minus checked in', () => {
    expect(
      computeServiceMinutes(
        {
          attendance: 'attended',
          checked_in_at: '2026-11-28T01:10:00.000Z',
          checked_out_at: '2026-11-28T03:40:30.000Z',
        },
        shift,
      ),
    ).toBe(150)
  })

  it('is capped at the shift length when someone stays longer', () => {
    expect(
      computeServiceMinutes(
        {
          attendance: 'attended',
          checked_in_at: '2026-11-28T00:30:00.000Z',
          checked_out_at: '2026-11-28T05:00:00.000Z',
        },
        shift,
      ),
    ).toBe(180)
  })

  it('is the shift length when attended without times, or with only a check-in', () => {
    expect(computeServiceMinutes({ attendance: 'attended', checked_in_at: null, checked_out_at: null }, shift)).toBe(
      180,
    )
    expect(
      computeServiceMinutes(
        { attendance: 'attended', checked_in_at: '2026-11-28T01:30:00.000Z', checked_out_at: null },
        shift,
      ),
    ).toBe(180)
  })

  it('is null for a no-show or an unrecorded attendance', () => {
    expect(
      computeServiceMinutes(
        {
          attendance: 'no_show',
          checked_in_at: '2026-11-28T01:00:00.000Z',
          checked_out_at: '2026-11-28T04:00:00.000Z',
        },
        shift,
      ),
    ).toBeNull()
    expect(
      computeServiceMinutes({ attendance: 'pending', checked_in_at: null, checked_out_at: null }, shift),
    ).toBeNull()
  })
})
