/**
 * The report as rows of text and numbers, for the CSV, XLSX and PDF exports.
 * Text from the records (a school's name) is guarded against formula injection.
 */
import type { TFunction } from 'i18next'
import type { Report } from './model'
import { figureDefinition, figureName, labelText, sectionName, tableName } from './present'

/** A spreadsheet reads text starting with these as a formula (full-width forms too). */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/

export function guardText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

export interface FigureLine {
  section: string
  name: string
  value: number
  definition: string
}

export interface TableLine {
  section: string
  table: string
  label: string
  measure: string
  value: number
}

export function figureLines(report: Report, t: TFunction): FigureLine[] {
  const lines = report.sections.flatMap((s) =>
    s.figures.map((f) => ({
      section: sectionName(s, t),
      name: figureName(f, t),
      value: f.value,
      definition: figureDefinition(f, t),
    })),
  )
  for (const e of report.entered)
    lines.push({
      section: t('reports.section.entered'),
      name: `${t(`reports.entered.figure.${e.figure as 'visitors'}`)} (${t('reports.entered.marker')})`,
      value: e.value,
      definition: t('reports.entered.by', { name: e.enteredBy ?? '—', at: e.enteredAt.slice(0, 10) }),
    })
  return lines
}

export function tableLines(report: Report, t: TFunction, locale: string): TableLine[] {
  return report.sections.flatMap((s) =>
    s.tables.flatMap((table) =>
      table.rows.flatMap((row) =>
        table.measures.map((m, i) => ({
          section: sectionName(s, t),
          table: tableName(table, t),
          label: guardText(labelText(row.label, t, locale)),
          measure: t(`reports.measure.${m}`),
          value: row.values[i] ?? 0,
        })),
      ),
    ),
  )
}
