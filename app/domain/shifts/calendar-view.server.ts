/**
 * The calendar page's one domain call: the filter, the "only shifts I can take"
 * rule (the sign-up's own eligibility, applied before anything is counted or
 * paged), then the payload the view draws.
 */
import type { Kysely } from 'kysely'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import {
  listShiftIds,
  listShiftPage,
  listShiftsForCalendar,
  loadMonth,
  type CalendarFilter,
  type CalendarShift,
  type MonthDay,
} from '~/domain/shifts/calendar.server'
import { loadEligibility } from '~/domain/signups/eligibility.server'

/** Shifts a month cell shows before "+N more". */
export const MONTH_CELL_SHIFTS = 3
export const LIST_PAGE_SIZE = 50

export type CalendarPayload =
  | { kind: 'month'; days: MonthDay[]; total: number }
  | { kind: 'range'; shifts: CalendarShift[]; total: number }
  | { kind: 'list'; shifts: CalendarShift[]; total: number; page: number; pages: number }

export interface CalendarRequest {
  layout: CalendarPayload['kind']
  filter: CalendarFilter
  /** The list's page, from 1. */
  page: number
  /** Keep only the shifts this volunteer may sign up for. */
  takeableBy?: Actor
}

export async function loadCalendar(db: Kysely<DB>, request: CalendarRequest, now: Date): Promise<CalendarPayload> {
  let filter = request.filter
  if (request.takeableBy) {
    const ids = await listShiftIds(db, filter)
    const eligibility = await loadEligibility(db, request.takeableBy, ids, now)
    filter = { ...filter, onlyIds: ids.filter((id) => eligibility.get(id)?.eligible) }
  }
  switch (request.layout) {
    case 'month': {
      const days = await loadMonth(db, filter, MONTH_CELL_SHIFTS)
      return { kind: 'month', days, total: days.reduce((sum, day) => sum + day.total, 0) }
    }
    case 'range': {
      const shifts = await listShiftsForCalendar(db, filter)
      return { kind: 'range', shifts, total: shifts.length }
    }
    case 'list': {
      const { shifts, total } = await listShiftPage(db, filter, request.page, LIST_PAGE_SIZE)
      return { kind: 'list', shifts, total, page: request.page, pages: Math.max(1, Math.ceil(total / LIST_PAGE_SIZE)) }
    }
  }
}
