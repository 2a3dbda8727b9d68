import { describe, expect, it } from 'vitest'
import { CHECK_IN_BUCKET_MS, checkInCode, isValidCheckInCode } from '~/domain/planning/attendance.server'

// 09:00–12:00 Shanghai on 28 November 2026; 01:00Z is on a ten-minute boundary.
const shift = {
  id: 42,
  starts_at: '2026-11-28T01:00:00.000Z',
  ends_at: '2026-11-28T04:00:00.000Z',
  check_in_secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I',
}
const at = (iso: string) => new Date(iso)
const minutes = (n: number) => n * 60_000

describe('check-in codes', () => {
  it('are six digits, stable within a ten-minute bucket and different in the next', () => {
    const a = checkInCode(shift, at('2026-11-28T01:00:00.000Z'))!
    expect(a).toMatch(/^\d{6}$/)
    expect(checkInCode(shift, at('2026-11-28T01:09:59.000Z'))).toBe(a)
    expect(checkInCode(shift, at('2026-11-28T01:10:00.000Z'))).not.toBe(a)
  })

  it('depend on the shift and its secret', () => {
    const now = at('2026-11-28T01:05:00.000Z')
    const code = checkInCode(shift, now)
    expect(checkInCode({ ...shift, id: 43 }, now)).not.toBe(code)
    expect(checkInCode({ ...shift, check_in_secret: 'another-secret' }, now)).not.toBe(code)
    expect(checkInCode({ ...shift, check_in_secret: null }, now)).toBeNull()
  })

  it('accept the current and the previous bucket only', () => {
    const shown = at('2026-11-28T01:05:00.000Z')
    const code = checkInCode(shift, shown)!
    expect(isValidCheckInCode(shift, code, shown)).toBe(true)
    expect(isValidCheckInCode(shift, code, new Date(shown.getTime() + CHECK_IN_BUCKET_MS))).toBe(true)
    // A photo taken twenty minutes earlier no longer works.
    expect(isValidCheckInCode(shift, code, new Date(shown.getTime() + 2 * CHECK_IN_BUCKET_MS))).toBe(false)
    expect(isValidCheckInCode(shift, '000000', shown)).toBe(code === '000000')
    expect(isValidCheckInCode(shift, 'abcdef', shown)).toBe(false)
  })

  it('exist only from 30 minutes before the start to 30 minutes after the end', () => {
    const start = Date.parse(shift.starts_at)
    const end = Date.parse(shift.ends_at)
    expect(checkInCode(shift, new Date(start - minutes(31)))).toBeNull()
    expect(checkInCode(shift, new Date(start - minutes(30)))).not.toBeNull()
    expect(checkInCode(shift, new Date(end + minutes(30)))).not.toBeNull()
    expect(checkInCode(shift, new Date(end + minutes(31)))).toBeNull()
    // The last code shown stops working once the window closes.
    const last = checkInCode(shift, new Date(end + minutes(25)))!
    expect(isValidCheckInCode(shift, last, new Date(end + minutes(29)))).toBe(true)
    expect(isValidCheckInCode(shift, last, new Date(end + minutes(31)))).toBe(false)
  })
})
