import { createReadableStreamFromReadable, type LoaderFunctionArgs } from '@remix-run/node'
import { requireActor, STAFF } from '~/auth/require.server'
import { reportXlsx } from '~/domain/reports/exports.server'
import { reportForExport } from '~/domain/reports/report.server'
import { scopeFromRequest } from '~/domain/reports/scope.server'
import { createI18n } from '~/i18n/i18n'
import { getLocale } from '~/i18n/locale.server'

/** `/reports/<year>.xlsx` (one sheet per section), with the page's filters. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const { scope } = await scopeFromRequest(context.db, params.year, request)
  const report = await reportForExport(context.db, actor, scope, new Date())
  const locale = getLocale(request)
  const body = reportXlsx(report, { t: createI18n(locale).t, locale })
  return new Response(createReadableStreamFromReadable(body), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="tongxing-report-${scope.year}.xlsx"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
