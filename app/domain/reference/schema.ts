/**
 * Inputs of the reference-data forms (sites, programmes, partners, trainings).
 * Error messages are i18n keys; unknown fields are dropped (no mass assignment).
 */
import { z } from 'zod'
import { PARTNER_KINDS, SITE_KINDS } from '#db/schema'
import { IdField, isCalendarDay } from '~/lib/fields'

const noNul = (value: string) => !value.includes('\u0000')

export const requiredText = (max: number) =>
  z
    .string({ error: 'form.required' })
    .trim()
    .min(1, { error: 'form.required' })
    .max(max, { error: 'form.tooLong' })
    .refine(noNul, { error: 'form.invalid' })

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'form.tooLong' })
    .refine(noNul, { error: 'form.invalid' })
    .optional()
    .transform((value) => (value ? value : null))

export const FormDay = z.string({ error: 'form.required' }).trim().refine(isCalendarDay, { error: 'form.dayInvalid' })

export const OptionalDay = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : null))
  .pipe(FormDay.nullable())

export const OptionalId = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : null))
  .pipe(IdField.nullable())

/** A checkbox: present means on. */
export const Flag = z
  .literal('on')
  .optional()
  .transform((value) => value === 'on')

export const SiteForm = z.object({
  name: requiredText(100),
  kind: z.enum(SITE_KINDS, { error: 'form.required' }),
  address: optionalText(200),
  openingHours: optionalText(200),
  openedOn: OptionalDay,
  active: Flag,
})
export type SiteInput = z.output<typeof SiteForm>

export const ProgrammeForm = z.object({
  name: requiredText(100),
  /** Empty: a brand; else the brand this project belongs to. */
  parentId: OptionalId,
  colour: z
    .string({ error: 'form.required' })
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, { error: 'reference.form.colourInvalid' })
    .transform((value) => value.toLowerCase()),
  description: optionalText(2000),
  active: Flag,
})
export type ProgrammeInput = z.output<typeof ProgrammeForm>

export const PartnerForm = z
  .object({
    name: requiredText(100),
    kind: z.enum(PARTNER_KINDS, { error: 'form.required' }),
    address: optionalText(200),
    region: optionalText(100),
    contactName: optionalText(100),
    contactPhone: optionalText(30),
    contactEmail: optionalText(254).pipe(z.email({ error: 'account.email.invalid' }).nullable()),
    agreementSignedOn: OptionalDay,
    agreementEndsOn: OptionalDay,
    notes: optionalText(2000),
    active: Flag,
  })
  .refine(
    (value) =>
      value.agreementEndsOn === null ||
      value.agreementSignedOn === null ||
      value.agreementEndsOn > value.agreementSignedOn,
    { error: 'reference.form.agreementEndsBeforeStart', path: ['agreementEndsOn'] },
  )
export type PartnerInput = z.output<typeof PartnerForm>

export const TrainingForm = z.object({
  name: requiredText(100),
  description: optionalText(2000),
})
export type TrainingInput = z.output<typeof TrainingForm>

/** Who completed a training on a day: volunteers by email, or every attendee of a training activity. */
export const RecordCompletions = z
  .object({
    completedOn: FormDay,
    emails: optionalText(5000),
    activityId: OptionalId,
  })
  .refine((value) => value.emails !== null || value.activityId !== null, {
    error: 'reference.training.whoRequired',
    path: ['emails'],
  })
export type RecordCompletionsInput = z.output<typeof RecordCompletions>

export const RemoveCompletion = z.object({ accountId: IdField })

/** The list filter: archived rows are shown only when asked for. */
export const ReferenceFilter = z.object({
  show: z.enum(['current', 'archived', 'all']).default('current').catch('current'),
})
