import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import type { Locale } from '#db/schema'
import { requireActor, STAFF } from '~/auth/require.server'
import { Notice } from '~/components/form'
import { OutcomesMissing } from '~/components/outcomes-missing'
import { listOutcomesMissing } from '~/domain/activities/outcome.server'
import { GAPS_LIMIT, listGaps } from '~/domain/planning/gaps.server'
import { planningChoices } from '~/domain/planning/shifts.server'
import { pageTitle } from '~/i18n/meta'
import { formatDay, formatTimeRange } from '~/lib/dates'
import { IdField, optionalField, searchParams } from '~/lib/params.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'planning.home.title')

const WEEKS = 4

const Query = z.object({ site: optionalField(IdField) })

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const siteId = searchParams(request, Query).site ?? null
  const now = new Date()
  const to = new Date(now.getTime() + WEEKS * 7 * 86_400_000)
  const [gaps, choices, outcomesMissing] = await Promise.all([
    listGaps(context.db, actor, { from: now, to, siteId }),
    planningChoices(context.db, actor, now),
    listOutcomesMissing(context.db, actor, now, 5),
  ])
  return { ...gaps, limit: GAPS_LIMIT, sites: choices.sites, siteId, outcomesMissing }
}

export default function StaffHome() {
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  const { days, truncated, limit, sites, siteId, outcomesMissing } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-brand-800">{t('planning.home.title')}</h1>
          <p className="text-sm text-stone-700">{t('planning.home.intro')}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link to="/staff/certificates" className="rounded-md border border-brand-700 px-4 py-2 text-brand-800">
            {t('certificates.register.nav')}
          </Link>
          <Link to="/reports" className="rounded-md border border-stone-300 px-4 py-2 hover:bg-stone-100">
            {t('reports.nav')}
          </Link>
          <Link to="/staff/shifts/new" className="rounded-md bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
            {t('planning.home.newShift')}
          </Link>
        </div>
      </div>
      <OutcomesMissing activities={outcomesMissing} />
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="site" className="block text-sm font-medium">
            {t('planning.home.site')}
          </label>
          <select
            id="site"
            name="site"
            defaultValue={siteId ?? ''}
            className="mt-1 rounded-md border border-stone-300 px-3 py-2"
          >
            <option value="">{t('planning.home.allSites')}</option>
            {sites.map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md border border-stone-300 px-3 py-2 hover:bg-stone-100">
          {t('planning.home.filter')}
        </button>
      </Form>
      {truncated ? <Notice>{t('planning.home.truncated', { count: limit })}</Notice> : null}
      {days.length === 0 ? <p className="text-stone-700">{t('planning.home.noGaps')}</p> : null}
      {days.map((day) => (
        <section
          key={day.day}
          aria-labelledby={`day-${day.day}`}
          className="rounded-xl border border-stone-200 bg-white"
        >
          <h2 id={`day-${day.day}`} className="flex justify-between border-b border-stone-100 px-4 py-2 font-semibold">
            <span>{formatDay(day.shifts[0]!.starts_at, locale)}</span>
            <span className="text-sm font-normal text-amber-800">
              {t('planning.home.dayMissing', { count: day.missing })}
            </span>
          </h2>
          <ul className="divide-y divide-stone-100">
            {day.shifts.map((shift) => (
              <li key={shift.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
                <div>
                  <p className="font-medium">
                    {shift.title ?? t(`shift.role.${shift.role}`)}
                    {shift.place_name ? <span className="text-stone-600"> · {shift.place_name}</span> : null}
                  </p>
                  <p className="text-sm text-stone-600">
                    {formatTimeRange(shift.starts_at, shift.ends_at, locale)} ·{' '}
                    {t('shift.seatsOf', { confirmed: shift.confirmed_count, capacity: shift.capacity })}
                  </p>
                </div>
                <div className="flex items-center gap-3">
                  <span className="rounded bg-amber-50 px-2 py-0.5 text-sm text-amber-800">
                    {t('planning.home.missing', { count: shift.missing })}
                  </span>
                  <Link to={`/staff/shifts/${shift.id}`} className="text-brand-700 underline">
                    {t('planning.home.roster')}
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  )
}
