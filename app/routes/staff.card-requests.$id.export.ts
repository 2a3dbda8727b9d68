import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { requireActor, STAFF } from '~/auth/require.server'
import { cardsCsv, cardsXlsx } from '~/domain/partners/card-export.server'
import { getCardRequestForStaff } from '~/domain/partners/card-requests.server'
import { referenceOf } from '~/domain/partners/limits'
import { createI18n, isLocale } from '~/i18n/i18n'
import { orHttpError } from '~/lib/domain-response.server'
import { idParam, notFoundPage, searchParams } from '~/lib/params.server'

const Query = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') })

/** The issued card numbers by class, for the library's records and the school. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const { format } = searchParams(request, Query)
  const view = await orHttpError(getCardRequestForStaff(context.db, actor, idParam(params)))
  if (view.cards.length === 0) notFoundPage()
  const t = createI18n(isLocale(actor.locale) ? actor.locale : 'zh-CN').t
  const header: [string, string] = [t('partners.cards.className'), t('partners.cards.cards')]
  const rows = view.cards.map((c) => ({ className: c.class_name, cardNumber: c.card_number }))
  const name = `cards-${referenceOf('CR', view.request.id)}`
  if (format === 'csv')
    return new Response(cardsCsv(header, rows), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}.csv"`,
      },
    })
  return new Response(new Uint8Array(await cardsXlsx(referenceOf('CR', view.request.id), header, rows)), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${name}.xlsx"`,
    },
  })
}
