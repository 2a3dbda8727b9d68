/**
 * The shape of a year-end report: sections of figures and tables, every one
 * named by an id whose title and DEFINITION live in the locales
 * (`reports.figure.<id>`, `reports.table.<id>`). Plain JSON, so a closed year
 * is stored as it was published.
 */
export const SECTIONS = ['activities', 'outreach', 'volunteers', 'partners'] as const
export type SectionId = (typeof SECTIONS)[number]

export const FIGURE_IDS = [
  'sessions',
  'attendances',
  'visits',
  'visitAttendances',
  'peopleServed',
  'booksDelivered',
  'booksReceived',
  'shipments',
  'booksShipped',
  'shortfalls',
  'booksMissing',
  'registered',
  'active',
  'newVolunteers',
  'volunteerAttendances',
  'approvedHours',
  'hoursPerActive',
  'trainingsHeld',
  'peopleTrained',
  'certificatesIssued',
  'insuredActivities',
  'partners',
  'agreementsInForce',
  'bulkCards',
  'visitsRequested',
  'visitsHeld',
] as const
export type FigureId = (typeof FIGURE_IDS)[number]

export const TABLE_IDS = [
  'byType',
  'byMode',
  'byTheme',
  'byCampaign',
  'byMonth',
  'bySite',
  'byProgramme',
  'visitsByKind',
  'peopleByGroup',
  'byAgeBand',
  'partnersByKind',
  'bulkCardsBySchool',
] as const
export type TableId = (typeof TABLE_IDS)[number]

export const MEASURES = ['sessions', 'attendances', 'people', 'volunteers', 'count', 'cards'] as const
export type Measure = (typeof MEASURES)[number]

/** A row's label: an i18n key (a type, a month) or a name from the records (a site, a school). */
export type Label = { key: string } | { text: string } | { month: string }

export interface Figure {
  id: FigureId
  value: number
  /** Hours carry one decimal; everything else is a whole count. */
  decimals?: 1
}

export interface Row {
  label: Label
  values: number[]
}

export interface Table {
  id: TableId
  measures: Measure[]
  rows: Row[]
}

export interface Section {
  id: SectionId
  figures: Figure[]
  tables: Table[]
}

export interface EnteredValue {
  figure: string
  value: number
  enteredBy: string | null
  enteredAt: string
}

export interface ReportScope {
  year: number
  /** First and last day, inclusive, Asia/Shanghai. */
  from: string
  to: string
  siteId: number | null
  programmeId: number | null
}

export interface Report {
  version: 1
  scope: ReportScope
  generatedAt: string
  sections: Section[]
  entered: EnteredValue[]
}

export function section(report: Report, id: SectionId): Section {
  const found = report.sections.find((s) => s.id === id)
  if (!found) throw new Error(`report without section ${id}`)
  return found
}

export function figureValue(report: Report, id: FigureId): number {
  for (const s of report.sections) {
    const found = s.figures.find((f) => f.id === id)
    if (found) return found.value
  }
  return 0
}

export function tableOf(report: Report, id: TableId): Table | undefined {
  for (const s of report.sections) {
    const found = s.tables.find((t) => t.id === id)
    if (found) return found
  }
  return undefined
}

/** A stable identity for a label, for diffs and look-ups. */
export function labelId(label: Label): string {
  return 'key' in label ? label.key : 'month' in label ? label.month : `name:${label.text}`
}

/** Every number in the report as `path = value`, for the diff against the live data. */
export function flatten(report: Report): Map<string, number> {
  const out = new Map<string, number>()
  for (const s of report.sections) {
    for (const f of s.figures) out.set(`${s.id}.${f.id}`, f.value)
    for (const t of s.tables)
      for (const r of t.rows) t.measures.forEach((m, i) => out.set(`${t.id}.${labelId(r.label)}.${m}`, r.values[i]!))
  }
  for (const e of report.entered) out.set(`entered.${e.figure}`, e.value)
  return out
}

export interface Change {
  path: string
  published: number | null
  live: number | null
}

/** What differs between the published snapshot and the live data, figure by figure. */
export function diffReports(published: Report, live: Report): Change[] {
  const a = flatten(published)
  const b = flatten(live)
  const changes: Change[] = []
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    const before = a.get(path) ?? null
    const after = b.get(path) ?? null
    if ((before ?? 0) !== (after ?? 0)) changes.push({ path, published: before, live: after })
  }
  return changes
}

/** The whole of `year`, unfiltered: the report a closed year publishes. */
export const wholeYear = (year: number): ReportScope => ({
  year,
  from: `${year}-01-01`,
  to: `${year}-12-31`,
  siteId: null,
  programmeId: null,
})
