import { useTranslation } from 'react-i18next'
import type { Locale } from '#db/schema'
import type { VisitRequestRow } from '~/domain/partners/visit-requests.server'
import { formatTimeRange } from '~/lib/dates'
import { Badge } from './partner-ui'

/** A visit request, the library's answer, the planned visit and its outcome. */
export function VisitRequestDetails({ row }: { row: VisitRequestRow }) {
  const { t, i18n } = useTranslation()
  const needs = row.needs ? (JSON.parse(row.needs) as string[]) : []
  return (
    <div className="space-y-2 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <Badge status={row.status}>{t(`partners.status.${row.status}`)}</Badge>
        <span>{row.organisation}</span>·<span>{t(`partners.visits.kinds.${row.kind}`)}</span>
      </p>
      {row.topic ? <p className="font-medium">{row.topic}</p> : null}
      <p>
        {t('partners.visits.preferredDates')}：{row.preferred_dates}
      </p>
      <p>
        {row.audience ?? ''} {row.expected_participants ? `· ${row.expected_participants}` : ''}
      </p>
      {needs.length ? (
        <p>{needs.map((n) => t(`partners.visits.need.${n}` as 'partners.visits.need.projector')).join('、')}</p>
      ) : null}
      {row.note ? <p className="text-stone-700">{row.note}</p> : null}
      {row.status === 'accepted' && row.proposed_on ? (
        <p className="rounded-md bg-sky-50 p-2">
          {t('partners.visits.proposed', { day: row.proposed_on })} {row.decision_note ?? ''}
        </p>
      ) : null}
      {row.status === 'declined' && row.decision_note ? (
        <p className="rounded-md bg-stone-50 p-2">
          {t('partners.visits.declineReason', { reason: row.decision_note })}
        </p>
      ) : null}
      {row.activity_id && row.activity_starts_at && row.activity_ends_at ? (
        <div className="rounded-md bg-green-50 p-2" data-testid="planned-visit">
          <p className="font-medium">{t('partners.visits.plannedVisit')}</p>
          <p>{row.activity_title}</p>
          <p>{formatTimeRange(row.activity_starts_at, row.activity_ends_at, i18n.language as Locale)}</p>
          {row.activity_status ? <p>{t(`partners.activityStatus.${row.activity_status}`)}</p> : null}
          {row.activity_status === 'completed' && row.activity_participants !== null ? (
            <p>{t('partners.visits.outcome', { count: row.activity_participants })}</p>
          ) : null}
          {row.activity_outcome ? <p className="text-stone-700">{row.activity_outcome}</p> : null}
        </div>
      ) : null}
      {row.feedback_rating ? (
        <p className="rounded-md bg-amber-50 p-2">
          {t('partners.visits.yourFeedback', { rating: row.feedback_rating })} {row.feedback_comment ?? ''}
        </p>
      ) : null}
    </div>
  )
}
