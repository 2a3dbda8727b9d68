/**
 * iCalendar text for shifts (RFC 5545, through the `ics` package): the
 * attachment of a confirmation mail and the personal calendar feed. Each event's
 * UID is stable per sign-up, so calendars update an event instead of adding one.
 */
import { createEvents, type EventAttributes } from 'ics'
import type { Locale } from '#db/schema'
import en from '~/i18n/locales/en/signup'
import zhCN from '~/i18n/locales/zh-CN/signup'

export interface IcsShift {
  signupId: number
  shiftId: number
  /** Already in the reader's language, e.g. `导读 · 丰财分馆`. */
  summary: string
  startsAt: string
  endsAt: string
  location?: string | null
  whatToBring?: string | null
  notes?: string | null
  /** e.g. `王老师 13900000000` */
  contact?: string | null
  /** A cancelled shift or sign-up stays in a feed as CANCELLED, so calendars remove it. */
  cancelled?: boolean
}

export interface IcsOptions {
  calendarName: string
  /** Where the app lives; each event links to `<appOrigin>/shifts/<id>`. */
  appOrigin: string
  /** Language of the description's labels; default zh-CN. */
  locale?: Locale
}

export const icsUid = (signupId: number) => `signup-${signupId}@tongxing`

const labels: Record<Locale, { whatToBring: string; contact: string; notes: string }> = {
  'zh-CN': zhCN.ics,
  en: en.ics,
}

const utc = (iso: string) => {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${iso}`)
  return ms
}

/** A VCALENDAR with one VEVENT per shift; a calendar with no events when `events` is empty. */
export function shiftsToIcs(events: readonly IcsShift[], options: IcsOptions): string {
  const l = labels[options.locale ?? 'zh-CN']
  const origin = options.appOrigin.replace(/\/+$/, '')
  const attributes: EventAttributes[] = events.map((event) => {
    const description = [
      event.whatToBring ? `${l.whatToBring}: ${event.whatToBring}` : null,
      event.contact ? `${l.contact}: ${event.contact}` : null,
      event.notes ? `${l.notes}: ${event.notes}` : null,
    ]
      .filter((line): line is string => line !== null)
      .join('\n')
    return {
      uid: icsUid(event.signupId),
      start: utc(event.startsAt),
      startInputType: 'utc',
      startOutputType: 'utc',
      end: utc(event.endsAt),
      endInputType: 'utc',
      endOutputType: 'utc',
      title: event.summary,
      ...(event.location ? { location: event.location } : {}),
      ...(description ? { description } : {}),
      url: `${origin}/shifts/${event.shiftId}`,
      status: event.cancelled ? 'CANCELLED' : 'CONFIRMED',
      busyStatus: 'BUSY',
    }
  })
  const { error, value } = createEvents(attributes, {
    productId: '-//Tongxing//Shifts//ZH',
    calName: options.calendarName,
  })
  if (error || value === null) throw error ?? new Error('could not build the calendar')
  return value
}
