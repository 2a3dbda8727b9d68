import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { VISIT_KINDS, VISIT_NEEDS } from '#db/schema'
import { requireActor } from '~/auth/require.server'
import { ErrorList, Field, SubmitButton } from '~/components/form'
import { Card, inputClass } from '~/components/partner-ui'
import { VisitRequestForm } from '~/domain/partners/schema'
import { submitVisitRequest } from '~/domain/partners/visit-requests.server'
import { pageTitle } from '~/i18n/meta'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'partners.visits.newTitle')

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireActor(request, context, ['partner_contact'])
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, ['partner_contact'])
  const formData = await request.formData()
  // Empty date pickers are not dates.
  const dates = formData.getAll('preferredDates').filter((d) => d !== '')
  formData.delete('preferredDates')
  dates.forEach((d, i) => formData.set(`preferredDates[${i}]`, d))
  const needs = formData.getAll('needs')
  formData.delete('needs')
  needs.forEach((n, i) => formData.set(`needs[${i}]`, n))
  const submission = parseWithZod(formData, { schema: VisitRequestForm })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    const id = await submitVisitRequest(context.db, actor, submission.value, requestMeta(context))
    return redirectWithToast(`/partner/visit-requests/${id}`, { key: 'partners.visits.submitted' })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

export default function NewVisitRequest() {
  const { t } = useTranslation()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm<{
    kind: string
    topic: string
    preferredDates: string[]
    audience: string
    expectedParticipants: string
    needs: string[]
    note: string
  }>({ lastResult })
  const typed = (fields.preferredDates.initialValue ?? []) as string[]
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link to="/partner" className="text-sm text-brand-700 underline">
        ← {t('partners.portal.title')}
      </Link>
      <Card title={t('partners.visits.newTitle')}>
        <p className="text-sm text-stone-700">{t('partners.visits.intro')}</p>
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
          <ErrorList id={form.errorId} errors={form.errors} />
          <label className="block text-sm font-medium">
            {t('partners.visits.kind')}
            <select name="kind" defaultValue={(fields.kind.initialValue as string) ?? 'lecture'} className={inputClass}>
              {VISIT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`partners.visits.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <Field meta={fields.topic} label={t('partners.visits.topic')} />
          <fieldset>
            <legend className="text-sm font-medium">{t('partners.visits.preferredDates')}</legend>
            <div className="mt-1 grid grid-cols-1 gap-2 sm:grid-cols-3">
              {[0, 1, 2].map((i) => (
                <input key={i} type="date" name="preferredDates" defaultValue={typed[i] ?? ''} className={inputClass} />
              ))}
            </div>
            <ErrorList errors={[...new Set(Object.values(fields.preferredDates.allErrors).flat())]} />
          </fieldset>
          <Field meta={fields.audience} label={t('partners.visits.audience')} />
          <Field
            meta={fields.expectedParticipants}
            type="number"
            inputMode="numeric"
            label={t('partners.visits.expected')}
          />
          <fieldset>
            <legend className="text-sm font-medium">{t('partners.visits.needs')}</legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {VISIT_NEEDS.map((n) => (
                <label key={n} className="flex items-center gap-1 text-sm">
                  <input type="checkbox" name="needs" value={n} /> {t(`partners.visits.need.${n}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <Field meta={fields.note} label={t('partners.visits.note')} />
          <SubmitButton pending={navigation.state === 'submitting'}>{t('partners.visits.submit')}</SubmitButton>
        </Form>
      </Card>
    </div>
  )
}
