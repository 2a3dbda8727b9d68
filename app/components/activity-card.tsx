import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '#db/schema'
import type { ActivityListItem } from '~/domain/activities/activities.server'
import { formatTimeRange } from '~/lib/dates'

export function ActivityCard({ activity }: { activity: ActivityListItem }) {
  const { t, i18n } = useTranslation()
  return (
    <article
      className="flex h-full flex-col rounded-lg border border-stone-200 bg-white p-4 shadow-sm"
      style={{ borderLeft: `4px solid ${activity.programme_colour ?? '#d6d3d1'}` }}
    >
      <div className="flex flex-wrap gap-1.5 text-xs">
        <span className="rounded bg-brand-50 px-2 py-0.5 text-brand-800">{t(`activity.type.${activity.type}`)}</span>
        {activity.mode === 'online' ? (
          <span className="rounded bg-sky-50 px-2 py-0.5 text-sky-800">{t('activity.online')}</span>
        ) : null}
        {activity.is_outreach ? (
          <span className="rounded bg-emerald-50 px-2 py-0.5 text-emerald-800">{t('activity.outreach')}</span>
        ) : null}
        {activity.requires_insurance ? (
          <span className="rounded bg-amber-50 px-2 py-0.5 text-amber-800">{t('activity.insuranceRequired')}</span>
        ) : null}
      </div>
      <h3 className="mt-2 text-base font-semibold leading-snug">
        <Link to={`/activities/${activity.id}`} className="hover:underline">
          {activity.title}
        </Link>
      </h3>
      <dl className="mt-2 space-y-1 text-sm text-stone-600">
        <div className="flex gap-2">
          <dt className="sr-only">{t('activity.when')}</dt>
          <dd>{formatTimeRange(activity.starts_at, activity.ends_at, i18n.language as Locale)}</dd>
        </div>
        {activity.place_name ? (
          <div className="flex gap-2">
            <dt className="sr-only">{t('activity.at')}</dt>
            <dd>{activity.place_name}</dd>
          </div>
        ) : null}
      </dl>
      {activity.programme_name ? (
        <p className="mt-auto pt-2 text-xs text-stone-500">{activity.programme_name}</p>
      ) : null}
    </article>
  )
}
