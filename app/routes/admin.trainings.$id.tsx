import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor, STAFF } from '~/auth/require.server'
import { ErrorList, Field, SelectField, SubmitButton, TextareaField } from '~/components/form'
import { ArchiveSection } from '~/components/reference'
import { DomainError } from '~/domain/errors'
import { canManageReference } from '~/domain/policy'
import { setArchived } from '~/domain/reference/reference.server'
import { RecordCompletions, RemoveCompletion, TrainingForm } from '~/domain/reference/schema'
import {
  createTraining,
  getTraining,
  listTrainingActivities,
  recordCompletions,
  removeCompletion,
  updateTraining,
} from '~/domain/reference/trainings.server'
import { pageTitle } from '~/i18n/meta'
import { shanghaiDay } from '~/lib/dates'
import { domainErrorResult } from '~/lib/form-errors.server'
import { idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'reference.training.listTitle')

const idOf = (params: { id?: string }) => (params.id === 'new' ? null : idParam(params))

const asResponse = (error: unknown): never => {
  if (error instanceof DomainError) throw new Response(null, { status: error.status })
  throw error
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const id = idOf(params)
  const [detail, activities] = await Promise.all([
    id === null ? null : getTraining(context.db, actor, id).catch(asResponse),
    listTrainingActivities(context.db, actor, new Date()),
  ])
  return { detail, activities, today: shanghaiDay(new Date()), canManage: canManageReference(actor) }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, ['admin'])
  const id = idOf(params)
  const formData = await request.formData()
  const meta = requestMeta(context)
  const intent = formData.get('intent')
  if (id !== null && (intent === 'archive' || intent === 'restore')) {
    await setArchived(context.db, actor, 'training', id, intent === 'archive', meta).catch(asResponse)
    return redirectWithToast(`/admin/trainings/${id}`, {
      key: intent === 'archive' ? 'reference.archive.done' : 'reference.archive.restored',
    })
  }
  if (id !== null && intent === 'record') {
    const submission = parseWithZod(formData, { schema: RecordCompletions })
    if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
    try {
      const { added } = await recordCompletions(context.db, actor, id, submission.value, meta)
      return redirectWithToast(`/admin/trainings/${id}`, {
        key: 'reference.training.recorded',
        params: { count: added },
      })
    } catch (error) {
      const { result, status } = domainErrorResult(submission, error)
      return data({ intent, result }, { status })
    }
  }
  if (id !== null && intent === 'remove') {
    const submission = parseWithZod(formData, { schema: RemoveCompletion })
    if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
    await removeCompletion(context.db, actor, id, submission.value.accountId, meta).catch(asResponse)
    return redirectWithToast(`/admin/trainings/${id}`, { key: 'reference.training.removed' })
  }
  const submission = parseWithZod(formData, { schema: TrainingForm })
  if (submission.status !== 'success') return data({ intent: 'save', result: submission.reply() }, { status: 400 })
  try {
    if (id === null) {
      const created = await createTraining(context.db, actor, submission.value, meta)
      return redirectWithToast(`/admin/trainings/${created}`, { key: 'reference.created' })
    }
    await updateTraining(context.db, actor, id, submission.value, meta)
    return redirectWithToast(`/admin/trainings/${id}`, { key: 'reference.saved' })
  } catch (error) {
    const { result, status } = domainErrorResult(submission, error)
    return data({ intent: 'save', result }, { status })
  }
}

export default function TrainingPage() {
  const { t } = useTranslation()
  const { detail, activities, today, canManage } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const pending = useNavigation().state === 'submitting'
  const training = detail?.training
  const [form, fields] = useForm({
    id: 'training',
    lastResult: actionData?.intent === 'save' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TrainingForm }),
    shouldValidate: 'onBlur',
    defaultValue: training ? { name: training.name, description: training.description ?? '' } : undefined,
  })
  const [recordForm, recordFields] = useForm({
    id: 'record-completions',
    lastResult: actionData?.intent === 'record' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RecordCompletions }),
    defaultValue: { completedOn: today },
  })
  return (
    <div className="space-y-6">
      <Link to="/admin/trainings" className="text-sm text-brand-700 underline">
        {t('reference.training.listTitle')}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">
        {training ? training.name : t('reference.training.newTitle')}
      </h1>
      <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-xl border border-stone-200 bg-white p-5">
        <input type="hidden" name="intent" value="save" />
        <fieldset disabled={!canManage} className="space-y-4">
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field meta={fields.name} label={t('reference.form.name')} />
          <TextareaField meta={fields.description} label={t('reference.form.description')} />
          {canManage ? <SubmitButton pending={pending}>{t('reference.form.submit')}</SubmitButton> : null}
        </fieldset>
      </Form>
      {detail ? (
        <section className="space-y-3 rounded-xl border border-stone-200 bg-white p-5">
          <h2 className="text-lg font-semibold">{t('reference.training.completionsTitle')}</h2>
          {detail.completions.length === 0 ? <p className="text-sm">{t('reference.training.noCompletions')}</p> : null}
          <ul className="divide-y divide-stone-100 text-sm">
            {detail.completions.map((c) => (
              <li key={c.account_id} className="flex items-center justify-between gap-2 py-1">
                <span>
                  {c.name} · {c.email} · {c.completed_on}
                </span>
                {canManage ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="accountId" value={c.account_id} />
                    <button type="submit" className="text-red-700 underline">
                      {t('reference.training.remove')}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
          {canManage && training?.archived_at === null ? (
            <Form method="post" {...getFormProps(recordForm)} className="space-y-3 border-t border-stone-100 pt-3">
              <h3 className="font-medium">{t('reference.training.recordTitle')}</h3>
              <p className="text-sm text-stone-700">{t('reference.training.recordIntro')}</p>
              <input type="hidden" name="intent" value="record" />
              <ErrorList id={recordForm.errorId} errors={recordForm.errors} />
              <Field meta={recordFields.completedOn} type="date" label={t('reference.training.completedOn')} />
              <TextareaField meta={recordFields.emails} label={t('reference.training.emails')} rows={4} />
              <SelectField meta={recordFields.activityId} label={t('reference.training.activity')}>
                <option value="">{t('reference.training.activityNone')}</option>
                {activities.map((a) => (
                  <option key={a.id} value={a.id}>
                    {shanghaiDay(a.starts_at)} {a.title}
                  </option>
                ))}
              </SelectField>
              <SubmitButton pending={pending}>{t('reference.training.submitRecord')}</SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : null}
      {training && canManage ? <ArchiveSection archivedAt={training.archived_at} /> : null}
    </div>
  )
}
