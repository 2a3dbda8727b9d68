import type { FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { BENEFICIARY_GROUPS } from '#db/schema'
import { Field, TextareaField } from '~/components/form'

/** The outcome form's fields (staff activity page and the team lead's phone page). */
export function OutcomeFields({
  fields,
  correcting,
}: {
  fields: Record<string, FieldMetadata<string | undefined>>
  correcting: boolean
}) {
  const { t } = useTranslation()
  const f = (name: string) => fields[name]!
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field meta={f('participantCount')} type="number" min={0} label={t('activities.outcome.participants')} />
        <Field meta={f('booksDelivered')} type="number" min={0} label={t('activities.outcome.booksDelivered')} />
      </div>
      <fieldset className="rounded-md border border-stone-100 p-3">
        <legend className="text-sm font-medium">{t('activities.outcome.served')}</legend>
        <div className="grid gap-3 sm:grid-cols-4">
          {BENEFICIARY_GROUPS.map((group) => (
            <Field
              key={group}
              meta={f(`served_${group}`)}
              type="number"
              min={0}
              label={t(`activities.group.${group}`)}
            />
          ))}
        </div>
      </fieldset>
      <TextareaField meta={f('materialsUsed')} label={t('activities.outcome.materialsUsed')} rows={2} />
      <TextareaField meta={f('notes')} label={t('activities.outcome.notes')} />
      <TextareaField meta={f('followUps')} label={t('activities.outcome.followUps')} rows={2} />
      {correcting ? <Field meta={f('reason')} label={t('activities.outcome.reason')} /> : null}
    </>
  )
}
