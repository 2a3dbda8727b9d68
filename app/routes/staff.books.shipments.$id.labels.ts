import type { ActionFunctionArgs } from '@remix-run/node'
import { requireActor, STAFF } from '~/auth/require.server'
import { renderBoxLabels } from '~/domain/books/labels.server'
import { labelReceiptLink } from '~/domain/books/receipt-links.server'
import { getShipmentForStaff } from '~/domain/books/shipments.server'
import { referenceOf } from '~/domain/partners/limits'
import { createI18n, isLocale } from '~/i18n/i18n'
import { orHttpError } from '~/lib/domain-response.server'
import { idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'

/** Box labels (PDF). A POST: printing issues a fresh receipt link for the QR codes. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const id = idParam(params)
  const shipment = await orHttpError(getShipmentForStaff(context.db, actor, id))
  const receiptUrl = await orHttpError(labelReceiptLink(context.db, actor, id, requestMeta(context)))
  const { t } = createI18n(isLocale(actor.locale) ? actor.locale : 'zh-CN')
  const pdf = await renderBoxLabels({
    reference: referenceOf('SH', id),
    organisation: shipment.organisation,
    address: shipment.address,
    programme: shipment.programme,
    bookCount: shipment.book_count,
    boxCount: shipment.box_count,
    receiptUrl,
    words: {
      box: (n, m) => t('books.labelBox', { n, m }),
      books: (count) => t('books.books', { count }),
      scan: t('books.labelScan'),
    },
  })
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="labels-${referenceOf('SH', id)}.pdf"`,
      'Cache-Control': 'no-store',
    },
  })
}

export function loader() {
  throw new Response(null, { status: 405 })
}
