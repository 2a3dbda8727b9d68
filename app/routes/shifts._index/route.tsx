import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import calendarStyles from 'react-big-calendar/lib/css/react-big-calendar.css?url'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { SHIFT_ROLES } from '#db/schema'
import { optionalActor } from '~/auth/require.server'
import { loadCalendar } from '~/domain/shifts/calendar-view.server'
import { listSitesAndProgrammes, NEUTRAL_COLOUR } from '~/domain/shifts/calendar.server'
import { pageTitle } from '~/i18n/meta'
import { addDays, shanghaiDay, shanghaiInstant } from '~/lib/dates'
import { DayField, IdField, notFoundPage, optionalField, PageField, searchParams } from '~/lib/params.server'
import { ShiftCalendar } from './calendar'
import { ClientOnly, Legend, MonthSummary, Pager, ResultsSummary, ShiftList, ViewLinks } from './list'
import { daysBetween, FALLBACK_LIST_MAX, layoutOf, MAX_RANGE_DAYS, rangeFor, VIEWS } from './range'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'calendar.title')

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: calendarStyles }]

// An empty field ("all sites") is no filter; a value that is not one answers 400.
const Query = z.object({
  view: optionalField(z.enum(VIEWS)),
  date: optionalField(DayField),
  from: optionalField(DayField),
  to: optionalField(DayField),
  site: optionalField(IdField),
  programme: optionalField(IdField),
  role: optionalField(z.enum(SHIFT_ROLES)),
  can: optionalField(z.literal('1')),
  page: optionalField(PageField),
})

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = searchParams(request, Query)
  const now = new Date()
  const today = shanghaiDay(now)
  const anchor = query.date ?? today
  const view = query.view ?? 'month'
  let range = rangeFor(view, anchor)
  // The calendar asks for the exact days it shows; never more than six weeks.
  if (query.from && query.to && query.to > query.from) {
    range = {
      from: query.from,
      to: daysBetween(query.from, query.to) > MAX_RANGE_DAYS ? addDays(query.from, MAX_RANGE_DAYS) : query.to,
    }
  }
  const [actor, options] = await Promise.all([optionalActor(request, context), listSitesAndProgrammes(context.db)])
  const canFilter = actor?.role === 'volunteer'
  const page = query.page ?? 1
  const payload = await loadCalendar(
    context.db,
    {
      layout: layoutOf(view),
      filter: {
        from: new Date(shanghaiInstant(range.from, '00:00')),
        to: new Date(shanghaiInstant(range.to, '00:00')),
        siteId: query.site,
        programmeId: query.programme,
        role: query.role,
      },
      page,
      takeableBy: canFilter && query.can ? actor : undefined,
    },
    now,
  )
  // A page past the end of the list is not a page.
  if (payload.kind === 'list' && page > payload.pages) notFoundPage()
  return {
    payload,
    range,
    today,
    query: { ...query, can: canFilter ? query.can : undefined },
    options,
    canFilter,
    neutralColour: NEUTRAL_COLOUR,
  }
}

export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

export default function ShiftCalendarPage() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const { query, options } = data
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{t('calendar.title')}</h1>
        <p className="mt-1 text-stone-600">{t('calendar.intro')}</p>
      </div>

      <Form method="get" className="flex flex-wrap items-end gap-3" aria-label={t('calendar.filters')}>
        {query.view ? <input type="hidden" name="view" value={query.view} /> : null}
        {query.date ? <input type="hidden" name="date" value={query.date} /> : null}
        <label className="flex flex-col gap-1 text-sm">
          {t('calendar.site')}
          <select
            name="site"
            defaultValue={query.site ?? ''}
            className="rounded-md border border-stone-300 bg-white px-3 py-2 text-base"
          >
            <option value="">{t('calendar.allSites')}</option>
            {options.sites.map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t('calendar.programme')}
          <select
            name="programme"
            defaultValue={query.programme ?? ''}
            className="rounded-md border border-stone-300 bg-white px-3 py-2 text-base"
          >
            <option value="">{t('calendar.allProgrammes')}</option>
            {options.programmes.map((programme) => (
              <option key={programme.id} value={programme.id}>
                {programme.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t('calendar.role')}
          <select
            name="role"
            defaultValue={query.role ?? ''}
            className="rounded-md border border-stone-300 bg-white px-3 py-2 text-base"
          >
            <option value="">{t('calendar.allRoles')}</option>
            {SHIFT_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`shift.role.${role}`)}
              </option>
            ))}
          </select>
        </label>
        {data.canFilter ? (
          <label className="flex items-center gap-2 py-2 text-sm">
            <input type="checkbox" name="can" value="1" defaultChecked={query.can === '1'} className="h-4 w-4" />
            {t('calendar.canTake')}
          </label>
        ) : null}
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
          {t('calendar.apply')}
        </button>
        {query.site || query.programme || query.role || query.can ? (
          <Link to={query.view ? `?view=${query.view}` : '.'} className="py-2 text-sm text-brand-700 underline">
            {t('calendar.reset')}
          </Link>
        ) : null}
      </Form>

      <ViewLinks data={data} />
      <Legend programmes={options.programmes} neutralColour={data.neutralColour} />
      <ResultsSummary data={data} />

      {data.payload.kind === 'list' ? (
        <ShiftList data={data} shifts={data.payload.shifts} pager={<Pager data={data} />} />
      ) : (
        <ClientOnly
          fallback={
            data.payload.kind === 'month' ? (
              <MonthSummary data={data} days={data.payload.days} />
            ) : (
              <ShiftList data={data} shifts={data.payload.shifts} max={FALLBACK_LIST_MAX} />
            )
          }
        >
          {() => <ShiftCalendar data={data} />}
        </ClientOnly>
      )}
    </div>
  )
}
