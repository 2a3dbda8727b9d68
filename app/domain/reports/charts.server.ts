/**
 * Bar charts drawn on the server as SVG (Apache ECharts' SSR renderer): they
 * show without JavaScript and print. Each is served as an image of its own
 * (routes/reports.$year_.charts.$chart[.svg].ts); the page puts its table beside it.
 */
import * as echarts from 'echarts'
import type { TFunction } from 'i18next'
import { CHART_HEIGHT, CHART_WIDTH, type ChartId } from './charts'
import { tableOf, type Report } from './model'
import { labelText, tableName } from './present'

const FONT = "'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"

/**
 * Drawing costs tens of milliseconds a chart (more with a hundred sites), and a
 * report's numbers rarely change between views: the last drawings are kept by
 * their exact input.
 */
const drawn = new Map<string, string>()
const DRAWN_MAX = 64

export function barChartSvg(
  labels: string[],
  values: number[],
  title: string,
  width = CHART_WIDTH,
  height = CHART_HEIGHT,
): string {
  const key = JSON.stringify([labels, values, title, width, height])
  const cached = drawn.get(key)
  if (cached !== undefined) return cached
  const svg = drawBarChart(labels, values, title, width, height)
  if (drawn.size >= DRAWN_MAX) drawn.delete(drawn.keys().next().value!)
  drawn.set(key, svg)
  return svg
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!)

function drawBarChart(labels: string[], values: number[], title: string, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: FONT },
      grid: { left: 48, right: 16, top: 16, bottom: labels.length > 8 ? 72 : 40 },
      xAxis: {
        type: 'category',
        data: labels,
        axisLabel: { interval: 0, rotate: labels.length > 8 ? 40 : 0, fontFamily: FONT },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontFamily: FONT } },
      series: [{ type: 'bar', data: values, itemStyle: { color: '#9f1239' }, label: { show: true, position: 'top' } }],
    })
    // The SSR string carries no accessible name (ECharts' aria option needs a DOM): the title goes in as <title>.
    return chart.renderToSVGString().replace(/^<svg[^>]*>/, (open) => `${open}<title>${escapeXml(title)}</title>`)
  } finally {
    chart.dispose()
  }
}

/** A report table's chart in the reader's language, or null when the report has no such table. */
export function reportChartSvg(report: Report, id: ChartId, t: TFunction, locale: string): string | null {
  const table = tableOf(report, id)
  if (!table) return null
  return barChartSvg(
    table.rows.map((r) => labelText(r.label, t, locale)),
    table.rows.map((r) => r.values[0] ?? 0),
    tableName(table, t),
  )
}
