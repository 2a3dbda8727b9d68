/**
 * Inputs of the activity forms, shared by the browser and the server. Error
 * messages are i18n keys; unknown fields are dropped (no mass assignment).
 * Times are Shanghai wall-clock; checks that need the database live in the domain.
 */
import { z } from 'zod'
import {
  ACTIVITY_MODES,
  ACTIVITY_STATUSES,
  ACTIVITY_THEMES,
  ACTIVITY_TYPES,
  BENEFICIARY_GROUPS,
  CAMPAIGNS,
  RECURRENCES,
} from '#db/schema'
import { Flag, FormDay, OptionalDay, OptionalId, optionalText, requiredText } from '~/domain/reference/schema'
import { IdField } from '~/lib/fields'
import { shanghaiInstant } from '~/lib/dates'

export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/
const Time = z.string({ error: 'form.required' }).trim().regex(TIME_PATTERN, { error: 'planning.form.timeInvalid' })

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .optional()
    .transform((value) => (value ? value : null))
    .pipe(z.enum(values, { error: 'form.invalid' }).nullable())

/** The largest count an outcome may record: more than any one activity of a district library serves. */
export const MAX_COUNT = 100_000

/** A count as typed: plain digits only ("-1", "1e3" and "2.5" are not counts). */
const Count = z
  .string({ error: 'form.required' })
  .trim()
  .regex(/^\d{1,9}$/, { error: 'activities.form.countInvalid' })
  .transform(Number)
  .pipe(z.number().max(MAX_COUNT, { error: 'activities.form.countInvalid' }))

const OptionalCount = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : null))
  .pipe(Count.nullable())

const ActivityFields = z.object({
  title: requiredText(200),
  type: z.enum(ACTIVITY_TYPES, { error: 'form.required' }),
  theme: optionalEnum(ACTIVITY_THEMES),
  campaign: optionalEnum(CAMPAIGNS),
  programmeId: OptionalId,
  mode: z.enum(ACTIVITY_MODES, { error: 'form.required' }),
  siteId: OptionalId,
  partnerId: OptionalId,
  startDay: FormDay,
  startTime: Time,
  /** Empty: the same day (an exhibition runs over several). */
  endDay: OptionalDay,
  endTime: Time,
  description: optionalText(5000),
  isPublic: Flag,
  requiresInsurance: Flag,
  coordinatorId: OptionalId,
})

type Fields = z.output<typeof ActivityFields>

/** The activity's instants (Asia/Shanghai wall-clock → UTC). */
export function activityTimes(value: Pick<Fields, 'startDay' | 'startTime' | 'endDay' | 'endTime'>) {
  return {
    startsAt: shanghaiInstant(value.startDay, value.startTime),
    endsAt: shanghaiInstant(value.endDay ?? value.startDay, value.endTime),
  }
}

const placeRules = <T extends z.ZodType<Fields>>(schema: T) =>
  schema
    .refine(
      (v) => {
        const { startsAt, endsAt } = activityTimes(v)
        return endsAt > startsAt
      },
      { error: 'activities.form.endBeforeStart', path: ['endTime'] },
    )
    .refine((v) => !(v.siteId !== null && v.partnerId !== null), {
      error: 'activities.form.siteOrPartner',
      path: ['partnerId'],
    })
    .refine((v) => v.mode === 'online' || v.siteId !== null || v.partnerId !== null, {
      error: 'activities.form.placeRequired',
      path: ['siteId'],
    })

export const ActivityForm = placeRules(ActivityFields)
export type ActivityInput = z.output<typeof ActivityForm>

/** A new activity, once or repeated weekly or monthly over a date range. */
export const NewActivityForm = placeRules(
  ActivityFields.extend({
    repeat: z.enum(['none', ...RECURRENCES]).default('none'),
    lastDay: OptionalDay,
    /** Monthly: the nth weekday of the month, 5 = the last. */
    weekOfMonth: z
      .string()
      .optional()
      .transform((value) => (value ? value : null))
      .pipe(z.enum(['1', '2', '3', '4', '5'], { error: 'form.invalid' }).transform(Number).nullable()),
    skipPublicHolidays: Flag,
  }),
)
  .refine((v) => v.repeat === 'none' || v.lastDay !== null, {
    error: 'form.required',
    path: ['lastDay'],
  })
  .refine((v) => v.repeat === 'none' || v.lastDay === null || v.lastDay >= v.startDay, {
    error: 'planning.form.lastBeforeFirst',
    path: ['lastDay'],
  })
  .refine((v) => v.repeat === 'none' || v.endDay === null || v.endDay === v.startDay, {
    error: 'activities.form.repeatOneDay',
    path: ['endDay'],
  })
export type NewActivityInput = z.output<typeof NewActivityForm>

export const CancelActivityForm = z.object({ reason: optionalText(500) })

const beneficiaryFields = Object.fromEntries(BENEFICIARY_GROUPS.map((g) => [`served_${g}`, OptionalCount])) as Record<
  `served_${(typeof BENEFICIARY_GROUPS)[number]}`,
  typeof OptionalCount
>

const OutcomeFields = z.object({
  participantCount: Count,
  booksDelivered: OptionalCount,
  materialsUsed: optionalText(2000),
  notes: optionalText(5000),
  followUps: optionalText(2000),
  ...beneficiaryFields,
})

export const OutcomeForm = OutcomeFields
export type OutcomeInput = z.output<typeof OutcomeForm>

export const CorrectOutcomeForm = OutcomeFields.extend({ reason: requiredText(500) })
export type CorrectOutcomeInput = z.output<typeof CorrectOutcomeForm>

/** The people served by group, from the outcome form's `served_<group>` fields (empty groups left out). */
export function servedOf(input: OutcomeInput): { group: (typeof BENEFICIARY_GROUPS)[number]; count: number }[] {
  return BENEFICIARY_GROUPS.flatMap((group) => {
    const count = input[`served_${group}`]
    return count === null || count === 0 ? [] : [{ group, count }]
  })
}

/** The staff list shows at most this many activities. */
export const STAFF_LIST_LIMIT = 200

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)

/** Staff list filters; a malformed value answers 400 (see searchParams). */
export const StaffActivityFilter = z.object({
  month: z
    .string()
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(Month.optional()),
  type: z
    .string()
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(z.enum(ACTIVITY_TYPES).optional()),
  status: z
    .string()
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(z.enum([...ACTIVITY_STATUSES, 'outcome_missing']).optional()),
  site: z
    .string()
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(IdField.optional()),
  programme: z
    .string()
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(IdField.optional()),
})
export type StaffActivityFilterInput = z.output<typeof StaffActivityFilter>
