/** Words for a report's ids and labels, shared by the page and every export. */
import type { TFunction } from 'i18next'
import type { Figure, Label, Section, Table } from './model'

export function labelText(label: Label, t: TFunction, locale: string): string {
  if ('text' in label) return label.text
  if ('month' in label) {
    const [y, m] = label.month.split('-')
    return locale === 'en' ? `${y}-${m}` : `${y}年${Number(m)}月`
  }
  // Label keys are built from the enumerations (activity.type.*, reports.theme.*); the key itself is the fallback.
  return t(label.key, { defaultValue: label.key })
}

export const figureName = (f: Figure, t: TFunction) => t(`reports.figure.${f.id}.name`)
export const figureDefinition = (f: Figure, t: TFunction) => t(`reports.figure.${f.id}.def`)
export const tableName = (table: Table, t: TFunction) => t(`reports.table.${table.id}.name`)
export const tableDefinition = (table: Table, t: TFunction) => t(`reports.table.${table.id}.def`)
export const sectionName = (s: Section, t: TFunction) => t(`reports.section.${s.id}`)
