/**
 * The year-end summary's own sentences, written from the report in the
 * library's style ("开展各类线上线下公益活动500余场，其中，培训71场、…").
 */
import type { TFunction } from 'i18next'
import type { ActivityTheme, ActivityType } from '#db/schema'
import { figureValue, tableOf, type Report } from './model'

/**
 * The rounding rule of the summary's headline counts:
 * - under 100: the exact number ("86次");
 * - 100 to 9,999: down to the hundred, with 余 ("over") when anything was dropped (512 → 500余, 500 → 500);
 * - 10,000 and more: down to the thousand, the same way (915,878 → 915,000余).
 */
export function roundDown(n: number): { value: number; over: boolean } {
  const step = n < 100 ? 1 : n < 10_000 ? 100 : 1000
  const value = Math.floor(n / step) * step
  return { value, over: value !== n }
}

/** The six types the summary names, in its order, each with its own measure word (场 or 次). */
export const SUMMARY_TYPES: readonly ActivityType[] = [
  'training',
  'lecture',
  'reading_promotion',
  'exhibition',
  'reading_service',
  'special_care',
]

function approx(t: TFunction, n: number, unit: 'sessions' | 'people' | 'books' | 'hours'): string {
  const { value, over } = roundDown(n)
  return t(over ? `reports.sentence.approx.${unit}` : `reports.sentence.exact.${unit}`, {
    count: value,
    value: value.toLocaleString('en-US'),
  })
}

function rowValue(report: Report, table: 'byType' | 'byTheme' | 'visitsByKind', key: string): number {
  return tableOf(report, table)?.rows.find((r) => 'key' in r.label && r.label.key === key)?.values[0] ?? 0
}

export function summarySentences(report: Report, t: TFunction): string[] {
  const sep = t('reports.sentence.listSeparator')
  const typed = SUMMARY_TYPES.map((type) => ({ type, n: rowValue(report, 'byType', `activity.type.${type}`) }))
    .filter((x) => x.n > 0)
    .map((x) => t(`reports.sentence.type.${x.type}`, { count: x.n }))
  const themes = (tableOf(report, 'byTheme')?.rows ?? [])
    .filter((r) => 'key' in r.label && r.label.key !== 'reports.label.none' && r.values[0]! > 0)
    .map((r) => t(('key' in r.label ? r.label.key : '') as `reports.theme.${ActivityTheme}`))
  const sessions = figureValue(report, 'sessions')
  const activities =
    typed.length === 0
      ? t('reports.sentence.activitiesOnly', { total: approx(t, sessions, 'sessions') })
      : t(themes.length ? 'reports.sentence.activities' : 'reports.sentence.activitiesNoThemes', {
          total: approx(t, sessions, 'sessions'),
          typed: typed.join(sep),
          themes: themes.join(sep),
        })
  const volunteers = t('reports.sentence.volunteers', {
    active: figureValue(report, 'active'),
    attendances: approx(t, figureValue(report, 'volunteerAttendances'), 'people'),
    hours: approx(t, Math.floor(figureValue(report, 'approvedHours')), 'hours'),
    trained: figureValue(report, 'peopleTrained'),
  })
  const outreach = t('reports.sentence.outreach', {
    visits: figureValue(report, 'visits'),
    people: approx(t, figureValue(report, 'peopleServed'), 'people'),
    special: rowValue(report, 'visitsByKind', 'reports.partnerKind.special_education_school'),
    elderly: rowValue(report, 'visitsByKind', 'reports.partnerKind.nursing_home'),
    leftBehind: rowValue(report, 'visitsByKind', 'reports.partnerKind.left_behind_children_home'),
  })
  const books = t('reports.sentence.books', {
    delivered: approx(t, figureValue(report, 'booksDelivered'), 'books'),
    received: approx(t, figureValue(report, 'booksReceived'), 'books'),
    cards: figureValue(report, 'bulkCards'),
    agreements: figureValue(report, 'agreementsInForce'),
  })
  return [activities, volunteers, outreach, books]
}
