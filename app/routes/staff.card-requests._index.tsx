import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { CARD_REQUEST_STATUSES, type Locale } from '#db/schema'
import { requireActor, STAFF } from '~/auth/require.server'
import { Badge, Card } from '~/components/partner-ui'
import { listCardRequestQueue } from '~/domain/partners/card-requests.server'
import { referenceOf } from '~/domain/partners/limits'
import { pageTitle } from '~/i18n/meta'
import { formatDayWithYear } from '~/lib/dates'
import { searchParams } from '~/lib/params.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'partners.queue.cardsTitle')

const Query = z.object({ status: z.enum(CARD_REQUEST_STATUSES).optional() })

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const { status } = searchParams(request, Query)
  return { status: status ?? null, requests: await listCardRequestQueue(context.db, actor, status ?? null) }
}

export default function CardRequestQueue() {
  const { status, requests } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t('partners.queue.cardsTitle')}</h1>
      <nav className="flex flex-wrap gap-2 text-sm">
        <Link to="/staff/card-requests" className={status === null ? 'font-semibold underline' : 'underline'}>
          {t('partners.queue.all')}
        </Link>
        {CARD_REQUEST_STATUSES.map((s) => (
          <Link
            key={s}
            to={`/staff/card-requests?status=${s}`}
            className={status === s ? 'font-semibold underline' : 'underline'}
          >
            {t(`partners.status.${s}`)}
          </Link>
        ))}
        <Link to="/staff/visit-requests" className="ml-auto underline">
          {t('partners.queue.visitsTitle')}
        </Link>
      </nav>
      <Card>
        {requests.length === 0 ? (
          <p className="text-sm text-stone-600">{t('partners.portal.none')}</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {requests.map((r) => (
              <li key={r.id}>
                <Link to={`/staff/card-requests/${r.id}`} className="flex items-center justify-between gap-2 py-2">
                  <span>
                    <span className="font-medium">{r.organisation}</span>
                    <span className="block text-xs text-stone-600">
                      {referenceOf('CR', r.id)} · {t('partners.cards.total', { count: r.card_count })} ·{' '}
                      {r.requested_by_name} · {formatDayWithYear(r.created_at, i18n.language as Locale)}
                    </span>
                  </span>
                  <Badge status={r.status}>{t(`partners.status.${r.status}`)}</Badge>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  )
}
