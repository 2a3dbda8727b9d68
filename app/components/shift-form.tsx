import { getFormProps, getTextareaProps, type FieldMetadata, type FormMetadata } from '@conform-to/react'
import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { SHIFT_ROLES } from '#db/schema'
import { Checkbox, ErrorList, Field, SubmitButton, singleSelectProps } from '~/components/form'

const selectClass = 'mt-1 block w-full rounded-md border border-stone-300 px-3 py-2 text-base'

export function Select({
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
      <select {...singleSelectProps(meta)} key={meta.key} className={selectClass}>
        {children}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

interface Choices {
  sites: { id: number; name: string }[]
  activities: { id: number; title: string }[]
  trainings: { id: number; name: string }[]
}

/**
 * The shift form, for a new shift or series (`new`) and for editing one
 * occurrence or the rest of its series (`edit`). The fields each mode has are
 * those of its schema (NewShift, EditShift in domain/planning/schema.ts).
 */
export function ShiftForm<Schema extends Record<string, unknown>>({
  mode,
  form,
  fields,
  choices,
  pending,
  scopeChoice = false,
}: {
  mode: 'new' | 'edit'
  form: FormMetadata<Schema, string[]>
  /** conform's fields; the schemas are a union (new) or an object (edit), so they are read by name. */
  fields: Record<string, FieldMetadata<string | undefined>>
  choices: Choices
  pending: boolean
  /** Edit only: the shift belongs to a series, so the coordinator chooses this one or this and later ones. */
  scopeChoice?: boolean
}) {
  const { t } = useTranslation()
  const f = (name: string) => fields[name]!
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="space-y-4 rounded-xl border border-stone-200 bg-white p-5 shadow-sm"
    >
      <input type="hidden" name="intent" value={mode === 'new' ? 'shift' : 'edit'} />
      <ErrorList id={form.errorId} errors={form.errors} />
      {mode === 'new' ? (
        <fieldset>
          <legend className="text-sm font-medium">{t('planning.form.kind')}</legend>
          <div className="mt-1 flex gap-4">
            {(['single', 'series'] as const).map((kind) => (
              <label key={kind} className="flex items-center gap-2">
                <input
                  type="radio"
                  name={f('kind').name}
                  value={kind}
                  defaultChecked={(f('kind').initialValue ?? 'series') === kind}
                />
                {t(kind === 'single' ? 'planning.form.kindSingle' : 'planning.form.kindSeries')}
              </label>
            ))}
          </div>
        </fieldset>
      ) : scopeChoice ? (
        <fieldset>
          <legend className="text-sm font-medium">{t('planning.form.scope')}</legend>
          {(['one', 'future'] as const).map((scope) => (
            <label key={scope} className="mr-4">
              <input
                type="radio"
                name={f('scope').name}
                value={scope}
                defaultChecked={(f('scope').initialValue ?? 'one') === scope}
              />{' '}
              {t(scope === 'one' ? 'planning.form.scopeOne' : 'planning.form.scopeFuture')}
            </label>
          ))}
        </fieldset>
      ) : (
        <input type="hidden" name={f('scope').name} value="one" />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Select meta={f('siteId')} label={t('planning.form.site')}>
          <option value="">{t('planning.form.none')}</option>
          {choices.sites.map((site) => (
            <option key={site.id} value={site.id}>
              {site.name}
            </option>
          ))}
        </Select>
        <Select meta={f('activityId')} label={t('planning.form.activity')}>
          <option value="">{t('planning.form.none')}</option>
          {choices.activities.map((activity) => (
            <option key={activity.id} value={activity.id}>
              {activity.title}
            </option>
          ))}
        </Select>
        {mode === 'new' ? (
          <Select meta={f('role')} label={t('planning.form.role')}>
            {SHIFT_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`shift.role.${role}`)}
              </option>
            ))}
          </Select>
        ) : null}
        <Field meta={f('title')} label={t('planning.form.title')} />
      </div>
      {mode === 'new' ? (
        <div className="grid gap-4 rounded-md border border-stone-100 p-3 sm:grid-cols-3">
          <Field meta={f('day')} type="date" label={t('planning.form.day')} hint={t('planning.form.kindSingle')} />
          <Field
            meta={f('firstDay')}
            type="date"
            label={t('planning.form.firstDay')}
            hint={t('planning.form.kindSeries')}
          />
          <Field
            meta={f('lastDay')}
            type="date"
            label={t('planning.form.lastDay')}
            hint={t('planning.form.kindSeries')}
          />
          <Select meta={f('weekday')} label={t('planning.form.weekday')}>
            {(['1', '2', '3', '4', '5', '6', '7'] as const).map((weekday) => (
              <option key={weekday} value={weekday}>
                {t(`planning.weekday.${weekday}`)}
              </option>
            ))}
          </Select>
          <div className="sm:col-span-2">
            <Checkbox meta={f('skipPublicHolidays')} label={t('planning.form.skipPublicHolidays')} />
          </div>
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        {mode === 'edit' ? (
          <Field meta={f('day')} type="date" label={t('planning.form.day')} hint={t('planning.form.scopeOne')} />
        ) : null}
        <Field
          meta={f('startTime')}
          label={t('planning.form.startTime')}
          placeholder="09:00"
          hint={t('planning.form.timeHint')}
        />
        <Field
          meta={f('endTime')}
          label={t('planning.form.endTime')}
          placeholder="12:00"
          hint={t('planning.form.timeHint')}
        />
        <Field meta={f('capacity')} type="number" min={1} label={t('planning.form.capacity')} />
        <Field meta={f('minAge')} type="number" min={0} label={t('planning.form.minAge')} />
        <Field meta={f('requiredSkill')} label={t('planning.form.requiredSkill')} />
        {mode === 'new' ? (
          <>
            <Select meta={f('requiredTrainingId')} label={t('planning.form.requiredTraining')}>
              <option value="">{t('planning.form.none')}</option>
              {choices.trainings.map((training) => (
                <option key={training.id} value={training.id}>
                  {training.name}
                </option>
              ))}
            </Select>
            <Field meta={f('opensDaysBefore')} type="number" min={0} label={t('planning.form.opensDaysBefore')} />
            <Field meta={f('closesHoursBefore')} type="number" min={0} label={t('planning.form.closesHoursBefore')} />
          </>
        ) : null}
        <Field meta={f('cancelCutoffHours')} type="number" min={0} label={t('planning.form.cancelCutoffHours')} />
      </div>
      <Field meta={f('whatToBring')} label={t('planning.form.whatToBring')} />
      <div>
        <label htmlFor={f('notes').id} className="block text-sm font-medium text-stone-800">
          {t('planning.form.notes')}
        </label>
        <textarea {...getTextareaProps(f('notes'))} key={f('notes').key} rows={3} className={selectClass} />
        <ErrorList id={f('notes').errorId} errors={f('notes').errors} />
      </div>
      <SubmitButton pending={pending}>
        {t(mode === 'new' ? 'planning.form.submitCreate' : 'planning.form.submitSave')}
      </SubmitButton>
    </Form>
  )
}
