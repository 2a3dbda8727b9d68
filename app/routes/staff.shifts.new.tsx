import { getFormProps, useForm, type FieldMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireActor, STAFF } from '~/auth/require.server'
import { ErrorList, Field, Notice, SubmitButton } from '~/components/form'
import { Select, ShiftForm } from '~/components/shift-form'
import { HolidayOverrideForm, NewShift } from '~/domain/planning/schema'
import { createSeries, listHolidayOverrides, setHolidayOverride } from '~/domain/planning/series.server'
import { createShift, planningChoices } from '~/domain/planning/shifts.server'
import { pageTitle } from '~/i18n/meta'
import { replyWithDomainError } from '~/lib/form-errors.server'
import { shanghaiDay } from '~/lib/dates'
import { requestMeta } from '~/lib/request-meta.server'
import { redirectWithToast } from '~/lib/toast.server'

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
    if (submission.status !== 'success') return submission.reply()
    try {
      const { day, kind, note } = submission.value
      await setHolidayOverride(context.db, actor, { day, kind: kind === 'none' ? null : kind, note }, meta)
      return redirectWithToast('/staff/shifts/new', { key: 'planning.series.overrideSaved' })
    } catch (error) {
      return replyWithDomainError(submission, error)
    }
  }
  const submission = parseWithZod(formData, { schema: NewShift })
  if (submission.status !== 'success') return submission.reply()
  try {
    const input = submission.value
    if (input.kind === 'single') {
      const id = await createShift(context.db, actor, input, meta)
      return redirectWithToast(`/staff/shifts/${id}`, { key: 'planning.form.created' })
    }
    const series = await createSeries(context.db, actor, input, meta)
    // A series is not one page to go to: the answer lists the shifts it made.
    return {
      ...submission.reply(),
      series: {
        shiftIds: series.shiftIds,
        days: series.days,
        skipped: series.skipped.map((s) => s.day),
        uncovered: series.uncovered,
      },
    }
  } catch (error) {
    return replyWithDomainError(submission, error)
  }
}

export default function NewShiftPage() {
  const { t } = useTranslation()
  const { sites, activities, trainings, overrides } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const pending = navigation.state === 'submitting'
  const [form, fields] = useForm({
    id: 'new-shift',
    lastResult: actionData?.initialValue?.intent === 'shift' ? actionData : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewShift }),
    shouldValidate: 'onBlur',
    defaultValue: { kind: 'series', role: 'lending_desk', capacity: '2', skipPublicHolidays: 'on', weekday: '6' },
  })
  const [overrideForm, overrideFields] = useForm({
    id: 'holiday-override',
    lastResult: actionData?.initialValue?.intent === 'override' ? actionData : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: HolidayOverrideForm }),
    shouldValidate: 'onBlur',
  })
  const created = actionData && 'series' in actionData ? actionData.series : undefined
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
      <ShiftForm
        mode="new"
        form={form}
        fields={fields as unknown as Record<string, FieldMetadata<string | undefined>>}
        choices={{ sites, activities, trainings }}
        pending={pending}
      />

      <section className="space-y-3 rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
        <h2 className="text-lg font-semibold">{t('planning.series.overridesTitle')}</h2>
        <p className="text-sm text-stone-700">{t('planning.series.overridesIntro')}</p>
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
