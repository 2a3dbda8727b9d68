import { getFormProps, useForm, type FieldMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor, STAFF } from '~/auth/require.server'
import { ActivityFields } from '~/components/activity-form'
import { ErrorList, Notice, SubmitButton } from '~/components/form'
import { activityChoices, createActivities, type CreatedActivities } from '~/domain/activities/planning.server'
import { NewActivityForm } from '~/domain/activities/schema'
import { pageTitle } from '~/i18n/meta'
import { domainErrorResult } from '~/lib/form-errors.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'activities.form.newTitle')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  return { choices: await activityChoices(context.db, actor) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const submission = parseWithZod(await request.formData(), { schema: NewActivityForm })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  try {
    const created = await createActivities(context.db, actor, submission.value, requestMeta(context))
    if (created.seriesId === null) {
      return redirectWithToast(`/staff/activities/${created.ids[0]}`, { key: 'activities.created.one' })
    }
    return { result: submission.reply(), created }
  } catch (error) {
    const { result, status } = domainErrorResult(submission, error)
    return data({ result }, { status })
  }
}

export default function NewActivityPage() {
  const { t } = useTranslation()
  const { choices } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const pending = useNavigation().state === 'submitting'
  const [form, fields] = useForm({
    id: 'new-activity',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewActivityForm }),
    shouldValidate: 'onBlur',
    defaultValue: {
      mode: 'offline',
      type: 'reading_service',
      repeat: 'none',
      isPublic: 'on',
      skipPublicHolidays: 'on',
    },
  })
  const created: CreatedActivities | undefined =
    actionData && 'created' in actionData ? (actionData.created as CreatedActivities) : undefined
  return (
    <div className="space-y-6">
      <Link to="/staff/activities" className="text-sm text-brand-700 underline">
        {t('activities.detail.back')}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t('activities.form.newTitle')}</h1>
      {created ? (
        <Notice tone="success">
          <p>{t('activities.created.series', { count: created.ids.length })}</p>
          {created.skipped.length ? (
            <p>{t('activities.created.skipped', { days: created.skipped.map((s) => s.day).join('、') })}</p>
          ) : null}
          {created.uncovered.length ? (
            <p>{t('activities.created.uncovered', { days: created.uncovered.join('、') })}</p>
          ) : null}
          <ul className="mt-2 flex flex-wrap gap-2">
            {created.ids.map((id, i) => (
              <li key={id}>
                <Link to={`/staff/activities/${id}`} className="underline">
                  {created.days[i]}
                </Link>
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <Form
        method="post"
        {...getFormProps(form)}
        className="space-y-4 rounded-xl border border-stone-200 bg-white p-5 shadow-sm"
      >
        <ErrorList id={form.errorId} errors={form.errors} />
        <ActivityFields
          fields={fields as unknown as Record<string, FieldMetadata<string | undefined>>}
          choices={choices}
          repeat
        />
        <SubmitButton pending={pending}>{t('activities.form.submitCreate')}</SubmitButton>
      </Form>
    </div>
  )
}
