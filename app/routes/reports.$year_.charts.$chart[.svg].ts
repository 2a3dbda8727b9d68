import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireActor, STAFF } from '~/auth/require.server'
import { isChartId } from '~/domain/reports/charts'
import { reportChartSvg } from '~/domain/reports/charts.server'
import { serveReport } from '~/domain/reports/report.server'
import { scopeFromRequest } from '~/domain/reports/scope.server'
import { createI18n } from '~/i18n/i18n'
import { getLocale } from '~/i18n/locale.server'
import { notFoundPage } from '~/lib/params.server'

/** `/reports/<year>/charts/<table>.svg`: one of the page's charts, for the page's filters and the reader's language. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const chart = params.chart
  if (!isChartId(chart)) notFoundPage()
  const { scope } = await scopeFromRequest(context.db, params.year, request)
  const { report } = await serveReport(context.db, actor, scope, new Date())
  const locale = getLocale(request)
  const svg = reportChartSvg(report, chart, createI18n(locale).t, locale) ?? notFoundPage()
  // Not cached (the default private, no-store): the chart must show the figures of the table beside it.
  return new Response(svg, { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' } })
}
