import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireActor } from '~/auth/require.server'
import { ErrorList } from '~/components/form'
import { Card, buttonClass, inputClass, secondaryButtonClass } from '~/components/partner-ui'
import { VisitRequestDetails } from '~/components/visit-request-view'
import { referenceOf } from '~/domain/partners/limits'
import { FeedbackForm } from '~/domain/partners/schema'
import { getOwnVisitRequest, leaveVisitFeedback, withdrawVisitRequest } from '~/domain/partners/visit-requests.server'
import { pageTitle } from '~/i18n/meta'
import { orHttpError } from '~/lib/domain-response.server'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'partners.portal.visitRequests')

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, ['partner_contact'])
  return orHttpError(getOwnVisitRequest(context.db, actor, idParam(params)))
}

const Action = z.discriminatedUnion('intent', [z.object({ intent: z.literal('withdraw') }), FeedbackForm])

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, ['partner_contact'])
  const id = idParam(params)
  // Another organisation's record is a 404 whatever the form says, so scope is checked before the form.
  await orHttpError(getOwnVisitRequest(context.db, actor, id))
  const submission = parseWithZod(await request.formData(), { schema: Action })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const input = submission.value
  try {
    if (input.intent === 'withdraw') {
      await withdrawVisitRequest(context.db, actor, id, requestMeta(context))
      return redirectWithToast(`/partner/visit-requests/${id}`, { key: 'partners.visits.withdrawn' })
    }
    await leaveVisitFeedback(
      context.db,
      actor,
      id,
      { rating: input.rating, comment: input.comment },
      requestMeta(context),
    )
    return redirectWithToast(`/partner/visit-requests/${id}`, { key: 'partners.visits.feedbackSaved' })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

export default function PartnerVisitRequest() {
  const row = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation()
  const errors = [...new Set(Object.values(result?.error ?? {}).flat())].filter(
    (e): e is string => typeof e === 'string',
  )
  const canFeedback = row.status === 'scheduled' && row.activity_status === 'completed' && !row.feedback_at
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link to="/partner" className="text-sm text-brand-700 underline">
        ← {t('partners.portal.title')}
      </Link>
      <Card title={t('partners.visits.detailTitle', { reference: referenceOf('VR', row.id) })}>
        <VisitRequestDetails row={row} />
        <ErrorList errors={errors} />
        {row.status === 'submitted' || row.status === 'accepted' ? (
          <Form method="post" className="mt-4">
            <button type="submit" name="intent" value="withdraw" className={secondaryButtonClass}>
              {t('partners.visits.withdraw')}
            </button>
          </Form>
        ) : null}
      </Card>
      {canFeedback ? (
        <Card title={t('partners.visits.feedback')}>
          <Form method="post" className="space-y-3">
            <fieldset>
              <legend className="text-sm">{t('partners.visits.rating')}</legend>
              <div className="mt-1 flex gap-3">
                {[1, 2, 3, 4, 5].map((n) => (
                  <label key={n} className="flex items-center gap-1">
                    <input type="radio" name="rating" value={n} required /> {n}
                  </label>
                ))}
              </div>
            </fieldset>
            <label className="block text-sm">
              {t('partners.visits.comment')}
              <textarea name="comment" rows={3} maxLength={1000} className={inputClass} />
            </label>
            <button type="submit" name="intent" value="feedback" className={buttonClass}>
              {t('partners.visits.sendFeedback')}
            </button>
          </Form>
        </Card>
      ) : null}
    </div>
  )
}
