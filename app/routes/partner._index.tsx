import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Locale } from '#db/schema'
import { requireActor } from '~/auth/require.server'
import { Badge, Card } from '~/components/partner-ui'
import { referenceOf } from '~/domain/partners/limits'
import { partnerPortal } from '~/domain/partners/portal.server'
import { pageTitle } from '~/i18n/meta'
import { formatDayWithYear, formatTimeRange } from '~/lib/dates'
import { orHttpError } from '~/lib/domain-response.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'partners.portal.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, ['partner_contact'])
  return orHttpError(partnerPortal(context.db, actor, new Date()))
}

export default function PartnerPortal() {
  const data = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const locale = i18n.language as Locale
  const totals = [
    ['partners.portal.visitsHeld', data.totals.visits],
    ['partners.portal.peopleServed', data.totals.people],
    ['partners.portal.booksReceived', data.totals.books],
    ['partners.portal.cardsIssued', data.totals.cards],
  ] as const
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <header>
        <h1 className="text-2xl font-bold text-brand-800">{t('partners.portal.title')}</h1>
        <p className="mt-1 text-sm text-stone-700">{t('partners.portal.intro', { organisation: data.organisation })}</p>
      </header>
      <div className="grid grid-cols-2 gap-2">
        <Link to="/partner/card-requests/new" className="rounded-xl bg-brand-700 p-3 text-center text-white">
          {t('partners.portal.newCardRequest')}
        </Link>
        <Link to="/partner/visit-requests/new" className="rounded-xl bg-brand-700 p-3 text-center text-white">
          {t('partners.portal.newVisitRequest')}
        </Link>
      </div>

      <Card title={t('partners.portal.deliveries')}>
        {data.deliveries.length === 0 ? (
          <p className="text-sm text-stone-600">{t('partners.portal.noDeliveries')}</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {data.deliveries.map((s) => (
              <li key={s.id} className="flex items-center justify-between gap-2 py-2">
                <div>
                  <p className="font-medium">{t('books.books', { count: s.book_count })}</p>
                  <p className="text-xs text-stone-600">
                    {referenceOf('SH', s.id)} · {s.shipped_on ?? ''}{' '}
                    {s.carrier ? `· ${s.carrier} ${s.waybill_number ?? ''}` : ''}
                  </p>
                </div>
                <div className="flex flex-col items-end gap-1">
                  <Badge status={s.status}>{t(`books.status.${s.status}`)}</Badge>
                  {s.status === 'shipped' ? (
                    <Link to={`/partner/shipments/${s.id}`} className="text-sm text-brand-700 underline">
                      {t('partners.portal.confirmReceipt')}
                    </Link>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t('partners.portal.comingVisits')}>
        {data.comingVisits.length === 0 ? (
          <p className="text-sm text-stone-600">{t('partners.portal.noComingVisits')}</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {data.comingVisits.map((v) => (
              <li key={v.id} className="py-2">
                <p className="font-medium">{v.title}</p>
                <p className="text-sm text-stone-700">{formatTimeRange(v.starts_at, v.ends_at, locale)}</p>
                {v.purpose ? <p className="text-sm text-stone-700">{v.purpose}</p> : null}
                <p className="text-xs text-stone-600">
                  {t(`partners.activityStatus.${v.status}`)} · {t('partners.portal.teamSize', { count: v.team_size })}
                </p>
                {v.team_lead_name ? (
                  <p className="text-sm text-stone-700">
                    {t('partners.portal.teamLead', { name: v.team_lead_name })}
                    {v.team_lead_phone ? (
                      <>
                        {' · '}
                        <a className="underline" href={`tel:${v.team_lead_phone}`}>
                          {v.team_lead_phone}
                        </a>
                      </>
                    ) : null}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t('partners.portal.cardRequests')}>
        {data.cardRequests.length === 0 ? (
          <p className="text-sm text-stone-600">{t('partners.portal.none')}</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {data.cardRequests.map((r) => (
              <li key={r.id}>
                <Link to={`/partner/card-requests/${r.id}`} className="flex items-center justify-between gap-2 py-2">
                  <span>
                    <span className="font-medium">{referenceOf('CR', r.id)}</span>{' '}
                    <span className="text-sm text-stone-600">{t('partners.cards.total', { count: r.card_count })}</span>
                    <span className="block text-xs text-stone-500">{formatDayWithYear(r.created_at, locale)}</span>
                  </span>
                  <Badge status={r.status}>{t(`partners.status.${r.status}`)}</Badge>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t('partners.portal.visitRequests')}>
        {data.visitRequests.length === 0 ? (
          <p className="text-sm text-stone-600">{t('partners.portal.none')}</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {data.visitRequests.map((r) => (
              <li key={r.id}>
                <Link to={`/partner/visit-requests/${r.id}`} className="flex items-center justify-between gap-2 py-2">
                  <span>
                    <span className="font-medium">{r.topic ?? t(`partners.visits.kinds.${r.kind}`)}</span>
                    <span className="block text-xs text-stone-500">
                      {referenceOf('VR', r.id)} · {t(`partners.visits.kinds.${r.kind}`)}
                    </span>
                  </span>
                  <Badge status={r.status}>{t(`partners.status.${r.status}`)}</Badge>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t('partners.portal.totals', { year: data.year })}>
        <dl className="grid grid-cols-2 gap-3">
          {totals.map(([key, value]) => (
            <div key={key} className="rounded-lg bg-brand-50 p-3">
              <dt className="text-xs text-stone-600">{t(key)}</dt>
              <dd className="text-xl font-semibold text-brand-800">{value.toLocaleString(i18n.language)}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </div>
  )
}
