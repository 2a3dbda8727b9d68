import type { FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { ACTIVITY_MODES, ACTIVITY_THEMES, ACTIVITY_TYPES, CAMPAIGNS } from '#db/schema'
import { Checkbox, Field, SelectField, TextareaField } from './form'

export interface ActivityChoices {
  sites: { id: number; name: string }[]
  partners: { id: number; name: string }[]
  programmes: { id: number; name: string; parent_programme_id: number | null }[]
  coordinators: { id: number; name: string }[]
}

type Fields = Record<string, FieldMetadata<string | undefined>>

/** The fields an activity has, for the new and the edit page; `repeat` adds the recurrence fields. */
export function ActivityFields({
  fields,
  choices,
  repeat = false,
}: {
  fields: Fields
  choices: ActivityChoices
  repeat?: boolean
}) {
  const { t } = useTranslation()
  const f = (name: string) => fields[name]!
  return (
    <>
      <Field meta={f('title')} label={t('activities.form.title')} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField meta={f('type')} label={t('activities.form.type')}>
          {ACTIVITY_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`activity.type.${type}`)}
            </option>
          ))}
        </SelectField>
        <SelectField meta={f('programmeId')} label={t('activities.form.programme')}>
          <option value="">{t('activities.form.none')}</option>
          {choices.programmes.map((p) => (
            <option key={p.id} value={p.id}>
              {p.parent_programme_id === null ? p.name : `— ${p.name}`}
            </option>
          ))}
        </SelectField>
        <SelectField meta={f('theme')} label={t('activities.form.theme')}>
          <option value="">{t('activities.form.none')}</option>
          {ACTIVITY_THEMES.map((theme) => (
            <option key={theme} value={theme}>
              {t(`activities.theme.${theme}`)}
            </option>
          ))}
        </SelectField>
        <SelectField meta={f('campaign')} label={t('activities.form.campaign')}>
          <option value="">{t('activities.form.none')}</option>
          {CAMPAIGNS.map((campaign) => (
            <option key={campaign} value={campaign}>
              {t(`activities.campaign.${campaign}`)}
            </option>
          ))}
        </SelectField>
        <SelectField meta={f('mode')} label={t('activities.form.mode')}>
          {ACTIVITY_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t(mode === 'online' ? 'activities.form.modeOnline' : 'activities.form.modeOffline')}
            </option>
          ))}
        </SelectField>
        <SelectField meta={f('coordinatorId')} label={t('activities.form.coordinator')}>
          <option value="">{t('activities.form.coordinatorSelf')}</option>
          {choices.coordinators.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField meta={f('siteId')} label={t('activities.form.site')} hint={t('activities.form.placeHint')}>
          <option value="">{t('activities.form.none')}</option>
          {choices.sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <SelectField meta={f('partnerId')} label={t('activities.form.partner')}>
          <option value="">{t('activities.form.none')}</option>
          {choices.partners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="grid gap-4 sm:grid-cols-4">
        <Field meta={f('startDay')} type="date" label={t('activities.form.startDay')} />
        <Field meta={f('startTime')} label={t('activities.form.startTime')} placeholder="09:00" />
        <Field
          meta={f('endDay')}
          type="date"
          label={t('activities.form.endDay')}
          hint={t('activities.form.endDayHint')}
        />
        <Field meta={f('endTime')} label={t('activities.form.endTime')} placeholder="11:00" />
      </div>
      {repeat ? (
        <div className="grid gap-4 rounded-md border border-stone-100 p-3 sm:grid-cols-3">
          <SelectField meta={f('repeat')} label={t('activities.form.repeat')}>
            <option value="none">{t('activities.form.repeatNone')}</option>
            <option value="weekly">{t('activities.form.repeatWeekly')}</option>
            <option value="monthly">{t('activities.form.repeatMonthly')}</option>
          </SelectField>
          <Field meta={f('lastDay')} type="date" label={t('activities.form.lastDay')} />
          <SelectField meta={f('weekOfMonth')} label={t('activities.form.weekOfMonth')}>
            {(['1', '2', '3', '4'] as const).map((n) => (
              <option key={n} value={n}>
                {t('activities.form.weekOfMonthNth', { n })}
              </option>
            ))}
            <option value="5">{t('activities.form.weekOfMonthLast')}</option>
          </SelectField>
          <div className="sm:col-span-3">
            <Checkbox meta={f('skipPublicHolidays')} label={t('activities.form.skipPublicHolidays')} />
          </div>
        </div>
      ) : null}
      <TextareaField meta={f('description')} label={t('activities.form.description')} rows={4} />
      <Checkbox meta={f('isPublic')} label={t('activities.form.isPublic')} />
      <Checkbox meta={f('requiresInsurance')} label={t('activities.form.requiresInsurance')} />
    </>
  )
}
