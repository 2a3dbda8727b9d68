/** Which report tables have a chart, and where each chart is served (`/reports/2021/charts/byMonth.svg?site=3`). */

/** The tables charted on the page, by their first measure (sessions). */
export const CHARTED_TABLES = ['byMonth', 'byType', 'bySite'] as const
export type ChartId = (typeof CHARTED_TABLES)[number]

export const CHART_WIDTH = 640
export const CHART_HEIGHT = 280

export const isChartId = (id: string | undefined): id is ChartId => CHARTED_TABLES.some((c) => c === id)

/** The chart's URL for a year and the scope's search string (scope.server.ts scopeSearch). */
export const chartUrl = (year: number, id: ChartId, search: string) => `/reports/${year}/charts/${id}.svg${search}`
