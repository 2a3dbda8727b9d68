import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor, STAFF } from '~/auth/require.server'
import { ErrorList } from '~/components/form'
import { Card, buttonClass, inputClass, secondaryButtonClass } from '~/components/partner-ui'
import { VisitRequestDetails } from '~/components/visit-request-view'
import { referenceOf } from '~/domain/partners/limits'
import { VisitDecisionForm } from '~/domain/partners/schema'
import { decideVisitRequest, getVisitRequestForStaff } from '~/domain/partners/visit-requests.server'
import { pageTitle } from '~/i18n/meta'
import { orHttpError } from '~/lib/domain-response.server'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'partners.queue.visitsTitle')

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  return orHttpError(getVisitRequestForStaff(context.db, actor, idParam(params)))
}

/** `day` + `HH:MM` in Asia/Shanghai as an instant. */
const shanghai = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`).toISOString()

const DONE = {
  accept: 'partners.visits.accepted',
  propose: 'partners.visits.proposedDone',
  decline: 'partners.visits.declined',
  plan: 'partners.visits.planned',
} as const

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const id = idParam(params)
  const submission = parseWithZod(await request.formData(), { schema: VisitDecisionForm })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const input = submission.value
  try {
    await decideVisitRequest(
      context.db,
      actor,
      id,
      input.intent === 'plan'
        ? {
            kind: 'plan',
            visit: {
              title: input.title,
              startsAt: shanghai(input.day, input.startTime),
              endsAt: shanghai(input.day, input.endTime),
            },
          }
        : input.intent === 'propose'
          ? { kind: 'propose', day: input.day, note: input.note }
          : input.intent === 'decline'
            ? { kind: 'decline', reason: input.reason }
            : { kind: 'accept', note: input.note },
      requestMeta(context),
    )
    return redirectWithToast(`/staff/visit-requests/${id}`, { key: DONE[input.intent] })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

export default function StaffVisitRequest() {
  const row = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const errors = [...new Set(Object.values(result?.error ?? {}).flat())].filter(
    (e): e is string => typeof e === 'string',
  )
  const open = row.status === 'submitted' || row.status === 'accepted'
  const pending = navigation.state === 'submitting'
  const firstDate = row.preferred_dates.split(',')[0] ?? ''
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link to="/staff/visit-requests" className="text-sm text-brand-700 underline">
        ← {t('partners.queue.visitsTitle')}
      </Link>
      <Card title={t('partners.visits.detailTitle', { reference: referenceOf('VR', row.id) })}>
        <VisitRequestDetails row={row} />
      </Card>
      <ErrorList errors={errors} />
      {open ? (
        <>
          <Card title={t('partners.visits.plan')}>
            <Form method="post" className="space-y-3">
              <label className="block text-sm">
                {t('partners.visits.title')}
                <input name="title" required maxLength={200} defaultValue={row.topic ?? ''} className={inputClass} />
              </label>
              <div className="grid grid-cols-3 gap-2">
                <label className="text-sm">
                  {t('partners.visits.day')}
                  <input
                    type="date"
                    name="day"
                    required
                    defaultValue={row.proposed_on ?? (/^\d{4}-\d{2}-\d{2}$/.test(firstDate) ? firstDate : '')}
                    className={inputClass}
                  />
                </label>
                <label className="text-sm">
                  {t('partners.visits.startTime')}
                  <input type="time" name="startTime" required defaultValue="14:00" className={inputClass} />
                </label>
                <label className="text-sm">
                  {t('partners.visits.endTime')}
                  <input type="time" name="endTime" required defaultValue="16:00" className={inputClass} />
                </label>
              </div>
              <button type="submit" name="intent" value="plan" disabled={pending} className={buttonClass}>
                {t('partners.visits.plan')}
              </button>
            </Form>
          </Card>
          <Card title={t('partners.visits.propose')}>
            <Form method="post" className="space-y-3">
              <input type="date" name="day" required className={inputClass} aria-label={t('partners.visits.day')} />
              <input name="note" maxLength={500} className={inputClass} aria-label={t('partners.visits.note')} />
              <div className="flex flex-wrap gap-2">
                <button type="submit" name="intent" value="propose" disabled={pending} className={secondaryButtonClass}>
                  {t('partners.visits.propose')}
                </button>
              </div>
            </Form>
            {row.status === 'submitted' ? (
              <Form method="post" className="mt-3">
                <button type="submit" name="intent" value="accept" disabled={pending} className={secondaryButtonClass}>
                  {t('partners.visits.accept')}
                </button>
              </Form>
            ) : null}
          </Card>
          <Card title={t('partners.visits.decline')}>
            <Form method="post" className="space-y-3">
              <textarea
                name="reason"
                required
                maxLength={500}
                rows={2}
                className={inputClass}
                aria-label={t('partners.queue.reason')}
              />
              <button type="submit" name="intent" value="decline" disabled={pending} className={secondaryButtonClass}>
                {t('partners.visits.decline')}
              </button>
            </Form>
          </Card>
        </>
      ) : null}
    </div>
  )
}
