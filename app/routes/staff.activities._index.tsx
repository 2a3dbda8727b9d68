import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, type Locale } from '#db/schema'
import { requireActor, STAFF } from '~/auth/require.server'
import { Notice } from '~/components/form'
import { OutcomesMissing } from '~/components/outcomes-missing'
import { listOutcomesMissing } from '~/domain/activities/outcome.server'
import { activityChoices } from '~/domain/activities/planning.server'
import { STAFF_LIST_LIMIT, StaffActivityFilter } from '~/domain/activities/schema'
import { listStaffActivities } from '~/domain/activities/staff.server'
import { pageTitle } from '~/i18n/meta'
import { formatDayWithYear, formatTimeRange } from '~/lib/dates'
import { searchParams } from '~/lib/params.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'activities.list.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const filter = searchParams(request, StaffActivityFilter)
  const now = new Date()
  const [list, missing, choices] = await Promise.all([
    listStaffActivities(context.db, actor, filter, now),
    listOutcomesMissing(context.db, actor, now),
    activityChoices(context.db, actor),
  ])
  return { ...list, missing, filter, sites: choices.sites, programmes: choices.programmes }
}

const selectClass = 'mt-1 rounded-md border border-stone-300 bg-white px-3 py-2'

export default function StaffActivities() {
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  const { activities, truncated, missing, filter, sites, programmes } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-brand-800">{t('activities.list.title')}</h1>
          <p className="text-sm text-stone-700">{t('activities.list.intro')}</p>
        </div>
        <Link to="/staff/activities/new" className="rounded-md bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
          {t('activities.list.new')}
        </Link>
      </div>
      <OutcomesMissing activities={missing} />
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          {t('activities.list.month')}
          <input type="month" name="month" defaultValue={filter.month ?? ''} className={`block ${selectClass}`} />
        </label>
        <label className="text-sm">
          {t('activities.list.type')}
          <select name="type" defaultValue={filter.type ?? ''} className={`block ${selectClass}`}>
            <option value="">{t('activities.list.all')}</option>
            {ACTIVITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`activity.type.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          {t('activities.list.site')}
          <select name="site" defaultValue={filter.site ?? ''} className={`block ${selectClass}`}>
            <option value="">{t('activities.list.all')}</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          {t('activities.list.programme')}
          <select name="programme" defaultValue={filter.programme ?? ''} className={`block ${selectClass}`}>
            <option value="">{t('activities.list.all')}</option>
            {programmes.map((p) => (
              <option key={p.id} value={p.id}>
                {p.parent_programme_id === null ? p.name : `— ${p.name}`}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          {t('activities.list.status')}
          <select name="status" defaultValue={filter.status ?? ''} className={`block ${selectClass}`}>
            <option value="">{t('activities.list.all')}</option>
            {[...ACTIVITY_STATUSES, 'outcome_missing' as const].map((status) => (
              <option key={status} value={status}>
                {t(`activities.status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-stone-300 px-3 py-2 hover:bg-stone-100">
          {t('activities.list.filter')}
        </button>
      </Form>
      {truncated ? <Notice>{t('activities.list.truncated', { count: STAFF_LIST_LIMIT })}</Notice> : null}
      {activities.length === 0 ? <p className="text-stone-700">{t('activities.list.none')}</p> : null}
      <ul className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white">
        {activities.map((a) => (
          <li key={a.id} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3">
            <div>
              <Link to={`/staff/activities/${a.id}`} className="font-medium text-brand-800 underline">
                {a.title}
              </Link>
              <p className="text-sm text-stone-700">
                {formatDayWithYear(a.starts_at, locale)} {formatTimeRange(a.starts_at, a.ends_at, locale)}
                {a.place_name ? ` · ${a.place_name}` : ''}
                {a.programme_name ? ` · ${a.programme_name}` : ''}
              </p>
            </div>
            <p className="flex flex-wrap gap-1 text-xs">
              <span className="rounded bg-stone-100 px-2 py-0.5">{t(`activity.type.${a.type}`)}</span>
              <span className="rounded bg-stone-100 px-2 py-0.5">{t(`activities.status.${a.status}`)}</span>
              {a.partner_organisation_id !== null ? (
                <span className="rounded bg-brand-50 px-2 py-0.5">{t('activities.list.outreach')}</span>
              ) : null}
              {a.is_public ? null : (
                <span className="rounded bg-stone-100 px-2 py-0.5">{t('activities.list.internal')}</span>
              )}
              {a.outcome_missing ? (
                <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">
                  {t('activities.list.outcomeMissing')}
                </span>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
    </div>
  )
}
