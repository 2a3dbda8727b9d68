import { describe, expect, it } from 'vitest'
import { icsUid, shiftsToIcs, type IcsShift } from '~/domain/signups/ics'

const event: IcsShift = {
  signupId: 12,
  shiftId: 34,
  summary: '导读 · 丰财分馆',
  startsAt: '2026-11-28T01:00:00.000Z',
  endsAt: '2026-11-28T04:00:00.000Z',
  location: '丰财分馆, 二楼',
  whatToBring: '水杯',
  contact: '王老师 13900000000',
}

/** Unfolds RFC 5545 continuation lines. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '')

describe('shiftsToIcs', () => {
  it('writes a VCALENDAR with one VEVENT per shift: stable UID, UTC times, summary, location, link, description', () => {
    const ics = shiftsToIcs([event, { ...event, signupId: 13, shiftId: 35, cancelled: true }], {
      calendarName: '我的岗位',
      appOrigin: 'https://tongxing.example.org/',
    })
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true)
    const text = unfold(ics)
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2)
    expect(text).toContain(`UID:${icsUid(12)}`)
    expect(icsUid(12)).toBe('signup-12@tongxing')
    expect(text).toContain('DTSTART:20261128T010000Z')
    expect(text).toContain('DTEND:20261128T040000Z')
    expect(text).toContain('SUMMARY:导读 · 丰财分馆')
    expect(text).toContain('URL:https://tongxing.example.org/shifts/34')
    expect(text).toMatch(/LOCATION:丰财分馆\\, 二楼/)
    expect(text).toContain('请携带: 水杯')
    expect(text).toContain('联系人: 王老师 13900000000')
    expect(text).toContain('X-WR-CALNAME:我的岗位')
    expect(text).toContain('STATUS:CANCELLED')
    // Every line ends in CRLF, none longer than 75 octets.
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75)
  })

  it('labels the description in English on request, and writes an empty calendar for no shifts', () => {
    const text = unfold(shiftsToIcs([event], { calendarName: 'Mine', appOrigin: 'https://x.org', locale: 'en' }))
    expect(text).toContain('What to bring: 水杯')
    const empty = shiftsToIcs([], { calendarName: 'Mine', appOrigin: 'https://x.org' })
    expect(empty).toContain('BEGIN:VCALENDAR')
    expect(empty).not.toContain('BEGIN:VEVENT')
  })

  it('refuses an invalid instant', () => {
    expect(() =>
      shiftsToIcs([{ ...event, startsAt: 'soon' }], { calendarName: 'x', appOrigin: 'https://x.org' }),
    ).toThrow()
  })
})
