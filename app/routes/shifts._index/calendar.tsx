import type { Locale } from '#db/schema'
import { Link, useNavigate, useSearchParams } from '@remix-run/react'
import { format, getDay, parse, startOfWeek } from 'date-fns'
import { enUS, zhCN } from 'date-fns/locale'
import { useEffect, useMemo, useState, type ReactNode, type SyntheticEvent } from 'react'
import { Calendar, dateFnsLocalizer, type Formats, type View } from 'react-big-calendar'
import { useTranslation } from 'react-i18next'
import type { MonthDay, ShiftCard } from '~/domain/shifts/calendar.server'
import { inShanghai } from '~/lib/dates'
import { availabilityText, shiftLabel, textOn } from './labels'
import { dayCounts, dayViewHref, withParams } from './list'
import { AGENDA_DAYS, layoutOf, rangeFor, type ViewName } from './range'
import type { LoaderData } from './route'

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
  resource: ShiftCard
}

/*
 * react-big-calendar's own markup has accessibility faults that axe reports;
 * these wrappers and tailwind.css's `.rbc-calendar` rules mend them:
 * - a month row (`role="row"`) holds the week's events directly, and a row may
 *   only hold cells: the events go into one cell of their own;
 * - the week and day grids label their day headers `columnheader` outside any
 *   table row: there they are plain text;
 * - in the week and day grids each event is already a focusable button, so a
 *   link inside it would nest controls: the button itself opens the shift.
 */
function WeekShifts({ children }: { children?: ReactNode }) {
  const { t } = useTranslation()
  return (
    <div role="cell" aria-label={t('calendar.weekShifts')}>
      {children}
    </div>
  )
}

function PlainHeader({ label }: { label: ReactNode }) {
  return <span>{label}</span>
}

function EventText({ event }: { event: ShiftEvent }) {
  return <span className="block truncate">{event.title}</span>
}

/** A month cell's date, linked to its day, and "+N more" when the day has more shifts than the cell shows. */
function MonthCellHeader({
  day,
  date,
  label,
  search,
}: {
  day: MonthDay | undefined
  date: string
  label: string
  search: URLSearchParams
}) {
  const { t, i18n } = useTranslation()
  const more = day ? day.total - day.shifts.length : 0
  const href = dayViewHref(search, date)
  return (
    <div className="flex items-baseline justify-between gap-1 px-1">
      {day && more > 0 ? (
        <Link to={href} className="truncate text-xs text-brand-800 underline">
          {t('calendar.more', { count: more })}
          <span className="sr-only"> ({dayCounts(t, day, i18n.language as Locale)})</span>
        </Link>
      ) : (
        <span />
      )}
      <Link to={href} className="text-inherit no-underline">
        {label}
      </Link>
    </div>
  )
}

export function ShiftCalendar({ data }: { data: LoaderData }) {
  const { t, i18n } = useTranslation()
  const [search, setSearch] = useSearchParams()
  const [isPhone] = useState(() => window.matchMedia('(max-width: 639px)').matches)
  const view: Exclude<ViewName, 'list'> =
    (data.query.view as Exclude<ViewName, 'list'> | undefined) ?? (isPhone ? 'agenda' : 'month')
  const anchor = data.query.date ?? data.today

  // Ask the loader for exactly the days this view shows, in the view's own shape, when they are not loaded yet.
  useEffect(() => {
    const needed = rangeFor(view, anchor)
    if (layoutOf(view) !== data.payload.kind || needed.from < data.range.from || needed.to > data.range.to) {
      setSearch(withParams(search, { view, date: anchor, ...needed }), { replace: true, preventScrollReset: true })
    }
  }, [view, anchor, data.payload.kind, data.range.from, data.range.to, search, setSearch])

  const go = (nextView: Exclude<ViewName, 'list'>, nextAnchor: string) =>
    setSearch(withParams(search, { view: nextView, date: nextAnchor, ...rangeFor(nextView, nextAnchor) }), {
      preventScrollReset: true,
    })

  const { payload } = data
  const monthDays = useMemo(
    () => new Map(payload.kind === 'month' ? payload.days.map((day) => [day.day, day]) : []),
    [payload],
  )
  const events = useMemo<ShiftEvent[]>(
    () =>
      (payload.kind === 'month' ? payload.days.flatMap((day) => day.shifts) : payload.shifts).map((shift) => ({
        title: `${shiftLabel(t, shift)} · ${availabilityText(t, shift)}`,
        start: wallClock(shift.starts_at),
        end: wallClock(shift.ends_at),
        resource: shift,
      })),
    [payload, t],
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
  const navigate = useNavigate()
  const open = (event: ShiftEvent) => navigate(`/shifts/${event.resource.id}`)
  const openOnKey = (event: ShiftEvent, key: SyntheticEvent) => {
    if (key.nativeEvent instanceof KeyboardEvent && (key.nativeEvent.key === 'Enter' || key.nativeEvent.key === ' ')) {
      key.preventDefault()
      open(event)
    }
  }
  const timeGrid = view === 'week' || view === 'day'
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
  const DateHeader = ({ date, label }: { date: Date; label: string }) => (
    <MonthCellHeader
      day={monthDays.get(dayOfWallClock(date))}
      date={dayOfWallClock(date)}
      label={label}
      search={search}
    />
  )
  // `weekWrapper` is a real react-big-calendar component slot that its types leave out.
  const components = {
    weekWrapper: WeekShifts,
    month: { event: EventLink, dateHeader: DateHeader },
    week: { event: EventText, header: PlainHeader },
    day: { event: EventText, header: PlainHeader },
    agenda: { event: AgendaEventLink },
  }
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
        // A cell holds its first shifts only; "+N more" (ours, with the true count) leads to the day.
        showAllEvents
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
        onSelectEvent={timeGrid ? open : undefined}
        onKeyPressEvent={timeGrid ? openOnKey : undefined}
        components={components}
      />
    </div>
  )
}
