import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ActivityCard } from '~/components/activity-card'
import { ShiftRow } from '~/components/shift-row'
import { listUpcomingActivities } from '~/domain/activities/activities.server'
import { findLastReportedYear, summarizeYear } from '~/domain/reports/year-summary.server'
import { listOpenShifts } from '~/domain/shifts/shifts.server'

const SIX_WEEKS_MS = 42 * 24 * 3600_000

export async function loader({ context: { db } }: LoaderFunctionArgs) {
  const now = new Date()
  const [activities, shifts, year] = await Promise.all([
    listUpcomingActivities(db, { now, until: new Date(now.getTime() + SIX_WEEKS_MS), limit: 6 }),
    listOpenShifts(db, { now, limit: 8 }),
    findLastReportedYear(db, now),
  ])
  return { activities, shifts, summary: year ? await summarizeYear(db, year) : null }
}

export default function Home() {
  const { activities, shifts, summary } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const number = (n: number) => n.toLocaleString(i18n.language)
  return (
    <div className="space-y-10">
      <section className="rounded-xl bg-brand-50 px-5 py-8 sm:px-8">
        <p className="text-sm font-medium text-brand-700">{t('app.tagline')}</p>
        <h1 className="mt-2 text-2xl font-bold leading-tight text-brand-800 sm:text-3xl">{t('home.heroTitle')}</h1>
        <p className="mt-3 max-w-2xl text-stone-700">{t('home.heroBody')}</p>
      </section>

      <section aria-labelledby="upcoming-activities">
        <div className="flex items-baseline justify-between gap-4">
          <h2 id="upcoming-activities" className="text-xl font-semibold">
            {t('home.upcomingActivities')}
          </h2>
          <Link to="/activities" className="text-sm text-brand-700 underline-offset-2 hover:underline">
            {t('home.allActivities')}
          </Link>
        </div>
        {activities.length === 0 ? (
          <p className="mt-4 text-stone-600">{t('home.noUpcomingActivities')}</p>
        ) : (
          <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {activities.map((activity) => (
              <li key={activity.id}>
                <ActivityCard activity={activity} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="open-shifts">
        <h2 id="open-shifts" className="text-xl font-semibold">
          {t('home.openShifts')}
        </h2>
        {shifts.length === 0 ? (
          <p className="mt-4 text-stone-600">{t('home.noOpenShifts')}</p>
        ) : (
          <ul className="mt-4 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {shifts.map((shift) => (
              <ShiftRow key={shift.id} shift={shift} />
            ))}
          </ul>
        )}
      </section>

      {summary ? (
        <section aria-labelledby="year-in-numbers">
          <h2 id="year-in-numbers" className="text-xl font-semibold">
            {t('home.yearInNumbers', { year: summary.year })}
          </h2>
          <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
            {(
              [
                ['home.activitiesHeld', 'home.activitiesHeldValue', summary.activities],
                ['home.attendances', 'home.attendancesValue', summary.attendances],
                ['home.volunteerHours', 'home.volunteerHoursValue', summary.volunteerHours],
                ['home.booksDelivered', 'home.booksDeliveredValue', summary.booksDelivered],
              ] as const
            ).map(([label, value, count]) => (
              <div key={label} className="rounded-lg border border-stone-200 bg-white p-4">
                <dt className="text-sm text-stone-600">{t(label)}</dt>
                <dd className="mt-1 text-xl font-bold text-brand-800">{t(value, { count: number(count) })}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
    </div>
  )
}
