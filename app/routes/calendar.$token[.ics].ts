import type { LoaderFunctionArgs } from '@remix-run/node'
import { findCalendarFeedOwner, listFeedShifts } from '~/domain/shifts/calendar-feed.server'
import { shiftsToIcs } from '~/domain/signups/ics'
import { createI18n } from '~/i18n/i18n'

/** A volunteer's secret calendar feed, `/calendar/<token>.ics`: their confirmed shifts as iCalendar. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const owner = await findCalendarFeedOwner(context.db, params.token ?? '')
  if (!owner) throw new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store' } })
  const now = new Date()
  const shifts = await listFeedShifts(context.db, owner.accountId, now)
  const t = createI18n(owner.locale).t
  const body = shiftsToIcs(
    shifts.map((shift) => ({
      signupId: shift.signup_id,
      shiftId: shift.id,
      summary: [shift.title ?? t(`shift.role.${shift.role}`), shift.place_name].filter(Boolean).join(' · '),
      startsAt: shift.starts_at,
      endsAt: shift.ends_at,
      location: [shift.place_name, shift.address].filter(Boolean).join(' ') || null,
      whatToBring: shift.what_to_bring,
      notes: [shift.activity_title, shift.notes].filter(Boolean).join('\n') || null,
      cancelled: shift.status === 'cancelled',
    })),
    { calendarName: t('calendar.feed.calendarName'), appOrigin: context.env.APP_ORIGIN, locale: owner.locale },
  )
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Cache-Control': 'private, max-age=300',
      'X-Robots-Tag': 'noindex',
    },
  })
}
