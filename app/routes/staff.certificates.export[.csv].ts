import { createReadableStreamFromReadable, type LoaderFunctionArgs } from '@remix-run/node'
import { requireActor, STAFF } from '~/auth/require.server'
import { exportServiceRecords } from '~/domain/certificates/export.server'
import { ExportSearch } from '~/domain/certificates/schema.server'
import { getLocale } from '~/i18n/locale.server'
import { searchParams } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { withTranslatedErrors } from '~/lib/resource-errors.server'

/** `/staff/certificates/export.csv?from=&to=`: approved service records for re-entry elsewhere (docs/certificates.md). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  return withTranslatedErrors(request, async () => {
    const { from, to, lang } = searchParams(request, ExportSearch)
    const locale = lang === 'en' ? 'en' : lang ? 'zh-CN' : getLocale(request)
    const csv = await exportServiceRecords(context.db, actor, { from, to }, locale, requestMeta(context))
    return new Response(createReadableStreamFromReadable(csv), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="service-records-${from}-${to}.csv"`,
        'Cache-Control': 'private, no-store',
      },
    })
  })
}
