import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { format, getDay, parse, startOfWeek } from 'date-fns'
import { enUS, zhCN } from 'date-fns/locale'
import type { TFunction } from 'i18next'
import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { Calendar, dateFnsLocalizer, type Formats, type View } from 'react-big-calendar'
import calendarStyles from 'react-big-calendar/lib/css/react-big-calendar.css?url'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { SHIFT_ROLES, type Locale } from '#db/schema'
import { optionalActor } from '~/auth/require.server'
import { availabilityOf } from '~/domain/shifts/availability'
import {
  CALENDAR_MAX_LIMIT,
  listShiftsForCalendar,
  listSitesAndProgrammes,
  NEUTRAL_COLOUR,
  type CalendarShift,
} from '~/domain/shifts/calendar.server'
import { loadEligibility } from '~/domain/signups/eligibility.server'
import { pageTitle } from '~/i18n/meta'
import { formatDay, formatTimeRange, inShanghai, shanghaiDay, shanghaiInstant } from '~/lib/dates'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'calendar.title')

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: calendarStyles }]

// ---------------------------------------------------------------------------
// Ranges: Shanghai calendar days `YYYY-MM-DD`, [from, to) with `to` exclusive.

const VIEWS = ['month', 'week', 'day', 'agenda', 'list'] as const
type ViewName = (typeof VIEWS)[number]
const MAX_RANGE_DAYS = 42
const AGENDA_DAYS = 30
const LIST_DAYS = 7
/**
 * Before the calendar mounts (and without JavaScript) a calendar view shows its
 * first shifts as a list, with a link to the full list: rendering hundreds of
 * rows that the calendar replaces a moment later was most of the page's cost.
 */
const FALLBACK_LIST_MAX = 40
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`)
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const addDays = (day: string, n: number) => toDay(dayMs(day) + n * 86_400_000)
const daysBetween = (from: string, to: string) => Math.round((dayMs(to) - dayMs(from)) / 86_400_000)
/** Monday on or before `day`. */
const mondayOf = (day: string) => addDays(day, -((new Date(dayMs(day)).getUTCDay() + 6) % 7))
const addMonths = (day: string, n: number) => {
  const d = new Date(dayMs(day))
  return toDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1))
}

/** The days a view shows around `anchor`, as react-big-calendar lays them out (weeks start on Monday). */
function rangeFor(view: ViewName, anchor: string): { from: string; to: string } {
  switch (view) {
    case 'month': {
      const first = `${anchor.slice(0, 8)}01`
      const nextFirst = addMonths(first, 1)
      const from = mondayOf(first)
      const lastMonday = mondayOf(addDays(nextFirst, -1))
      return { from, to: addDays(lastMonday, 7) }
    }
    case 'week':
      return { from: mondayOf(anchor), to: addDays(mondayOf(anchor), 7) }
    case 'day':
      return { from: anchor, to: addDays(anchor, 1) }
    case 'agenda':
      return { from: anchor, to: addDays(anchor, AGENDA_DAYS + 1) }
    case 'list':
      return { from: anchor, to: addDays(anchor, LIST_DAYS) }
  }
}

function stepAnchor(view: ViewName, anchor: string, direction: 1 | -1): string {
  switch (view) {
    case 'month':
      return addMonths(anchor, direction)
    case 'week':
      return addDays(anchor, 7 * direction)
    case 'day':
      return addDays(anchor, direction)
    case 'agenda':
      return addDays(anchor, AGENDA_DAYS * direction)
    case 'list':
      return addDays(anchor, LIST_DAYS * direction)
  }
}

const optionalId = z.coerce.number().int().positive().optional().catch(undefined)
const optionalDay = z.string().regex(DAY_RE).optional().catch(undefined)
// Unknown values in the query string fall back to "no filter" rather than an error page.
const Query = z.object({
  view: z.enum(VIEWS).optional().catch(undefined),
  date: optionalDay,
  from: optionalDay,
  to: optionalDay,
  site: optionalId,
  programme: optionalId,
  role: z.enum(SHIFT_ROLES).optional().catch(undefined),
  can: z.literal('1').optional().catch(undefined),
})

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams))
  const now = new Date()
  const today = shanghaiDay(now)
  const anchor = query.date ?? today
  let range = rangeFor(query.view ?? 'month', anchor)
  // The calendar asks for the exact days it shows; never more than six weeks.
  if (query.from && query.to && query.to > query.from) {
    range = {
      from: query.from,
      to: daysBetween(query.from, query.to) > MAX_RANGE_DAYS ? addDays(query.from, MAX_RANGE_DAYS) : query.to,
    }
  }
  const [actor, options] = await Promise.all([optionalActor(request, context), listSitesAndProgrammes(context.db)])
  let shifts = await listShiftsForCalendar(context.db, {
    from: new Date(shanghaiInstant(range.from, '00:00')),
    to: new Date(shanghaiInstant(range.to, '00:00')),
    siteId: query.site,
    programmeId: query.programme,
    role: query.role,
    limit: CALENDAR_MAX_LIMIT,
  })
  const truncated = shifts.length >= CALENDAR_MAX_LIMIT
  const canFilter = actor?.role === 'volunteer'
  if (canFilter && query.can) {
    const eligibility = await loadEligibility(
      context.db,
      actor,
      shifts.map((s) => s.id),
      now,
    )
    shifts = shifts.filter((s) => eligibility.get(s.id)?.eligible)
  }
  return {
    shifts,
    truncated,
    range,
    today,
    query: { ...query, can: canFilter ? query.can : undefined },
    options,
    canFilter,
    limit: CALENDAR_MAX_LIMIT,
    neutralColour: NEUTRAL_COLOUR,
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

// ---------------------------------------------------------------------------

function availabilityText(t: TFunction, shift: Pick<CalendarShift, 'status' | 'capacity' | 'confirmed_count'>) {
  if (shift.status === 'cancelled') return t('calendar.cancelled')
  const availability = availabilityOf(shift.confirmed_count, shift.capacity)
  if (availability === 'full') return t('shift.full')
  if (availability === 'almost_full') return t('shift.almostFull')
  return t('shift.seatsLeft', { count: shift.capacity - shift.confirmed_count })
}

const badge = {
  open: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  almost_full: 'bg-amber-50 text-amber-900 ring-amber-300',
  full: 'bg-stone-200 text-stone-700 ring-stone-300',
  cancelled: 'bg-red-50 text-red-800 ring-red-200',
} as const

function AvailabilityBadge({ shift }: { shift: CalendarShift }) {
  const { t } = useTranslation()
  const state = shift.status === 'cancelled' ? 'cancelled' : availabilityOf(shift.confirmed_count, shift.capacity)
  return (
    <span className={`shrink-0 rounded px-2 py-0.5 text-xs ring-1 ${badge[state]}`}>
      {availabilityText(t, shift)}
      <span className="sr-only">
        {' '}
        ({t('shift.seatsOf', { confirmed: shift.confirmed_count, capacity: shift.capacity })})
      </span>
    </span>
  )
}

/** Black or white text, whichever reads better on the programme colour. */
function textOn(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16)
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
  return luminance > 0.18 ? '#1c1917' : '#ffffff'
}

function shiftLabel(t: TFunction, shift: CalendarShift) {
  return [t(`shift.role.${shift.role}`), shift.place_name].filter(Boolean).join(' · ')
}

// ---------------------------------------------------------------------------

export default function ShiftCalendarPage() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const { query, options } = data
  const showCalendar = query.view !== 'list'
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

      {showCalendar ? (
        <ClientOnly fallback={<ShiftList data={data} max={FALLBACK_LIST_MAX} />}>
          {() => <ShiftCalendar data={data} />}
        </ClientOnly>
      ) : (
        <ShiftList data={data} />
      )}
    </div>
  )
}

/** Children render only after hydration; the server (and a browser without JavaScript) gets the fallback. */
function ClientOnly({ children, fallback }: { children: () => ReactNode; fallback: ReactNode }) {
  const [mounted, setMounted] = useState(false)
  useEffect(() => setMounted(true), [])
  return <>{mounted ? children() : fallback}</>
}

function withParams(search: URLSearchParams, changes: Record<string, string | undefined>): string {
  const next = new URLSearchParams(search)
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) next.delete(key)
    else next.set(key, value)
  }
  return `?${next.toString()}`
}

function ViewLinks({ data }: { data: LoaderData }) {
  const { t } = useTranslation()
  const [search] = useSearchParams()
  const current = data.query.view
  return (
    <nav aria-label={t('calendar.viewLabel')} className="flex flex-wrap gap-1 text-sm">
      {VIEWS.map((view) => (
        <Link
          key={view}
          to={withParams(search, { view, from: undefined, to: undefined })}
          aria-current={current === view ? 'page' : undefined}
          preventScrollReset
          className={`rounded-md border px-3 py-1.5 ${current === view ? 'border-brand-700 bg-brand-50 font-semibold text-brand-800' : 'border-stone-300 bg-white text-stone-700 hover:bg-stone-100'}`}
        >
          {t(`calendar.view.${view}`)}
        </Link>
      ))}
    </nav>
  )
}

function Legend({
  programmes,
  neutralColour,
}: {
  programmes: LoaderData['options']['programmes']
  neutralColour: string
}) {
  const { t } = useTranslation()
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-stone-700">{t('calendar.legend')}</summary>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
        {[...programmes, { id: 0, name: t('calendar.libraryDuty'), colour: neutralColour }].map((programme) => (
          <li key={programme.id} className="flex items-center gap-1.5">
            <span
              aria-hidden
              className="inline-block h-3 w-3 rounded-sm"
              style={{ backgroundColor: programme.colour }}
            />
            {programme.name}
          </li>
        ))}
      </ul>
    </details>
  )
}

function ResultsSummary({ data }: { data: LoaderData }) {
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  const navigation = useNavigation()
  const from = formatDay(shanghaiInstant(data.range.from, '12:00'), locale)
  const to = formatDay(shanghaiInstant(addDays(data.range.to, -1), '12:00'), locale)
  return (
    <div role="status" aria-live="polite" className="space-y-1 text-sm text-stone-700">
      <p aria-busy={navigation.state === 'loading'}>{t('calendar.count', { from, to, count: data.shifts.length })}</p>
      {data.truncated ? <p className="text-amber-800">{t('calendar.truncated', { count: data.limit })}</p> : null}
    </div>
  )
}

/** The accessible list: grouped by day, each shift a link. The server renders it, so it works without JavaScript. */
function ShiftList({ data, max }: { data: LoaderData; max?: number }) {
  const { t, i18n } = useTranslation()
  const [search] = useSearchParams()
  const locale = i18n.language as Locale
  const view: ViewName = data.query.view ?? 'month'
  const anchor = data.query.date ?? data.today
  const days = new Map<string, CalendarShift[]>()
  const shown = max === undefined ? data.shifts : data.shifts.slice(0, max)
  for (const shift of shown) {
    const day = shanghaiDay(shift.starts_at)
    days.set(day, [...(days.get(day) ?? []), shift])
  }
  const step = (direction: 1 | -1) =>
    withParams(search, { date: stepAnchor(view, anchor, direction), from: undefined, to: undefined })
  return (
    <section aria-labelledby="shift-list-heading" className="space-y-4">
      <h2 id="shift-list-heading" className="sr-only">
        {t('calendar.listHeading')}
      </h2>
      {days.size === 0 ? <p className="text-stone-600">{t('calendar.noEvents')}</p> : null}
      {[...days].map(([day, shifts]) => (
        <div key={day}>
          <h3 className="text-base font-semibold text-stone-800">{formatDay(shanghaiInstant(day, '12:00'), locale)}</h3>
          <ul className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {shifts.map((shift) => (
              <li
                key={shift.id}
                className="flex flex-wrap items-center justify-between gap-2 px-4 py-3"
                style={{ borderLeft: `4px solid ${shift.programme_colour}` }}
              >
                <div className="min-w-0">
                  <Link
                    to={`/shifts/${shift.id}`}
                    className="font-medium text-brand-800 underline-offset-2 hover:underline"
                  >
                    {shiftLabel(t, shift)}
                  </Link>
                  <p className="text-sm text-stone-600">{formatTimeRange(shift.starts_at, shift.ends_at, locale)}</p>
                  {shift.activity_title || shift.programme_name ? (
                    <p className="text-xs text-stone-500">
                      {[shift.activity_title, shift.programme_name].filter(Boolean).join(' · ')}
                    </p>
                  ) : null}
                </div>
                <AvailabilityBadge shift={shift} />
              </li>
            ))}
          </ul>
        </div>
      ))}
      {shown.length < data.shifts.length ? (
        <p>
          <Link
            to={withParams(search, { view: 'list', from: undefined, to: undefined })}
            className="text-brand-700 underline"
          >
            {t('calendar.fullList', { count: data.shifts.length })}
          </Link>
        </p>
      ) : null}
      <nav aria-label={t('calendar.viewLabel')} className="flex justify-between text-sm">
        <Link to={step(-1)} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-100">
          ← {t('calendar.rangePrevious')}
        </Link>
        <Link to={step(1)} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-100">
          {t('calendar.rangeNext')} →
        </Link>
      </nav>
    </section>
  )
}

// ---------------------------------------------------------------------------
// The calendar. It runs only in the browser. Instants become "wall-clock" dates:
// a local Date whose fields read as the Shanghai time, so the grid shows
// Shanghai times whatever the browser's zone.

const localizer = dateFnsLocalizer({
  format,
  parse,
  startOfWeek: (date: Date) => startOfWeek(date, { weekStartsOn: 1 }),
  getDay,
  locales: { 'zh-CN': zhCN, en: enUS },
})

function wallClock(instant: string | Date): Date {
  const z = inShanghai(instant)
  return new Date(z.getFullYear(), z.getMonth(), z.getDate(), z.getHours(), z.getMinutes())
}

const dayOfWallClock = (date: Date) => format(date, 'yyyy-MM-dd')
const wallClockOfDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(y, m - 1, d)
}

type Range = { start: Date; end: Date }
const hm = (date: Date) => format(date, 'HH:mm')
const timeRange = ({ start, end }: Range) => `${hm(start)}–${hm(end)}`
const dayPatterns = {
  'zh-CN': { day: 'M月d日 EEE', month: 'yyyy年M月', weekday: 'EEE' },
  en: { day: 'EEE d MMM', month: 'MMMM yyyy', weekday: 'EEE' },
} as const
/** 24-hour times and the library's date patterns instead of react-big-calendar's defaults. */
const formats = Object.fromEntries(
  (['zh-CN', 'en'] as const).map((locale) => {
    const p = dayPatterns[locale]
    const options = { locale: locale === 'en' ? enUS : zhCN }
    const day = (date: Date) => format(date, p.day, options)
    const span = ({ start, end }: Range) => `${day(start)} – ${day(end)}`
    return [
      locale,
      {
        timeGutterFormat: 'HH:mm',
        eventTimeRangeFormat: timeRange,
        eventTimeRangeStartFormat: ({ start }: Range) => hm(start),
        eventTimeRangeEndFormat: ({ end }: Range) => hm(end),
        agendaTimeRangeFormat: timeRange,
        agendaTimeFormat: 'HH:mm',
        agendaDateFormat: p.day,
        agendaHeaderFormat: span,
        dayRangeHeaderFormat: span,
        dayHeaderFormat: p.day,
        dayFormat: p.day,
        weekdayFormat: p.weekday,
        monthHeaderFormat: p.month,
        selectRangeFormat: timeRange,
      },
    ]
  }),
) as Record<Locale, Formats>

interface ShiftEvent {
  title: string
  start: Date
  end: Date
  resource: CalendarShift
}

function ShiftCalendar({ data }: { data: LoaderData }) {
  const { t, i18n } = useTranslation()
  const [search, setSearch] = useSearchParams()
  const [isPhone] = useState(() => window.matchMedia('(max-width: 639px)').matches)
  const view: Exclude<ViewName, 'list'> =
    (data.query.view as Exclude<ViewName, 'list'> | undefined) ?? (isPhone ? 'agenda' : 'month')
  const anchor = data.query.date ?? data.today

  // Ask the loader for exactly the days this view shows, when they are not loaded yet.
  useEffect(() => {
    const needed = rangeFor(view, anchor)
    if (needed.from < data.range.from || needed.to > data.range.to) {
      setSearch(withParams(search, { view, date: anchor, ...needed }), { replace: true, preventScrollReset: true })
    }
  }, [view, anchor, data.range.from, data.range.to, search, setSearch])

  const go = (nextView: Exclude<ViewName, 'list'>, nextAnchor: string) =>
    setSearch(withParams(search, { view: nextView, date: nextAnchor, ...rangeFor(nextView, nextAnchor) }), {
      preventScrollReset: true,
    })

  const events = useMemo<ShiftEvent[]>(
    () =>
      data.shifts.map((shift) => ({
        title: `${shiftLabel(t, shift)} · ${availabilityText(t, shift)}`,
        start: wallClock(shift.starts_at),
        end: wallClock(shift.ends_at),
        resource: shift,
      })),
    [data.shifts, t],
  )
  const messages = useMemo(
    () => ({
      today: t('calendar.today'),
      previous: t('calendar.previous'),
      next: t('calendar.next'),
      month: t('calendar.view.month'),
      week: t('calendar.view.week'),
      day: t('calendar.view.day'),
      agenda: t('calendar.view.agenda'),
      date: t('calendar.date'),
      time: t('calendar.time'),
      event: t('calendar.event'),
      allDay: t('calendar.allDay'),
      noEventsInRange: t('calendar.noEvents'),
      showMore: (count: number) => t('calendar.showMore', { count }),
    }),
    [t],
  )
  const EventLink = ({ event }: { event: ShiftEvent }) => (
    <Link to={`/shifts/${event.resource.id}`} className="block truncate text-inherit no-underline">
      {event.title}
    </Link>
  )
  const AgendaEventLink = ({ event }: { event: ShiftEvent }) => (
    <Link
      to={`/shifts/${event.resource.id}`}
      className="flex items-start gap-2 text-brand-800 underline-offset-2 hover:underline"
    >
      <span
        aria-hidden
        className="mt-1 inline-block h-3 w-3 shrink-0 rounded-sm"
        style={{ backgroundColor: event.resource.programme_colour }}
      />
      <span>{event.title}</span>
    </Link>
  )
  return (
    <div
      className="rounded-lg border border-stone-200 bg-white p-2 text-sm"
      style={{ height: view === 'agenda' ? 640 : 760 }}
    >
      <Calendar<ShiftEvent>
        localizer={localizer}
        culture={i18n.language}
        events={events}
        view={view}
        views={['month', 'week', 'day', 'agenda']}
        date={wallClockOfDay(anchor)}
        getNow={() => wallClock(new Date())}
        length={AGENDA_DAYS}
        onView={(next: View) => go(next as Exclude<ViewName, 'list'>, anchor)}
        onNavigate={(next: Date, nextView: View) => go(nextView as Exclude<ViewName, 'list'>, dayOfWallClock(next))}
        messages={messages}
        formats={formats[i18n.language === 'en' ? 'en' : 'zh-CN']}
        popup
        scrollToTime={new Date(1970, 0, 1, 8)}
        eventPropGetter={(event: ShiftEvent) =>
          // The agenda is a table: colour a swatch in the row, not the whole row.
          view === 'agenda'
            ? {}
            : {
                style: {
                  backgroundColor: event.resource.programme_colour,
                  color: textOn(event.resource.programme_colour),
                  borderColor: event.resource.programme_colour,
                  opacity: event.resource.status === 'cancelled' ? 0.6 : 1,
                },
              }
        }
        components={{ event: EventLink, agenda: { event: AgendaEventLink } }}
      />
    </div>
  )
}
