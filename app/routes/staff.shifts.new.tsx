import { getFormProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { SHIFT_ROLES } from '#db/schema'
import { requireActor, STAFF } from '~/auth/require.server'
import { Checkbox, ErrorList, Field, Notice, SubmitButton } from '~/components/form'
import { HolidayOverrideForm, NewShift } from '~/domain/planning/schema'
import { createSeries, listHolidayOverrides, setHolidayOverride } from '~/domain/planning/series.server'
import { createShift, planningChoices } from '~/domain/planning/shifts.server'
import { pageTitle } from '~/i18n/meta'
import { domainErrorResult } from '~/lib/form-errors.server'
import { shanghaiDay } from '~/lib/dates'
import { requestMeta } from '~/lib/request-meta.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'planning.form.newTitle')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const now = new Date()
  const today = shanghaiDay(now)
  const yearOn = shanghaiDay(new Date(now.getTime() + 400 * 86_400_000))
  const [choices, overrides] = await Promise.all([
    planningChoices(context.db, actor, now),
    listHolidayOverrides(context.db, actor, today, yearOn),
  ])
  return { ...choices, overrides }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, STAFF)
  const formData = await request.formData()
  const meta = requestMeta(context)
  if (formData.get('intent') === 'override') {
    const submission = parseWithZod(formData, { schema: HolidayOverrideForm })
    if (submission.status !== 'success') return { intent: 'override' as const, result: submission.reply() }
    try {
      const { day, kind, note } = submission.value
      await setHolidayOverride(context.db, actor, { day, kind: kind === 'none' ? null : kind, note }, meta)
      return { intent: 'override' as const, result: submission.reply({ resetForm: true }) }
    } catch (error) {
      const { result, status } = domainErrorResult(submission, error)
      return data({ intent: 'override' as const, result }, { status })
    }
  }
  const submission = parseWithZod(formData, { schema: NewShift })
  if (submission.status !== 'success') return { intent: 'shift' as const, result: submission.reply() }
  try {
    const input = submission.value
    if (input.kind === 'single') {
      const id = await createShift(context.db, actor, input, meta)
      return redirect(`/staff/shifts/${id}?notice=created`)
    }
    const series = await createSeries(context.db, actor, input, meta)
    return {
      intent: 'shift' as const,
      result: submission.reply(),
      series: {
        shiftIds: series.shiftIds,
        days: series.days,
        skipped: series.skipped.map((s) => s.day),
        uncovered: series.uncovered,
      },
    }
  } catch (error) {
    const { result, status } = domainErrorResult(submission, error)
    return data({ intent: 'shift' as const, result }, { status })
  }
}

const selectClass = 'mt-1 block w-full rounded-md border border-stone-300 px-3 py-2 text-base'

function Select({
  meta,
  label,
  children,
}: {
  meta: FieldMetadata<string | number | null | undefined>
  label: ReactNode
  children: ReactNode
}) {
  return (
    <div>
      <label htmlFor={meta.id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <select {...getSelectProps(meta)} key={meta.key} className={selectClass}>
        {children}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

export default function NewShiftPage() {
  const { t } = useTranslation()
  const { sites, activities, trainings, overrides } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const pending = navigation.state === 'submitting'
  const [form, fields] = useForm({
    id: 'new-shift',
    lastResult: actionData?.intent === 'shift' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewShift }),
    shouldValidate: 'onBlur',
    defaultValue: { kind: 'series', role: 'lending_desk', capacity: '2', skipPublicHolidays: 'on', weekday: '6' },
  })
  const [overrideForm, overrideFields] = useForm({
    id: 'holiday-override',
    lastResult: actionData?.intent === 'override' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: HolidayOverrideForm }),
    shouldValidate: 'onBlur',
  })
  const created = actionData && 'series' in actionData ? actionData.series : undefined
  // The union's fields: conform types each member's own fields on the union.
  const f = fields as unknown as Record<string, FieldMetadata<string | undefined>>
  return (
    <div className="space-y-6">
      <Link to="/staff" className="text-sm text-brand-700 underline">
        {t('planning.home.title')}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t('planning.form.newTitle')}</h1>
      {created ? (
        <Notice tone="success">
          <p>{t('planning.form.seriesCreated', { count: created.shiftIds.length })}</p>
          {created.skipped.length ? <p>{t('planning.series.skipped', { days: created.skipped.join('、') })}</p> : null}
          {created.uncovered.length ? (
            <p>{t('planning.series.uncovered', { days: created.uncovered.join('、') })}</p>
          ) : null}
          <ul className="mt-2 flex flex-wrap gap-2">
            {created.shiftIds.map((id, i) => (
              <li key={id}>
                <Link to={`/staff/shifts/${id}`} className="underline">
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
        <input type="hidden" name="intent" value="shift" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <fieldset>
          <legend className="text-sm font-medium">{t('planning.form.kind')}</legend>
          <div className="mt-1 flex gap-4">
            {(['single', 'series'] as const).map((kind) => (
              <label key={kind} className="flex items-center gap-2">
                <input
                  type="radio"
                  name={f.kind!.name}
                  value={kind}
                  defaultChecked={(f.kind!.initialValue ?? 'series') === kind}
                />
                {t(kind === 'single' ? 'planning.form.kindSingle' : 'planning.form.kindSeries')}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <Select meta={f.siteId!} label={t('planning.form.site')}>
            <option value="">{t('planning.form.none')}</option>
            {sites.map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
          </Select>
          <Select meta={f.activityId!} label={t('planning.form.activity')}>
            <option value="">{t('planning.form.none')}</option>
            {activities.map((activity) => (
              <option key={activity.id} value={activity.id}>
                {activity.title}
              </option>
            ))}
          </Select>
          <Select meta={f.role!} label={t('planning.form.role')}>
            {SHIFT_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`shift.role.${role}`)}
              </option>
            ))}
          </Select>
          <Field meta={f.title!} label={t('planning.form.title')} />
        </div>
        <div className="grid gap-4 rounded-md border border-stone-100 p-3 sm:grid-cols-3">
          <Field meta={f.day!} type="date" label={t('planning.form.day')} hint={t('planning.form.kindSingle')} />
          <Field
            meta={f.firstDay!}
            type="date"
            label={t('planning.form.firstDay')}
            hint={t('planning.form.kindSeries')}
          />
          <Field
            meta={f.lastDay!}
            type="date"
            label={t('planning.form.lastDay')}
            hint={t('planning.form.kindSeries')}
          />
          <Select meta={f.weekday!} label={t('planning.form.weekday')}>
            {(['1', '2', '3', '4', '5', '6', '7'] as const).map((weekday) => (
              <option key={weekday} value={weekday}>
                {t(`planning.weekday.${weekday}`)}
              </option>
            ))}
          </Select>
          <div className="sm:col-span-2">
            <Checkbox meta={f.skipPublicHolidays!} label={t('planning.form.skipPublicHolidays')} />
          </div>
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field
            meta={f.startTime!}
            label={t('planning.form.startTime')}
            placeholder="09:00"
            hint={t('planning.form.timeHint')}
          />
          <Field
            meta={f.endTime!}
            label={t('planning.form.endTime')}
            placeholder="12:00"
            hint={t('planning.form.timeHint')}
          />
          <Field meta={f.capacity!} type="number" min={1} label={t('planning.form.capacity')} />
          <Field meta={f.minAge!} type="number" min={0} label={t('planning.form.minAge')} />
          <Field meta={f.requiredSkill!} label={t('planning.form.requiredSkill')} />
          <Select meta={f.requiredTrainingId!} label={t('planning.form.requiredTraining')}>
            <option value="">{t('planning.form.none')}</option>
            {trainings.map((training) => (
              <option key={training.id} value={training.id}>
                {training.name}
              </option>
            ))}
          </Select>
          <Field meta={f.opensDaysBefore!} type="number" min={0} label={t('planning.form.opensDaysBefore')} />
          <Field meta={f.closesHoursBefore!} type="number" min={0} label={t('planning.form.closesHoursBefore')} />
          <Field meta={f.cancelCutoffHours!} type="number" min={0} label={t('planning.form.cancelCutoffHours')} />
        </div>
        <Field meta={f.whatToBring!} label={t('planning.form.whatToBring')} />
        <div>
          <label htmlFor={f.notes!.id} className="block text-sm font-medium text-stone-800">
            {t('planning.form.notes')}
          </label>
          <textarea {...getTextareaProps(f.notes!)} key={f.notes!.key} rows={3} className={selectClass} />
          <ErrorList id={f.notes!.errorId} errors={f.notes!.errors} />
        </div>
        <SubmitButton pending={pending}>{t('planning.form.submitCreate')}</SubmitButton>
      </Form>

      <section className="space-y-3 rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
        <h2 className="text-lg font-semibold">{t('planning.series.overridesTitle')}</h2>
        <p className="text-sm text-stone-700">{t('planning.series.overridesIntro')}</p>
        {actionData?.intent === 'override' && actionData.result.status === 'success' ? (
          <Notice tone="success">{t('planning.series.overrideSaved')}</Notice>
        ) : null}
        {overrides.length ? (
          <ul className="text-sm">
            {overrides.map((o) => (
              <li key={o.day}>
                {o.day} · {t(o.kind === 'holiday' ? 'planning.series.kindHoliday' : 'planning.series.kindWorkday')}
                {o.note ? ` · ${o.note}` : ''}
              </li>
            ))}
          </ul>
        ) : null}
        <Form method="post" {...getFormProps(overrideForm)} className="grid gap-3 sm:grid-cols-4 sm:items-end">
          <input type="hidden" name="intent" value="override" />
          <ErrorList id={overrideForm.errorId} errors={overrideForm.errors} />
          <Field meta={overrideFields.day} type="date" label={t('planning.series.overrideDay')} />
          <Select meta={overrideFields.kind} label={t('planning.series.overrideKind')}>
            <option value="holiday">{t('planning.series.kindHoliday')}</option>
            <option value="workday">{t('planning.series.kindWorkday')}</option>
            <option value="none">{t('planning.series.kindNone')}</option>
          </Select>
          <Field meta={overrideFields.note} label={t('planning.series.overrideNote')} />
          <SubmitButton pending={pending}>{t('planning.series.overrideSave')}</SubmitButton>
        </Form>
      </section>
    </div>
  )
}
