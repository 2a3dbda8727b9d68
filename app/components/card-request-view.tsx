import { useTranslation } from 'react-i18next'
import type { CardRequestStatus, Locale } from '#db/schema'
import { formatDayWithYear } from '~/lib/dates'
import { Badge } from './partner-ui'

export interface CardRequestView {
  request: {
    id: number
    organisation: string
    requested_by_name: string
    card_count: number
    loan_limit: number
    loan_period_days: number
    status: CardRequestStatus
    note: string | null
    decision_note: string | null
    created_at: string
  }
  lines: {
    line_no: number
    class_name: string
    card_count: number
    requested_card_count: number
    teacher_name: string | null
  }[]
  cards: { card_number: string; class_name: string | null }[]
}

/** A card request's classes, terms, answer and (once issued) card numbers by class. */
export function CardRequestDetails({ view }: { view: CardRequestView }) {
  const { t, i18n } = useTranslation()
  const { request, lines, cards } = view
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap items-center gap-2 text-sm text-stone-700">
        <Badge status={request.status}>{t(`partners.status.${request.status}`)}</Badge>
        <span>{request.organisation}</span>·<span>{request.requested_by_name}</span>·
        <span>{formatDayWithYear(request.created_at, i18n.language as Locale)}</span>
      </p>
      <p className="text-sm">
        {t('partners.cards.total', { count: request.card_count })} ·{' '}
        {t('partners.cards.terms', { limit: request.loan_limit, days: request.loan_period_days })}
      </p>
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-stone-200 text-stone-600">
            <th className="py-1">{t('partners.cards.className')}</th>
            <th className="py-1">{t('partners.cards.cardCount')}</th>
            <th className="py-1">{t('partners.cards.teacher')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.line_no} className="border-b border-stone-100">
              <td className="py-1">{l.class_name}</td>
              <td className="py-1">
                {l.card_count}
                {l.card_count !== l.requested_card_count ? (
                  <span className="text-xs text-stone-500">
                    {' '}
                    ({t('partners.cards.requested', { count: l.requested_card_count })})
                  </span>
                ) : null}
              </td>
              <td className="py-1">{l.teacher_name ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {request.note ? <p className="text-sm text-stone-700">{request.note}</p> : null}
      {request.decision_note ? (
        <p className="rounded-md bg-stone-50 p-2 text-sm">
          <span className="font-medium">{t('partners.cards.decision')}：</span>
          {request.decision_note}
        </p>
      ) : null}
      {cards.length ? (
        <div>
          <h3 className="font-semibold">{t('partners.cards.cards')}</h3>
          <ul className="mt-1 divide-y divide-stone-100" data-testid="card-numbers">
            {cards.map((c) => (
              <li key={c.card_number} className="flex justify-between py-1 text-sm">
                <span>{c.class_name}</span>
                <span className="font-mono">{c.card_number}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  )
}
