import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '#db/schema'
import { optionalActor } from '~/auth/require.server'
import { Notice } from '~/components/form'
import { findActivityForPage } from '~/domain/activities/activities.server'
import { pageTitle } from '~/i18n/meta'
import { formatDayWithYear, formatTimeRange } from '~/lib/dates'
import { idParam, notFoundPage } from '~/lib/params.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'activity.listTitle')

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = idParam(params)
  const viewer = await optionalActor(request, context)
  const activity = await findActivityForPage(context.db, viewer, id)
  if (!activity) notFoundPage()
  return { activity }
}

export default function ActivityPage() {
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  const { activity } = useLoaderData<typeof loader>()
  const shown = activity.status === 'published' && activity.is_public === 1
  return (
    <article className="space-y-4">
      <Link to="/activities" className="text-sm text-brand-700 underline">
        {t('activities.public.back')}
      </Link>
      {shown ? null : <Notice>{t('activities.public.notPublished')}</Notice>}
      <h1 className="text-2xl font-bold text-brand-800">{activity.title}</h1>
      <p className="flex flex-wrap gap-2 text-sm">
        <span className="rounded bg-stone-100 px-2 py-0.5">{t(`activity.type.${activity.type}`)}</span>
        {activity.programme_name ? (
          <span className="rounded bg-brand-50 px-2 py-0.5">{activity.programme_name}</span>
        ) : null}
        {activity.partner_organisation_id !== null ? (
          <span className="rounded bg-brand-50 px-2 py-0.5">{t('activity.outreach')}</span>
        ) : null}
        {activity.requires_insurance ? (
          <span className="rounded bg-amber-100 px-2 py-0.5">{t('activity.insuranceRequired')}</span>
        ) : null}
      </p>
      <dl className="grid gap-2 text-stone-800 sm:grid-cols-2">
        <div>
          <dt className="text-sm font-medium">{t('activity.when')}</dt>
          <dd>
            {formatDayWithYear(activity.starts_at, locale)}{' '}
            {formatTimeRange(activity.starts_at, activity.ends_at, locale)}
          </dd>
        </div>
        <div>
          <dt className="text-sm font-medium">{t('activity.at')}</dt>
          <dd>
            {activity.mode === 'online' ? t('activity.online') : null} {activity.place_name}
            {activity.site_address ? ` · ${activity.site_address}` : ''}
          </dd>
        </div>
      </dl>
      {activity.description ? (
        <section>
          <h2 className="font-semibold">{t('activities.public.description')}</h2>
          <p className="whitespace-pre-line">{activity.description}</p>
        </section>
      ) : null}
    </article>
  )
}
