/**
 * Inputs of the partner and book forms. Error messages are i18n keys; unknown
 * fields are dropped. Rules that need the library's limits or the database
 * (ranges, stock, states) are checked again in the domain functions.
 */
import { z } from 'zod'
import { DONOR_KINDS, VISIT_KINDS, VISIT_NEEDS } from '#db/schema'
import { DayField, IdField } from '~/lib/params.server'
import { TEXT_LIMITS, UPLOAD_LIMITS } from './limits'

// eslint-disable-next-line no-control-regex
const clean = (value: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value)

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'partners.tooLong' })
    .refine(clean, { error: 'form.invalid' })
    .optional()
    .transform((value) => (value ? value : null))

const requiredText = (max: number) =>
  z
    .string({ error: 'form.required' })
    .trim()
    .min(1, { error: 'form.required' })
    .max(max, { error: 'partners.tooLong' })
    .refine(clean, { error: 'form.invalid' })

const int = (min: number, max: number, error = 'form.invalid') =>
  z.coerce.number({ error: 'form.required' }).int({ error }).min(min, { error }).max(max, { error })

const Day = z.string({ error: 'form.required' }).pipe(DayField)

export const CardRequestForm = z.object({
  classList: z.string({ error: 'partners.classList.empty' }).max(UPLOAD_LIMITS.maxBytes, { error: 'partners.tooLong' }),
  loanLimit: int(1, 10_000),
  loanPeriodDays: int(1, 10_000),
  note: optionalText(TEXT_LIMITS.note),
})

export const ApproveForm = z.object({
  intent: z.literal('approve'),
  lineCounts: z.array(int(1, 10_000)).max(200).optional(),
  loanLimit: int(1, 10_000).optional(),
  loanPeriodDays: int(1, 10_000).optional(),
  note: optionalText(TEXT_LIMITS.reason),
})
export const RejectForm = z.object({ intent: z.literal('reject'), reason: requiredText(TEXT_LIMITS.reason) })
export const IssueForm = z.object({ intent: z.literal('issue'), numbers: optionalText(20_000) })
export const CardDecisionForm = z.discriminatedUnion('intent', [ApproveForm, RejectForm, IssueForm])

export const VisitRequestForm = z.object({
  kind: z.enum(VISIT_KINDS, { error: 'form.required' }),
  topic: requiredText(TEXT_LIMITS.topic),
  preferredDates: z
    .array(Day, { error: 'partners.visits.datesCount' })
    .min(1, { error: 'partners.visits.datesCount' })
    .max(5, { error: 'partners.visits.datesCount' }),
  audience: optionalText(TEXT_LIMITS.audience),
  expectedParticipants: int(1, 5000, 'partners.visits.participantsRange'),
  needs: z.array(z.enum(VISIT_NEEDS)).max(VISIT_NEEDS.length).default([]),
  note: optionalText(TEXT_LIMITS.note),
})

const Time = z.string({ error: 'form.required' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'form.invalid' })

export const VisitDecisionForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('accept'), note: optionalText(TEXT_LIMITS.reason) }),
  z.object({ intent: z.literal('propose'), day: Day, note: optionalText(TEXT_LIMITS.reason) }),
  z.object({ intent: z.literal('decline'), reason: requiredText(TEXT_LIMITS.reason) }),
  z.object({
    intent: z.literal('plan'),
    title: requiredText(TEXT_LIMITS.topic),
    day: Day,
    startTime: Time,
    endTime: Time,
  }),
])

export const FeedbackForm = z.object({
  intent: z.literal('feedback'),
  rating: int(1, 5, 'partners.visits.ratingRange'),
  comment: optionalText(TEXT_LIMITS.note),
})

export const ReceiptForm = z.object({
  receivedCount: int(0, 20_000, 'books.countRange'),
  receivedOn: Day,
  name: requiredText(TEXT_LIMITS.name),
  note: optionalText(TEXT_LIMITS.note),
  damaged: z
    .literal('on')
    .optional()
    .transform((v) => v === 'on'),
})

export const DonationForm = z.object({
  intent: z.literal('donation'),
  donorKind: z.enum(DONOR_KINDS, { error: 'form.required' }),
  donorName: optionalText(TEXT_LIMITS.name),
  nameConsent: z
    .literal('on')
    .optional()
    .transform((v) => v === 'on'),
  email: z
    .string()
    .trim()
    .max(320)
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.email({ error: 'form.invalid' }).nullable()),
  receivedOn: Day,
  siteId: IdField.optional().transform((v) => v ?? null),
  programmeId: IdField,
  bookCount: int(1, 100_000, 'books.countRange'),
  notes: optionalText(TEXT_LIMITS.note),
})

export const ShipmentForm = z.object({
  intent: z.literal('shipment'),
  partnerOrganisationId: IdField,
  programmeId: IdField,
  activityId: IdField.optional().transform((v) => v ?? null),
  bookCount: int(1, 20_000, 'books.countRange'),
  boxCount: int(1, 500, 'books.boxRange'),
})

export const ShipmentActionForm = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('ship'),
    carrier: optionalText(TEXT_LIMITS.carrier),
    waybillNumber: optionalText(TEXT_LIMITS.waybill),
    deliveredByTeam: z
      .literal('on')
      .optional()
      .transform((v) => v === 'on'),
  }),
  z.object({ intent: z.literal('cancel'), reason: requiredText(TEXT_LIMITS.reason) }),
  z.object({ intent: z.literal('revoke') }),
  z.object({ intent: z.literal('resend') }),
])
