import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor, STAFF } from '~/auth/require.server'
import { Badge, Card } from '~/components/partner-ui'
import { referenceOf } from '~/domain/partners/limits'
import { listVisitRequestQueue } from '~/domain/partners/visit-requests.server'
import { pageTitle } from '~/i18n/meta'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'partners.queue.visitsTitle')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  return { requests: await listVisitRequestQueue(context.db, actor) }
}

export default function VisitRequestQueue() {
  const { requests } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t('partners.queue.visitsTitle')}</h1>
      <Link to="/staff/card-requests" className="text-sm underline">
        {t('partners.queue.cardsTitle')}
      </Link>
      <Card>
        {requests.length === 0 ? (
          <p className="text-sm text-stone-600">{t('partners.portal.none')}</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {requests.map((r) => (
              <li key={r.id}>
                <Link to={`/staff/visit-requests/${r.id}`} className="flex items-center justify-between gap-2 py-2">
                  <span>
                    <span className="font-medium">{r.organisation}</span>
                    <span className="block text-xs text-stone-600">
                      {referenceOf('VR', r.id)} · {t(`partners.visits.kinds.${r.kind}`)} · {r.topic ?? ''}
                      {r.feedback_rating ? ` · ★${r.feedback_rating}` : ''}
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
