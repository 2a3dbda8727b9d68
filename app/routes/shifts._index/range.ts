/**
 * The days each calendar view shows: Shanghai calendar days `YYYY-MM-DD`,
 * [from, to) with `to` exclusive. Shared by the loader and the views.
 */
import { addDays } from '~/lib/dates'

export const VIEWS = ['month', 'week', 'day', 'agenda', 'list'] as const
export type ViewName = (typeof VIEWS)[number]
/** What the loader sends for a view: a month of cells, every shift of the range, or a page of the list. */
export function layoutOf(view: ViewName): 'month' | 'range' | 'list' {
  return view === 'month' ? 'month' : view === 'list' ? 'list' : 'range'
}
export const MAX_RANGE_DAYS = 42
export const AGENDA_DAYS = 30
export const LIST_DAYS = 7
/**
 * Before the calendar mounts (and without JavaScript) a calendar view shows its
 * first shifts as a list, with a link to the full list: rendering hundreds of
 * rows that the calendar replaces a moment later was most of the page's cost.
 */
export const FALLBACK_LIST_MAX = 40

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`)
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)
export const daysBetween = (from: string, to: string) => Math.round((dayMs(to) - dayMs(from)) / 86_400_000)
/** Monday on or before `day`. */
const mondayOf = (day: string) => addDays(day, -((new Date(dayMs(day)).getUTCDay() + 6) % 7))
const addMonths = (day: string, n: number) => {
  const d = new Date(dayMs(day))
  return toDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1))
}

/** The days a view shows around `anchor`, as react-big-calendar lays them out (weeks start on Monday). */
export function rangeFor(view: ViewName, anchor: string): { from: string; to: string } {
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

export function stepAnchor(view: ViewName, anchor: string, direction: 1 | -1): string {
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
