import { getFormProps, useForm, type FieldMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor, STAFF } from '~/auth/require.server'
import { ActivityFields } from '~/components/activity-form'
import { ErrorList, Notice, SubmitButton } from '~/components/form'
import { DomainError } from '~/domain/errors'
import { activityChoices, updateActivity } from '~/domain/activities/planning.server'
import { ActivityForm } from '~/domain/activities/schema'
import { getStaffActivity } from '~/domain/activities/staff.server'
import { pageTitle } from '~/i18n/meta'
import { inShanghai, shanghaiDay } from '~/lib/dates'
import { domainErrorResult } from '~/lib/form-errors.server'
import { idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'activities.form.editTitle')

const hhmm = (instant: string) => {
  const d = inShanghai(instant)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const id = idParam(params)
  const { activity } = await getStaffActivity(context.db, actor, id).catch((error: unknown) => {
    if (error instanceof DomainError) throw new Response(null, { status: error.status })
    throw error
  })
  const choices = await activityChoices(context.db, actor)
  // An archived site the activity already has stays selectable on it.
  if (activity.site_id !== null && !choices.sites.some((s) => s.id === activity.site_id)) {
    choices.sites.push({ id: activity.site_id, name: activity.site_name ?? '' })
  }
  const startDay = shanghaiDay(activity.starts_at)
  const endDay = shanghaiDay(activity.ends_at)
  const str = (value: number | string | null) => (value === null ? '' : String(value))
  return {
    activity: { id: activity.id, status: activity.status, series_id: activity.series_id },
    choices,
    defaults: {
      title: activity.title,
      type: activity.type,
      theme: str(activity.theme),
      campaign: str(activity.campaign),
      programmeId: str(activity.programme_id),
      mode: activity.mode,
      siteId: str(activity.site_id),
      partnerId: str(activity.partner_organisation_id),
      startDay,
      startTime: hhmm(activity.starts_at),
      endDay: endDay === startDay ? '' : endDay,
      endTime: hhmm(activity.ends_at),
      description: activity.description ?? '',
      isPublic: activity.is_public ? 'on' : '',
      requiresInsurance: activity.requires_insurance ? 'on' : '',
      coordinatorId: str(activity.coordinator_id),
    },
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const id = idParam(params)
  const submission = parseWithZod(await request.formData(), { schema: ActivityForm })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  try {
    await updateActivity(context.db, actor, id, submission.value, requestMeta(context))
    return redirectWithToast(`/staff/activities/${id}`, { key: 'activities.saved' })
  } catch (error) {
    const { result, status } = domainErrorResult(submission, error)
    return data({ result }, { status })
  }
}

export default function EditActivityPage() {
  const { t } = useTranslation()
  const { activity, choices, defaults } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const pending = useNavigation().state === 'submitting'
  const [form, fields] = useForm({
    id: 'edit-activity',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ActivityForm }),
    shouldValidate: 'onBlur',
    defaultValue: defaults,
  })
  return (
    <div className="space-y-6">
      <Link to={`/staff/activities/${activity.id}`} className="text-sm text-brand-700 underline">
        {defaults.title}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t('activities.form.editTitle')}</h1>
      {activity.series_id !== null ? <Notice>{t('activities.detail.series')}</Notice> : null}
      {activity.status === 'cancelled' ? <Notice tone="error">{t('activities.edit.cancelled')}</Notice> : null}
      <Form
        method="post"
        {...getFormProps(form)}
        className="space-y-4 rounded-xl border border-stone-200 bg-white p-5 shadow-sm"
      >
        <ErrorList id={form.errorId} errors={form.errors} />
        <ActivityFields
          fields={fields as unknown as Record<string, FieldMetadata<string | undefined>>}
          choices={choices}
        />
        <SubmitButton pending={pending}>{t('activities.form.submitSave')}</SubmitButton>
      </Form>
    </div>
  )
}
