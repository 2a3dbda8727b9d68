import type { Day, Instant, JsonText } from './types'

/** Figures of the year-end summary that happen outside the platform (at the desk, in the press). */
export const ENTERED_FIGURES = [
  'visitors',
  'loans',
  'desk_cards_issued',
  'articles_published',
  'media_coverage',
] as const
export type EnteredFigure = (typeof ENTERED_FIGURES)[number]

/** A figure staff entered for a year, with who entered it and when. */
export interface ReportEnteredFigureTable {
  year: number
  figure: EnteredFigure
  value: number
  entered_by: number | null
  entered_at: Instant
}

/** A closed year: the report as published, served instead of the live data. */
export interface ReportSnapshotTable {
  year: number
  report: JsonText
  closed_by: number | null
  closed_at: Instant
}

/**
 * A Shanghai day on which a volunteer had approved service, with their
 * previous such day. Kept by database triggers from the approved sign-ups
 * (migration 20261204T0900_add_report_tallies): never written by the app.
 */
export interface VolunteerServiceDayTable {
  volunteer_id: number
  day: Day
  previous_day: Day | null
}

/** A shift's attendances and approved service minutes, kept by database triggers from its sign-ups (as above). */
export interface ShiftServiceTotalTable {
  shift_id: number
  attendances: number
  approved_minutes: number
}
