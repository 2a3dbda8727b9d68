import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '#db/schema'
import { requireActor } from '~/auth/require.server'
import { Notice } from '~/components/form'
import { MeNav } from '~/components/me-nav'
import { getCalendarFeedCreatedAt, rotateCalendarFeed } from '~/domain/shifts/calendar-feed.server'
import { listMyShifts, type MyShift } from '~/domain/signups/my-shifts.server'
import { pageTitle } from '~/i18n/meta'
import { formatDayWithYear, formatTimeRange } from '~/lib/dates'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'calendar.mine.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context)
  const now = new Date()
  const [shifts, feedCreatedAt] = await Promise.all([
    listMyShifts(context.db, actor, now),
    getCalendarFeedCreatedAt(context.db, actor),
  ])
  return { ...shifts, feedCreatedAt }
}

/** Creates or replaces the secret feed URL; the token is in this one response and nowhere else. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context)
  const token = await rotateCalendarFeed(context.db, actor, new Date())
  const url = `${context.env.APP_ORIGIN.replace(/\/+$/, '')}/calendar/${token}.ics`
  return { feedUrl: url }
}

const hoursOf = (minutes: number | null) => (minutes === null ? null : Math.round((minutes / 60) * 10) / 10)

export default function MyShifts() {
  const { upcoming, past, availableOffers, feedCreatedAt } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  const approvedHours = hoursOf(
    past.filter((s) => s.hoursStatus === 'approved').reduce((sum, s) => sum + (s.serviceMinutes ?? 0), 0),
  )
  return (
    <div className="space-y-8">
      <MeNav />
      <h1 className="text-2xl font-bold text-brand-800">{t('calendar.mine.title')}</h1>

      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading" className="text-xl font-semibold">
          {t('calendar.mine.upcoming')}
        </h2>
        {upcoming.length === 0 ? (
          <p className="mt-3 text-stone-600">
            {t('calendar.mine.noUpcoming')}{' '}
            <Link to="/shifts" className="text-brand-700 underline">
              {t('calendar.mine.findShifts')}
            </Link>
          </p>
        ) : (
          <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {upcoming.map((shift) => (
              <ShiftItem key={shift.signupId} shift={shift} locale={locale}>
                <span className="rounded bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800">
                  {shift.shiftStatus === 'cancelled'
                    ? t('calendar.cancelled')
                    : shift.status === 'confirmed'
                      ? t('signup.status.confirmed')
                      : t('signup.status.waitlisted', { position: shift.waitlistRank ?? '' })}
                </span>
                {shift.openOfferId ? (
                  <span className="rounded bg-amber-50 px-2 py-0.5 text-xs text-amber-900">
                    {t('calendar.mine.offerOpen')}
                  </span>
                ) : null}
              </ShiftItem>
            ))}
          </ul>
        )}
      </section>

      {availableOffers.length > 0 ? (
        <section aria-labelledby="offers-heading">
          <h2 id="offers-heading" className="text-xl font-semibold">
            {t('calendar.detail.offersHeading')}
          </h2>
          <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {availableOffers.map((offer) => (
              <li key={offer.offerId} className="px-4 py-3">
                <Link to={`/shifts/${offer.shiftId}`} className="font-medium text-brand-800 underline">
                  {[t(`shift.role.${offer.role}`), offer.placeName].filter(Boolean).join(' · ')}
                </Link>
                <p className="text-sm text-stone-600">{formatTimeRange(offer.startsAt, offer.endsAt, locale)}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="past-heading">
        <h2 id="past-heading" className="text-xl font-semibold">
          {t('calendar.mine.past')}
        </h2>
        {approvedHours ? (
          <p className="mt-1 text-sm text-stone-700">{t('calendar.mine.totalApproved', { hours: approvedHours })}</p>
        ) : null}
        {past.length === 0 ? (
          <p className="mt-3 text-stone-600">{t('calendar.mine.noPast')}</p>
        ) : (
          <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {past.map((shift) => (
              <ShiftItem key={shift.signupId} shift={shift} locale={locale}>
                {shift.attendance === 'no_show' ? (
                  <span className="rounded bg-red-50 px-2 py-0.5 text-xs text-red-800">
                    {t('calendar.mine.noShow')}
                  </span>
                ) : (
                  <>
                    {shift.serviceMinutes !== null ? (
                      <span className="text-sm">
                        {t('calendar.mine.hours', { hours: hoursOf(shift.serviceMinutes) })}
                      </span>
                    ) : null}
                    <span className="rounded bg-stone-100 px-2 py-0.5 text-xs text-stone-800">
                      {t(`calendar.mine.hoursState.${shift.hoursStatus}`)}
                    </span>
                  </>
                )}
              </ShiftItem>
            ))}
          </ul>
        )}
      </section>

      <CalendarFeed createdAt={feedCreatedAt} locale={locale} />
    </div>
  )
}

function ShiftItem({ shift, locale, children }: { shift: MyShift; locale: Locale; children: React.ReactNode }) {
  const { t } = useTranslation()
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
      <div className="min-w-0">
        <Link to={`/shifts/${shift.shiftId}`} className="font-medium text-brand-800 underline-offset-2 hover:underline">
          {[t(`shift.role.${shift.role}`), shift.placeName].filter(Boolean).join(' · ')}
        </Link>
        <p className="text-sm text-stone-600">{formatTimeRange(shift.startsAt, shift.endsAt, locale)}</p>
        {shift.activityTitle ? <p className="text-xs text-stone-500">{shift.activityTitle}</p> : null}
      </div>
      <div className="flex flex-wrap items-center gap-2">{children}</div>
    </li>
  )
}

function CalendarFeed({ createdAt, locale }: { createdAt: string | null; locale: Locale }) {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const feedUrl = actionData?.feedUrl
  return (
    <section aria-labelledby="feed-heading" className="rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="feed-heading" className="text-xl font-semibold">
        {t('calendar.feed.title')}
      </h2>
      <p className="mt-2 text-sm text-stone-700">{t('calendar.feed.intro')}</p>
      <div aria-live="polite">
        {feedUrl ? (
          <div className="mt-4 space-y-3">
            <Notice tone="success">{t('calendar.feed.newUrl')}</Notice>
            <label className="block text-sm font-medium">
              {t('calendar.feed.urlLabel')}
              <input
                readOnly
                value={feedUrl}
                onFocus={(e) => e.currentTarget.select()}
                className="mt-1 block w-full rounded-md border border-stone-300 px-3 py-2 font-mono text-sm"
              />
            </label>
            <a
              href={feedUrl.replace(/^https?:\/\//, 'webcal://')}
              className="inline-block rounded-md border border-brand-700 px-3 py-1.5 text-brand-800"
            >
              {t('calendar.feed.openWebcal')}
            </a>
            <ul className="list-inside list-disc space-y-1 text-sm text-stone-700">
              <li>{t('calendar.feed.apple')}</li>
              <li>{t('calendar.feed.google')}</li>
              <li>{t('calendar.feed.outlook')}</li>
            </ul>
          </div>
        ) : createdAt ? (
          <p className="mt-3 text-sm text-stone-700">
            {t('calendar.feed.createdAt', { date: formatDayWithYear(createdAt, locale) })}
          </p>
        ) : null}
      </div>
      <Form method="post" className="mt-4">
        <button
          type="submit"
          disabled={navigation.state === 'submitting'}
          className="rounded-md bg-brand-700 px-4 py-2 text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {createdAt || feedUrl ? t('calendar.feed.rotate') : t('calendar.feed.create')}
        </button>
        {createdAt || feedUrl ? <p className="mt-1 text-xs text-stone-600">{t('calendar.feed.rotateHint')}</p> : null}
      </Form>
    </section>
  )
}
