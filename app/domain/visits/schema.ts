/** Inputs of the visit pages: the visit's plan, team shifts, insurance policies and cover. */
import { z } from 'zod'
import { TEAM_ROLES, type ShiftRole, type TeamRole } from '#db/schema'
import { FormDay, optionalText, requiredText } from '~/domain/reference/schema'
import { TIME_PATTERN } from '~/domain/planning/schema'
import { IdField } from '~/lib/fields'

const Time = z.string({ error: 'form.required' }).trim().regex(TIME_PATTERN, { error: 'planning.form.timeInvalid' })

/** The shift role a team role is counted under (reports and mails name shifts by it). */
export const SHIFT_ROLE_OF: Record<TeamRole, ShiftRole> = {
  team_lead: 'other',
  reader: 'reading_guide',
  activity_assistant: 'activity_assistant',
  photographer: 'other',
  driver: 'other',
  book_handling: 'book_handling',
}

export const VisitPlanForm = z.object({
  purpose: optionalText(2000),
  whatToBring: optionalText(2000),
  transport: optionalText(500),
  meetingPoint: optionalText(500),
})
export type VisitPlanInput = z.output<typeof VisitPlanForm>

const OptionalInt = (max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : null))
    .pipe(
      z
        .string()
        .regex(/^\d{1,4}$/, { error: 'planning.form.numberInvalid' })
        .transform(Number)
        .pipe(z.number().max(max, { error: 'planning.form.numberInvalid' }))
        .nullable(),
    )

/** A role on the team, on the visit's day; empty times take the visit's own. */
export const TeamShiftForm = z
  .object({
    teamRole: z.enum(TEAM_ROLES, { error: 'form.required' }),
    capacity: z
      .string({ error: 'form.required' })
      .trim()
      .regex(/^\d{1,3}$/, { error: 'planning.form.numberInvalid' })
      .transform(Number)
      .pipe(
        z.number().min(1, { error: 'planning.form.numberInvalid' }).max(50, { error: 'planning.form.numberInvalid' }),
      ),
    startTime: Time.optional().or(z.literal('').transform(() => undefined)),
    endTime: Time.optional().or(z.literal('').transform(() => undefined)),
    minAge: OptionalInt(120),
    requiredSkill: optionalText(100),
    cancelCutoffHours: OptionalInt(720),
  })
  .refine((v) => !v.startTime || !v.endTime || v.endTime > v.startTime, {
    error: 'activities.form.endBeforeStart',
    path: ['endTime'],
  })
export type TeamShiftInput = z.output<typeof TeamShiftForm>

export const PolicyForm = z
  .object({
    insurer: requiredText(200),
    policyNumber: requiredText(100),
    coversFrom: FormDay,
    coversUntil: FormDay,
    note: optionalText(1000),
  })
  .refine((v) => v.coversUntil >= v.coversFrom, { error: 'planning.form.lastBeforeFirst', path: ['coversUntil'] })
export type PolicyInput = z.output<typeof PolicyForm>

export const CoverForm = z.object({
  policyId: IdField,
  volunteerEmail: z.string({ error: 'form.required' }).trim().min(1, { error: 'form.required' }).max(254),
})
export const CoverTeamForm = z.object({ policyId: IdField })

/** The board's status of a visit, in the order a visit goes through them. */
export const VISIT_STATUSES = ['planned', 'team_open', 'team_full', 'done', 'outcome_filed'] as const
export type VisitStatus = (typeof VISIT_STATUSES)[number]

/** Where a visit stands: no team yet → seats left → full → happened → outcome filed. */
export function visitStatus(
  visit: { ends_at: string; outcome_filed_at: string | null },
  team: { capacity: number; confirmed: number; shifts: number },
  now: Date,
): VisitStatus {
  if (visit.outcome_filed_at !== null) return 'outcome_filed'
  if (Date.parse(visit.ends_at) <= now.getTime()) return 'done'
  if (team.shifts === 0) return 'planned'
  return team.confirmed >= team.capacity ? 'team_full' : 'team_open'
}
