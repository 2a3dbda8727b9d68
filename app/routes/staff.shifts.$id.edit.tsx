import { getFormProps, useForm, type FieldMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor, STAFF } from '~/auth/require.server'
import { ErrorList, Field, Notice } from '~/components/form'
import { ShiftForm } from '~/components/shift-form'
import { DomainError } from '~/domain/errors'
import { CancelShift, EditShift } from '~/domain/planning/schema'
import { editSeriesFrom } from '~/domain/planning/series.server'
import { cancelShift, getShiftForEdit, planningChoices, updateShift } from '~/domain/planning/shifts.server'
import { pageTitle } from '~/i18n/meta'
import { inShanghai, shanghaiDay } from '~/lib/dates'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { idParam } from '~/lib/params.server'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'planning.form.editTitle')

const hhmm = (instant: string) => {
  const d = inShanghai(instant)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const shift = await getShiftForEdit(context.db, actor, idParam(params)).catch((error: unknown) => {
    if (error instanceof DomainError) throw new Response(null, { status: error.status })
    throw error
  })
  const choices = await planningChoices(context.db, actor, new Date())
  const { check_in_secret: _secret, ...rest } = shift
  return {
    shift: rest,
    choices,
    defaults: {
      scope: 'one',
      day: shanghaiDay(shift.starts_at),
      startTime: hhmm(shift.starts_at),
      endTime: hhmm(shift.ends_at),
      siteId: shift.site_id === null ? '' : String(shift.site_id),
      activityId: shift.activity_id === null ? '' : String(shift.activity_id),
      title: shift.title ?? '',
      capacity: String(shift.capacity),
      minAge: shift.min_age === null ? '' : String(shift.min_age),
      requiredSkill: shift.required_skill ?? '',
      cancelCutoffHours: String(shift.cancel_cutoff_hours),
      whatToBring: shift.what_to_bring ?? '',
      notes: shift.notes ?? '',
    },
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const shiftId = idParam(params)
  const formData = await request.formData()
  const meta = requestMeta(context)
  if (formData.get('intent') === 'cancel') {
    const submission = parseWithZod(formData, { schema: CancelShift })
    if (submission.status !== 'success') return submission.reply()
    try {
      await cancelShift(context.db, actor, shiftId, submission.value.reason, meta)
      return redirect(`/staff/shifts/${shiftId}`)
    } catch (error) {
      return replyWithDomainError(submission, error)
    }
  }
  const submission = parseWithZod(formData, { schema: EditShift })
  if (submission.status !== 'success') return submission.reply()
  try {
    const { scope, ...changes } = submission.value
    const shift = await getShiftForEdit(context.db, actor, shiftId)
    if (scope === 'future' && shift.series_id !== null) {
      const { day: _day, ...rest } = changes
      await editSeriesFrom(context.db, actor, shift.series_id, shiftId, rest, meta)
    } else {
      await updateShift(context.db, actor, shiftId, changes, meta)
    }
    return redirectWithToast(`/staff/shifts/${shiftId}`, { key: 'planning.form.saved' })
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

export default function EditShiftPage() {
  const { t } = useTranslation()
  const { shift, choices, defaults } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const pending = navigation.state === 'submitting'
  const [form, fields] = useForm({
    id: 'edit-shift',
    lastResult: actionData?.initialValue?.intent === 'edit' ? actionData : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditShift }),
    shouldValidate: 'onBlur',
    defaultValue: defaults,
  })
  const [cancelForm, cancelFields] = useForm({
    id: 'cancel-shift',
    lastResult: actionData?.initialValue?.intent === 'cancel' ? actionData : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CancelShift }),
  })
  return (
    <div className="space-y-6">
      <Link to={`/staff/shifts/${shift.id}`} className="text-sm text-brand-700 underline">
        {t('planning.roster.title')}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t('planning.form.editTitle')}</h1>
      {shift.series_id !== null ? (
        <Notice>
          {t('planning.edit.seriesNote')} {shift.detached_from_series ? t('planning.edit.detachedNote') : null}
        </Notice>
      ) : null}
      {shift.status === 'cancelled' ? <Notice tone="error">{t('planning.edit.cancelled')}</Notice> : null}
      <ShiftForm
        mode="edit"
        form={form}
        fields={fields as unknown as Record<string, FieldMetadata<string | undefined>>}
        choices={choices}
        pending={pending}
        scopeChoice={shift.series_id !== null && !shift.detached_from_series}
      />
      {shift.status !== 'cancelled' ? (
        <section className="space-y-3 rounded-xl border border-red-200 bg-white p-5 shadow-sm">
          <h2 className="text-lg font-semibold">{t('planning.edit.cancelTitle')}</h2>
          <p className="text-sm text-stone-700">{t('planning.edit.cancelIntro')}</p>
          <Form method="post" {...getFormProps(cancelForm)} className="space-y-3">
            <input type="hidden" name="intent" value="cancel" />
            <ErrorList id={cancelForm.errorId} errors={cancelForm.errors} />
            <Field meta={cancelFields.reason} label={t('planning.edit.cancelReason')} />
            <button
              type="submit"
              disabled={pending}
              className="rounded-md bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-60"
            >
              {t('planning.edit.cancelSubmit')}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  )
}
