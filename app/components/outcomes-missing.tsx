import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { ActivityType, Locale } from '#db/schema'
import { formatDayWithYear } from '~/lib/dates'

/** Ended activities still waiting for their outcome, for their coordinator. */
export function OutcomesMissing({
  activities,
}: {
  activities: { id: number; title: string; type: ActivityType; starts_at: string }[]
}) {
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  if (activities.length === 0) return null
  return (
    <section aria-labelledby="outcomes-missing" className="rounded-xl border border-amber-200 bg-amber-50 p-4">
      <h2 id="outcomes-missing" className="font-semibold text-amber-900">
        {t('activities.missing.title')}
      </h2>
      <p className="text-sm text-amber-900">{t('activities.missing.intro')}</p>
      <ul className="mt-2 space-y-1 text-sm">
        {activities.map((a) => (
          <li key={a.id}>
            <Link to={`/staff/activities/${a.id}`} className="underline">
              {formatDayWithYear(a.starts_at, locale)} {a.title}
            </Link>{' '}
            · {t(`activity.type.${a.type}`)}
          </li>
        ))}
      </ul>
    </section>
  )
}
