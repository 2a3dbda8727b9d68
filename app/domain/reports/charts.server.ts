/**
 * Bar charts drawn on the server as SVG (Apache ECharts' SSR renderer): they
 * show without JavaScript and print. The page puts each one's table beside it.
 */
import * as echarts from 'echarts'
import type { Table } from './model'

const FONT = "'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"

/**
 * Drawing costs tens of milliseconds a chart (more with a hundred sites), and a
 * report's numbers rarely change between views: the last drawings are kept by
 * their exact input.
 */
const drawn = new Map<string, string>()
const DRAWN_MAX = 64

export function barChartSvg(labels: string[], values: number[], title: string, width = 640, height = 280): string {
  const key = JSON.stringify([labels, values, title, width, height])
  const cached = drawn.get(key)
  if (cached !== undefined) return cached
  const svg = drawBarChart(labels, values, title, width, height)
  if (drawn.size >= DRAWN_MAX) drawn.delete(drawn.keys().next().value!)
  drawn.set(key, svg)
  return svg
}

function drawBarChart(labels: string[], values: number[], title: string, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: FONT },
      aria: { enabled: true, label: { description: title } },
      grid: { left: 48, right: 16, top: 16, bottom: labels.length > 8 ? 72 : 40 },
      xAxis: {
        type: 'category',
        data: labels,
        axisLabel: { interval: 0, rotate: labels.length > 8 ? 40 : 0, fontFamily: FONT },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontFamily: FONT } },
      series: [{ type: 'bar', data: values, itemStyle: { color: '#9f1239' }, label: { show: true, position: 'top' } }],
    })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

/** The tables charted on the page, by their first measure (sessions). */
export const CHARTED_TABLES = ['byMonth', 'byType', 'bySite'] as const

export function tableChart(table: Table, labels: string[], title: string): string {
  return barChartSvg(
    labels,
    table.rows.map((r) => r.values[0] ?? 0),
    title,
  )
}
