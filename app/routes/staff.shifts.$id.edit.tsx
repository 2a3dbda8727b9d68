import { getFormProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor, STAFF } from '~/auth/require.server'
import { ErrorList, Field, Notice, SubmitButton } from '~/components/form'
import { DomainError } from '~/domain/errors'
import { CancelShift, EditShift } from '~/domain/planning/schema'
import { editSeriesFrom } from '~/domain/planning/series.server'
import { cancelShift, getShiftForEdit, planningChoices, updateShift } from '~/domain/planning/shifts.server'
import { pageTitle } from '~/i18n/meta'
import { inShanghai, shanghaiDay } from '~/lib/dates'
import { domainErrorResult } from '~/lib/form-errors.server'
import { requestMeta } from '~/lib/request-meta.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'planning.form.editTitle')

function shiftIdOf(params: { id?: string }): number {
  const id = Number(params.id)
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response(null, { status: 404 })
  return id
}

const hhmm = (instant: string) => {
  const d = inShanghai(instant)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const shift = await getShiftForEdit(context.db, actor, shiftIdOf(params)).catch((error: unknown) => {
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
  const shiftId = shiftIdOf(params)
  const formData = await request.formData()
  const meta = requestMeta(context)
  if (formData.get('intent') === 'cancel') {
    const submission = parseWithZod(formData, { schema: CancelShift })
    if (submission.status !== 'success') return { intent: 'cancel' as const, result: submission.reply() }
    try {
      await cancelShift(context.db, actor, shiftId, submission.value.reason, meta)
      return redirect(`/staff/shifts/${shiftId}`)
    } catch (error) {
      const { result, status } = domainErrorResult(submission, error)
      return data({ intent: 'cancel' as const, result }, { status })
    }
  }
  const submission = parseWithZod(formData, { schema: EditShift })
  if (submission.status !== 'success') return { intent: 'edit' as const, result: submission.reply() }
  try {
    const { scope, ...changes } = submission.value
    const shift = await getShiftForEdit(context.db, actor, shiftId)
    if (scope === 'future' && shift.series_id !== null) {
      const { day: _day, ...rest } = changes
      await editSeriesFrom(context.db, actor, shift.series_id, shiftId, rest, meta)
    } else {
      await updateShift(context.db, actor, shiftId, changes, meta)
    }
    return redirect(`/staff/shifts/${shiftId}?notice=saved`)
  } catch (error) {
    const { result, status } = domainErrorResult(submission, error)
    return data({ intent: 'edit' as const, result }, { status })
  }
}

const selectClass = 'mt-1 block w-full rounded-md border border-stone-300 px-3 py-2 text-base'

export default function EditShiftPage() {
  const { t } = useTranslation()
  const { shift, choices, defaults } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const pending = navigation.state === 'submitting'
  const [form, fields] = useForm({
    id: 'edit-shift',
    lastResult: actionData?.intent === 'edit' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditShift }),
    shouldValidate: 'onBlur',
    defaultValue: defaults,
  })
  const [cancelForm, cancelFields] = useForm({
    id: 'cancel-shift',
    lastResult: actionData?.intent === 'cancel' ? actionData.result : undefined,
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
      <Form
        method="post"
        {...getFormProps(form)}
        className="space-y-4 rounded-xl border border-stone-200 bg-white p-5 shadow-sm"
      >
        <input type="hidden" name="intent" value="edit" />
        <ErrorList id={form.errorId} errors={form.errors} />
        {shift.series_id !== null && !shift.detached_from_series ? (
          <fieldset>
            <legend className="text-sm font-medium">{t('planning.form.scope')}</legend>
            <label className="mr-4">
              <input type="radio" name={fields.scope.name} value="one" defaultChecked /> {t('planning.form.scopeOne')}
            </label>
            <label>
              <input type="radio" name={fields.scope.name} value="future" /> {t('planning.form.scopeFuture')}
            </label>
          </fieldset>
        ) : (
          <input type="hidden" name={fields.scope.name} value="one" />
        )}
        <div className="grid gap-4 sm:grid-cols-3">
          <Field meta={fields.day} type="date" label={t('planning.form.day')} hint={t('planning.form.scopeOne')} />
          <Field meta={fields.startTime} label={t('planning.form.startTime')} hint={t('planning.form.timeHint')} />
          <Field meta={fields.endTime} label={t('planning.form.endTime')} hint={t('planning.form.timeHint')} />
          <div>
            <label htmlFor={fields.siteId.id} className="block text-sm font-medium">
              {t('planning.form.site')}
            </label>
            <select {...getSelectProps(fields.siteId)} key={fields.siteId.key} className={selectClass}>
              <option value="">{t('planning.form.none')}</option>
              {choices.sites.map((site) => (
                <option key={site.id} value={site.id}>
                  {site.name}
                </option>
              ))}
            </select>
            <ErrorList id={fields.siteId.errorId} errors={fields.siteId.errors} />
          </div>
          <div>
            <label htmlFor={fields.activityId.id} className="block text-sm font-medium">
              {t('planning.form.activity')}
            </label>
            <select {...getSelectProps(fields.activityId)} key={fields.activityId.key} className={selectClass}>
              <option value="">{t('planning.form.none')}</option>
              {choices.activities.map((activity) => (
                <option key={activity.id} value={activity.id}>
                  {activity.title}
                </option>
              ))}
            </select>
            <ErrorList id={fields.activityId.errorId} errors={fields.activityId.errors} />
          </div>
          <Field meta={fields.title} label={t('planning.form.title')} />
          <Field meta={fields.capacity} type="number" min={1} label={t('planning.form.capacity')} />
          <Field meta={fields.minAge} type="number" min={0} label={t('planning.form.minAge')} />
          <Field meta={fields.requiredSkill} label={t('planning.form.requiredSkill')} />
          <Field meta={fields.cancelCutoffHours} type="number" min={0} label={t('planning.form.cancelCutoffHours')} />
        </div>
        <Field meta={fields.whatToBring} label={t('planning.form.whatToBring')} />
        <div>
          <label htmlFor={fields.notes.id} className="block text-sm font-medium">
            {t('planning.form.notes')}
          </label>
          <textarea {...getTextareaProps(fields.notes)} key={fields.notes.key} rows={3} className={selectClass} />
          <ErrorList id={fields.notes.errorId} errors={fields.notes.errors} />
        </div>
        <SubmitButton pending={pending}>{t('planning.form.submitSave')}</SubmitButton>
      </Form>
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
