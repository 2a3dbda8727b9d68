import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor, STAFF } from '~/auth/require.server'
import { CardRequestDetails } from '~/components/card-request-view'
import { ErrorList } from '~/components/form'
import { Card, buttonClass, inputClass, secondaryButtonClass } from '~/components/partner-ui'
import { approveCardRequest, getCardRequestForStaff, rejectCardRequest } from '~/domain/partners/card-requests.server'
import { issueCards, parseImportedNumbers } from '~/domain/partners/issue-cards.server'
import { referenceOf } from '~/domain/partners/limits'
import { CardDecisionForm } from '~/domain/partners/schema'
import { pageTitle } from '~/i18n/meta'
import { orHttpError } from '~/lib/domain-response.server'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'partners.queue.cardsTitle')

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  return orHttpError(getCardRequestForStaff(context.db, actor, idParam(params)))
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const id = idParam(params)
  const submission = parseWithZod(await request.formData(), { schema: CardDecisionForm })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const input = submission.value
  const meta = requestMeta(context)
  const back = `/staff/card-requests/${id}`
  try {
    if (input.intent === 'approve') {
      await approveCardRequest(
        context.db,
        actor,
        id,
        {
          lineCounts: input.lineCounts?.length ? input.lineCounts : null,
          loanLimit: input.loanLimit ?? null,
          loanPeriodDays: input.loanPeriodDays ?? null,
          note: input.note,
        },
        meta,
      )
      return redirectWithToast(back, { key: 'partners.queue.approved' })
    }
    if (input.intent === 'reject') {
      await rejectCardRequest(context.db, actor, id, input.reason, meta)
      return redirectWithToast(back, { key: 'partners.queue.rejected' })
    }
    const { cards } = await issueCards(
      context.db,
      actor,
      id,
      { imported: input.numbers ? parseImportedNumbers(input.numbers) : null },
      meta,
    )
    return redirectWithToast(back, { key: 'partners.queue.issued', params: { count: cards } })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

export default function StaffCardRequest() {
  const view = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const { request, lines, cards } = view
  const errors = [...(result?.error?.[''] ?? []), ...Object.values(result?.error ?? {}).flat()].filter(
    (e, i, all): e is string => typeof e === 'string' && all.indexOf(e) === i,
  )
  const pending = navigation.state === 'submitting'
  return (
    <div className="mx-auto max-w-3xl space-y-4 print:max-w-none">
      <Link to="/staff/card-requests" className="text-sm text-brand-700 underline print:hidden">
        ← {t('partners.queue.cardsTitle')}
      </Link>
      <Card title={t('partners.cards.detailTitle', { reference: referenceOf('CR', request.id) })}>
        <CardRequestDetails view={view} />
        {cards.length ? (
          <p className="mt-3 flex flex-wrap gap-3 text-sm print:hidden">
            <button type="button" onClick={() => window.print()} className="underline">
              {t('partners.queue.print')}
            </button>
            <a href={`/staff/card-requests/${request.id}/export?format=csv`} className="underline">
              {t('partners.queue.exportCsv')}
            </a>
            <a href={`/staff/card-requests/${request.id}/export?format=xlsx`} className="underline">
              {t('partners.queue.exportXlsx')}
            </a>
          </p>
        ) : null}
      </Card>
      <ErrorList errors={errors} />
      {request.status === 'submitted' ? (
        <>
          <Card title={t('partners.queue.approve')}>
            <Form method="post" className="space-y-3">
              <p className="text-sm text-stone-600">{t('partners.queue.approveHint')}</p>
              {lines.map((l, i) => (
                <label key={l.line_no} className="flex items-center justify-between gap-2 text-sm">
                  <span>{l.class_name}</span>
                  <input
                    name={`lineCounts[${i}]`}
                    type="number"
                    min={1}
                    defaultValue={l.card_count}
                    className="w-24 rounded-md border border-stone-300 px-2 py-1"
                  />
                </label>
              ))}
              <div className="grid grid-cols-2 gap-3">
                <label className="text-sm">
                  {t('partners.cards.loanLimit')}
                  <input name="loanLimit" type="number" defaultValue={request.loan_limit} className={inputClass} />
                </label>
                <label className="text-sm">
                  {t('partners.cards.loanPeriod')}
                  <input
                    name="loanPeriodDays"
                    type="number"
                    defaultValue={request.loan_period_days}
                    className={inputClass}
                  />
                </label>
              </div>
              <label className="block text-sm">
                {t('partners.queue.noteForContact')}
                <input name="note" className={inputClass} maxLength={500} />
              </label>
              <button type="submit" name="intent" value="approve" disabled={pending} className={buttonClass}>
                {t('partners.queue.approve')}
              </button>
            </Form>
          </Card>
          <Card title={t('partners.queue.reject')}>
            <Form method="post" className="space-y-3">
              <label className="block text-sm">
                {t('partners.queue.reason')}
                <textarea name="reason" required maxLength={500} rows={2} className={inputClass} />
              </label>
              <button type="submit" name="intent" value="reject" disabled={pending} className={secondaryButtonClass}>
                {t('partners.queue.reject')}
              </button>
            </Form>
          </Card>
        </>
      ) : null}
      {request.status === 'approved' ? (
        <Card title={t('partners.queue.issue')}>
          <Form method="post" className="space-y-3">
            <p className="text-sm text-stone-700">{t('partners.queue.issueGenerate')}</p>
            <label className="block text-sm">
              {t('partners.queue.issueImport')}
              <textarea name="numbers" rows={4} className={`${inputClass} font-mono`} />
            </label>
            <button type="submit" name="intent" value="issue" disabled={pending} className={buttonClass}>
              {t('partners.queue.issue')}
            </button>
          </Form>
        </Card>
      ) : null}
    </div>
  )
}
