import type { Locale } from '#db/schema'
import { Link, useNavigation, useSearchParams } from '@remix-run/react'
import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { CalendarShift, MonthDay, ShiftCard } from '~/domain/shifts/calendar.server'
import { addDays, formatDay, formatTime, formatTimeRange, shanghaiDay, shanghaiInstant } from '~/lib/dates'
import { availabilityText, AvailabilityBadge, shiftLabel } from './labels'
import { stepAnchor, VIEWS, type ViewName } from './range'
import type { LoaderData } from './route'

/** Children render only after hydration; the server (and a browser without JavaScript) gets the fallback. */
export function ClientOnly({ children, fallback }: { children: () => ReactNode; fallback: ReactNode }) {
  const [mounted, setMounted] = useState(false)
  useEffect(() => setMounted(true), [])
  return <>{mounted ? children() : fallback}</>
}

export function withParams(search: URLSearchParams, changes: Record<string, string | undefined>): string {
  const next = new URLSearchParams(search)
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) next.delete(key)
    else next.set(key, value)
  }
  return `?${next.toString()}`
}

export function ViewLinks({ data }: { data: LoaderData }) {
  const { t } = useTranslation()
  const [search] = useSearchParams()
  const current = data.query.view
  return (
    <nav aria-label={t('calendar.viewLabel')} className="flex flex-wrap gap-1 text-sm">
      {VIEWS.map((view) => (
        <Link
          key={view}
          to={withParams(search, { view, from: undefined, to: undefined, page: undefined })}
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

export function Legend({
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

export function ResultsSummary({ data }: { data: LoaderData }) {
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  const navigation = useNavigation()
  const from = formatDay(shanghaiInstant(data.range.from, '12:00'), locale)
  const to = formatDay(shanghaiInstant(addDays(data.range.to, -1), '12:00'), locale)
  return (
    <div role="status" aria-live="polite" className="text-sm text-stone-700">
      <p aria-busy={navigation.state === 'loading'}>{t('calendar.count', { from, to, count: data.payload.total })}</p>
    </div>
  )
}

/** A link to one day's view, keeping the filters: where "+N more" leads. */
export function dayViewHref(search: URLSearchParams, day: string): string {
  return withParams(search, { view: 'day', date: day, from: undefined, to: undefined, page: undefined })
}

function ShiftItem({ shift, locale }: { shift: ShiftCard & Partial<CalendarShift>; locale: Locale }) {
  const { t } = useTranslation()
  return (
    <li
      className="flex flex-wrap items-center justify-between gap-2 px-4 py-3"
      style={{ borderLeft: `4px solid ${shift.programme_colour}` }}
    >
      <div className="min-w-0">
        <Link to={`/shifts/${shift.id}`} className="font-medium text-brand-800 underline-offset-2 hover:underline">
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
  )
}

function DayHeading({ day, locale }: { day: string; locale: Locale }) {
  return <h3 className="text-base font-semibold text-stone-800">{formatDay(shanghaiInstant(day, '12:00'), locale)}</h3>
}

/** Earlier / later by one step of the view. */
function RangeNav({ data }: { data: LoaderData }) {
  const { t } = useTranslation()
  const [search] = useSearchParams()
  const view: ViewName = data.query.view ?? 'month'
  const anchor = data.query.date ?? data.today
  const step = (direction: 1 | -1) =>
    withParams(search, { date: stepAnchor(view, anchor, direction), from: undefined, to: undefined, page: undefined })
  return (
    <nav aria-label={t('calendar.rangeLabel')} className="flex justify-between text-sm">
      <Link to={step(-1)} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-100">
        ← {t('calendar.rangePrevious')}
      </Link>
      <Link to={step(1)} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-100">
        {t('calendar.rangeNext')} →
      </Link>
    </nav>
  )
}

/** The counts of a day, in words: what "+N more" stands for. */
export function dayCounts(t: TFunction, day: MonthDay, locale: Locale): string {
  return t('calendar.dayCounts', {
    day: formatDay(shanghaiInstant(day.day, '12:00'), locale),
    count: day.total,
    full: day.full,
    cancelled: day.cancelled,
  })
}

/**
 * The month before the calendar mounts (and without JavaScript): each day's counts, its first
 * shifts and "+N more" to its day. Kept terse: a city's month is 35 of these.
 */
export function MonthSummary({ data, days }: { data: LoaderData; days: MonthDay[] }) {
  const { t, i18n } = useTranslation()
  const [search] = useSearchParams()
  const locale = i18n.language as Locale
  // A month repeats a handful of labels a hundred times; translating each once keeps the server render short.
  const labels = useMemo(() => new Map<string, string>(), [t])
  const once = (key: string, make: () => string) => {
    let label = labels.get(key)
    if (label === undefined) labels.set(key, (label = make()))
    return label
  }
  return (
    <section aria-labelledby="shift-list-heading" className="space-y-3">
      <h2 id="shift-list-heading" className="sr-only">
        {t('calendar.listHeading')}
      </h2>
      {days.length === 0 ? <p className="text-stone-600">{t('calendar.noEvents')}</p> : null}
      {days.map((day) => (
        <div key={day.day}>
          <h3 className="font-semibold">{dayCounts(t, day, locale)}</h3>
          <ul>
            {day.shifts.map((shift) => {
              const label = once(`${shift.role}|${shift.place_name}`, () => shiftLabel(t, shift))
              const seats = once(`${shift.status}|${shift.capacity}|${shift.confirmed_count}`, () =>
                availabilityText(t, shift),
              )
              return (
                <li key={shift.id}>
                  <Link to={`/shifts/${shift.id}`} className="text-brand-800">
                    {formatTime(shift.starts_at)} {label}
                  </Link>{' '}
                  · {seats}
                </li>
              )
            })}
          </ul>
          {day.total > day.shifts.length ? (
            <Link to={dayViewHref(search, day.day)} className="text-brand-700 underline">
              {t('calendar.more', { count: day.total - day.shifts.length })}
            </Link>
          ) : null}
        </div>
      ))}
      <RangeNav data={data} />
    </section>
  )
}

/** The list's pages: stable URLs (`?view=list&page=2`) that keep the filters. */
export function Pager({ data }: { data: LoaderData }) {
  const { t } = useTranslation()
  const [search] = useSearchParams()
  if (data.payload.kind !== 'list' || data.payload.pages <= 1) return null
  const { page, pages } = data.payload
  const to = (n: number) => withParams(search, { page: n === 1 ? undefined : String(n) })
  const button = 'rounded-md border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-100'
  return (
    <nav aria-label={t('calendar.pages')} className="flex items-center justify-between gap-2 text-sm">
      {page > 1 ? (
        <Link to={to(page - 1)} rel="prev" className={button}>
          {t('calendar.pagePrevious')}
        </Link>
      ) : (
        <span />
      )}
      <span aria-current="page">{t('calendar.page', { page, pages })}</span>
      {page < pages ? (
        <Link to={to(page + 1)} rel="next" className={button}>
          {t('calendar.pageNext')}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  )
}

/** The accessible list: grouped by day, each shift a link. The server renders it, so it works without JavaScript. */
export function ShiftList({
  data,
  shifts,
  max,
  pager,
}: {
  data: LoaderData
  shifts: CalendarShift[]
  max?: number
  pager?: ReactNode
}) {
  const { t, i18n } = useTranslation()
  const [search] = useSearchParams()
  const locale = i18n.language as Locale
  const days = new Map<string, CalendarShift[]>()
  const shown = max === undefined ? shifts : shifts.slice(0, max)
  for (const shift of shown) {
    const day = shanghaiDay(shift.starts_at)
    days.set(day, [...(days.get(day) ?? []), shift])
  }
  return (
    <section aria-labelledby="shift-list-heading" className="space-y-4">
      <h2 id="shift-list-heading" className="sr-only">
        {t('calendar.listHeading')}
      </h2>
      {days.size === 0 ? <p className="text-stone-600">{t('calendar.noEvents')}</p> : null}
      {[...days].map(([day, dayShifts]) => (
        <div key={day}>
          <DayHeading day={day} locale={locale} />
          <ul className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {dayShifts.map((shift) => (
              <ShiftItem key={shift.id} shift={shift} locale={locale} />
            ))}
          </ul>
        </div>
      ))}
      {shown.length < shifts.length ? (
        <p>
          <Link
            to={withParams(search, { view: 'list', from: undefined, to: undefined, page: undefined })}
            className="text-brand-700 underline"
          >
            {t('calendar.fullList', { count: shifts.length })}
          </Link>
        </p>
      ) : null}
      {pager}
      <RangeNav data={data} />
    </section>
  )
}
