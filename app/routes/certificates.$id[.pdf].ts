import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireActor } from '~/auth/require.server'
import { getPrintableCertificate } from '~/domain/certificates/download.server'
import { renderCertificatePdf } from '~/domain/certificates/render-pdf.server'
import { LangParam } from '~/domain/certificates/schema.server'
import { certificateSettings } from '~/domain/certificates/settings.server'
import { getLocale } from '~/i18n/locale.server'
import { idParam, searchParams } from '~/lib/params.server'
import { withTranslatedErrors } from '~/lib/resource-errors.server'

/** `/certificates/:id.pdf`: the certificate drawn from what it said at issue; its volunteer or staff only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context)
  return withTranslatedErrors(request, async () => {
    const id = idParam(params)
    const { lang } = searchParams(request, LangParam)
    const locale = lang === 'en' ? 'en' : lang ? 'zh-CN' : getLocale(request)
    const certificate = await getPrintableCertificate(context.db, actor, id, certificateSettings(context.env))
    const pdf = await renderCertificatePdf(certificate, locale)
    return new Response(new Uint8Array(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${certificate.number}${locale === 'en' ? '-en' : ''}.pdf"`,
        'Cache-Control': 'private, no-store',
        'X-Robots-Tag': 'noindex',
      },
    })
  })
}
