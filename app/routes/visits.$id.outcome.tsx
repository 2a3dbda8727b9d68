import { getFormProps, useForm, type FieldMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor } from '~/auth/require.server'
import { ErrorList, Notice, SubmitButton } from '~/components/form'
import { OutcomeFields } from '~/components/outcome-fields'
import { fileOutcome } from '~/domain/activities/outcome.server'
import { OutcomeForm } from '~/domain/activities/schema'
import { leadView, requireLeadOrStaff } from '~/domain/visits/lead.server'
import { pageTitle } from '~/i18n/meta'
import { orHttpError } from '~/lib/domain-response.server'
import { domainErrorResult } from '~/lib/form-errors.server'
import { idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'visits.lead.outcome')

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context)
  const id = idParam(params)
  const view = await orHttpError(leadView(context.db, actor, id, new Date()))
  const { id: visitId, title, outcome_filed_at } = view.visit
  return { visit: { id: visitId, title, outcome_filed_at }, outcomeOpen: view.outcomeOpen }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context)
  const id = idParam(params)
  // A stranger is refused whatever they post: who may act is checked before the form is read.
  await orHttpError(requireLeadOrStaff(context.db, actor, id))
  const submission = parseWithZod(await request.formData(), { schema: OutcomeForm })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  try {
    await fileOutcome(context.db, actor, id, submission.value, requestMeta(context))
    return redirectWithToast(`/visits/${id}/team`, { key: 'visits.lead.outcomeFiled' })
  } catch (error) {
    const { result, status } = domainErrorResult(submission, error)
    return data({ result }, { status })
  }
}

export default function TeamLeadOutcome() {
  const { visit, outcomeOpen } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const pending = useNavigation().state === 'submitting'
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'visit-outcome',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OutcomeForm }),
    shouldValidate: 'onBlur',
  })
  return (
    <div className="mx-auto max-w-md space-y-4">
      <Link to={`/visits/${visit.id}/team`} className="text-sm text-brand-700 underline">
        {t('visits.lead.roster')}
      </Link>
      <h1 className="text-xl font-bold text-brand-800">{t('visits.lead.outcomeTitle', { title: visit.title })}</h1>
      {visit.outcome_filed_at ? (
        <Notice tone="success">{t('visits.lead.alreadyFiled')}</Notice>
      ) : !outcomeOpen ? (
        <Notice>{t('visits.lead.outcomeNotOpen')}</Notice>
      ) : (
        <Form
          method="post"
          {...getFormProps(form)}
          className="space-y-3 rounded-xl border border-stone-200 bg-white p-4"
        >
          <ErrorList id={form.errorId} errors={form.errors} />
          <OutcomeFields
            fields={fields as unknown as Record<string, FieldMetadata<string | undefined>>}
            correcting={false}
          />
          <SubmitButton pending={pending}>{t('visits.lead.outcomeSubmit')}</SubmitButton>
        </Form>
      )}
    </div>
  )
}
