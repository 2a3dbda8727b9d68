/**
 * Inputs of the planning forms. Error messages are i18n keys. Unknown fields
 * are dropped (no mass assignment); checks that need the database live in the
 * domain functions.
 */
import { z } from 'zod'
import { ATTENDANCE_STATES, DAY_KINDS, SHIFT_ROLES } from '#db/schema'

const noNul = (value: string) => !value.includes('\u0000')

export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/

const Time = z.string({ error: 'form.required' }).trim().regex(TIME_PATTERN, { error: 'planning.form.timeInvalid' })

const OptionalTime = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : null))
  .pipe(z.string().regex(TIME_PATTERN, { error: 'planning.form.timeInvalid' }).nullable())

export const PlanDay = z
  .string({ error: 'form.required' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'form.dayInvalid' })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), { error: 'form.dayInvalid' })

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'form.tooLong' })
    .refine(noNul, { error: 'form.invalid' })
    .optional()
    .transform((value) => (value ? value : null))

const requiredText = (max: number) =>
  z
    .string({ error: 'form.required' })
    .trim()
    .min(1, { error: 'form.required' })
    .max(max, { error: 'form.tooLong' })
    .refine(noNul, { error: 'form.invalid' })

const optionalInt = (min: number, max: number) =>
  z.coerce
    .number({ error: 'planning.form.numberInvalid' })
    .int({ error: 'planning.form.numberInvalid' })
    .min(min, { error: 'planning.form.numberInvalid' })
    .max(max, { error: 'planning.form.numberInvalid' })
    .optional()
    .transform((value) => value ?? null)

const Capacity = z.coerce
  .number({ error: 'form.required' })
  .int({ error: 'planning.form.capacityInvalid' })
  .min(1, { error: 'planning.form.capacityInvalid' })
  .max(500, { error: 'planning.form.capacityInvalid' })

/** What every shift has, single or in a series. */
const ShiftFields = z.object({
  siteId: optionalInt(1, Number.MAX_SAFE_INTEGER),
  activityId: optionalInt(1, Number.MAX_SAFE_INTEGER),
  role: z.enum(SHIFT_ROLES, { error: 'form.required' }),
  title: optionalText(200),
  startTime: Time,
  endTime: Time,
  capacity: Capacity,
  minAge: optionalInt(0, 120),
  requiredSkill: optionalText(50),
  requiredTrainingId: optionalInt(1, Number.MAX_SAFE_INTEGER),
  /** Sign-up opens this many days before the start (empty: open now). */
  opensDaysBefore: optionalInt(0, 365),
  /** Sign-up closes this many hours before the start (empty: at the start). */
  closesHoursBefore: optionalInt(0, 24 * 30),
  cancelCutoffHours: optionalInt(0, 24 * 14).transform((value) => value ?? 0),
  whatToBring: optionalText(500),
  notes: optionalText(2000),
})

const endAfterStart = (value: { startTime: string; endTime: string }) => value.endTime > value.startTime
const hasPlace = (value: { siteId: number | null; activityId: number | null }) =>
  value.siteId !== null || value.activityId !== null

export const NewShift = z
  .discriminatedUnion('kind', [
    ShiftFields.extend({ kind: z.literal('single'), day: PlanDay }),
    ShiftFields.extend({
      kind: z.literal('series'),
      firstDay: PlanDay,
      lastDay: PlanDay,
      weekday: z.coerce.number().int().min(1, { error: 'form.required' }).max(7, { error: 'form.required' }),
      skipPublicHolidays: z
        .literal('on')
        .optional()
        .transform((value) => value === 'on'),
    }),
  ])
  .refine(endAfterStart, { error: 'planning.form.endBeforeStart', path: ['endTime'] })
  .refine(hasPlace, { error: 'planning.form.placeRequired', path: ['siteId'] })
  .refine((value) => value.kind !== 'series' || value.lastDay >= value.firstDay, {
    error: 'planning.form.lastBeforeFirst',
    path: ['lastDay'],
  })

export type NewShiftInput = z.output<typeof NewShift>
export type SingleShiftInput = Extract<NewShiftInput, { kind: 'single' }>
export type SeriesInput = Extract<NewShiftInput, { kind: 'series' }>

/** Editing one occurrence, or this and every later one of its series. */
export const EditShift = z
  .object({
    scope: z.enum(['one', 'future']).default('one'),
    /** Only for one occurrence: a series keeps each occurrence's own day. */
    day: PlanDay.optional(),
    startTime: Time,
    endTime: Time,
    siteId: optionalInt(1, Number.MAX_SAFE_INTEGER),
    activityId: optionalInt(1, Number.MAX_SAFE_INTEGER),
    title: optionalText(200),
    capacity: Capacity,
    minAge: optionalInt(0, 120),
    requiredSkill: optionalText(50),
    cancelCutoffHours: optionalInt(0, 24 * 14).transform((value) => value ?? 0),
    whatToBring: optionalText(500),
    notes: optionalText(2000),
  })
  .refine(endAfterStart, { error: 'planning.form.endBeforeStart', path: ['endTime'] })
  .refine(hasPlace, { error: 'planning.form.placeRequired', path: ['siteId'] })

export type EditShiftInput = z.output<typeof EditShift>

export const CancelShift = z.object({ reason: optionalText(500) })

export const HolidayOverrideForm = z.object({
  day: PlanDay,
  kind: z.enum([...DAY_KINDS, 'none'], { error: 'form.required' }),
  note: optionalText(200),
})

export const MessageVolunteers = z.object({ message: requiredText(2000) })

export const HandAdd = z.object({
  volunteerEmail: z.string({ error: 'form.required' }).trim().min(1, { error: 'form.required' }).max(254),
  reason: requiredText(500),
})

export const HandRemove = z.object({
  signupId: z.coerce.number().int().positive(),
  reason: requiredText(500),
})

export const RollCall = z.object({
  attended: z
    .union([z.coerce.number().int().positive(), z.array(z.coerce.number().int().positive())])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])),
})

export const MarkAttendance = z.object({
  signupId: z.coerce.number().int().positive(),
  attendance: z.enum(ATTENDANCE_STATES),
  checkedIn: OptionalTime,
  checkedOut: OptionalTime,
})

export const OverrideHours = z.object({
  signupId: z.coerce.number().int().positive(),
  minutes: z.coerce
    .number({ error: 'planning.form.numberInvalid' })
    .int({ error: 'planning.form.numberInvalid' })
    .min(0, { error: 'planning.form.numberInvalid' })
    .max(24 * 60, { error: 'planning.form.numberInvalid' }),
  reason: requiredText(500),
})

export const ApproveHours = z.object({
  signupIds: z
    .union([z.coerce.number().int().positive(), z.array(z.coerce.number().int().positive())])
    .transform((value) => (Array.isArray(value) ? value : [value])),
})

export const CheckInCode = z.object({
  code: z
    .string({ error: 'form.required' })
    .trim()
    .regex(/^\d{6}$/, { error: 'planning.checkIn.codeInvalid' }),
  direction: z.enum(['in', 'out']).default('in'),
})
