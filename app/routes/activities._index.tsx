import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { ACTIVITY_TYPES } from '#db/schema'
import { ActivityCard } from '~/components/activity-card'
import { listUpcomingActivities } from '~/domain/activities/activities.server'
import { pageTitle } from '~/i18n/meta'
import { optionalField, searchParams } from '~/lib/params.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'activity.listTitle')

const SIX_WEEKS_MS = 42 * 24 * 3600_000
// "All types" is an empty or absent `type`; an unknown one answers 400.
const Filters = z.object({ type: optionalField(z.enum(ACTIVITY_TYPES)) })

export async function loader({ request, context: { db } }: LoaderFunctionArgs) {
  const filters = searchParams(request, Filters)
  const now = new Date()
  const activities = await listUpcomingActivities(db, {
    now,
    until: new Date(now.getTime() + SIX_WEEKS_MS),
    type: filters.type,
    limit: 100,
  })
  return { activities, filters }
}

export default function Activities() {
  const { activities, filters } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{t('activity.listTitle')}</h1>
        <p className="mt-1 text-stone-600">{t('activity.listIntro')}</p>
      </div>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm">
          {t('activity.filterType')}
          <select
            name="type"
            defaultValue={filters.type ?? ''}
            className="rounded-md border border-stone-300 bg-white px-3 py-2 text-base"
          >
            <option value="">{t('activity.filterAll')}</option>
            {ACTIVITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`activity.type.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
          {t('activity.filterApply')}
        </button>
      </Form>
      {activities.length === 0 ? (
        <p className="text-stone-600">{t('activity.noneMatching')}</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {activities.map((activity) => (
            <li key={activity.id}>
              <ActivityCard activity={activity} />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
