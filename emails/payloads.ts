/**
 * What each mail template needs, checked at enqueue time (a bad payload fails the
 * caller's transaction) and again before rendering (a stored row may be old).
 * No React here: the outbox imports this module, the renderer lives in index.ts.
 */
import { z } from 'zod'
import { ROLES, SHIFT_ROLES } from '#db/schema'
import { PARTNER_EVENTS } from './partner-messages'

/** Links in mail: absolute http(s) only, never `javascript:` or `data:`. */
const link = z.url({ protocol: /^https?$/ })
const text = z.string().max(2000)
const name = z.string().max(200)

const instant = z.iso.datetime({ offset: true })

/** What a shift edit changed. */
export const SHIFT_CHANGES = ['time', 'place'] as const
/** Why an edit moved a volunteer off a shift. */
export const RELEASE_REASONS = ['overlap', 'requirements'] as const

/**
 * What every shift mail says: who, which shift, when, where, and the link to its page.
 * `shiftTitle` is the shift's (or its activity's) own title when it has one; else the
 * template names the `role` in the reader's language.
 */
const shiftFields = {
  name,
  role: z.enum(SHIFT_ROLES),
  shiftTitle: z.string().min(1).max(300).optional(),
  startsAt: instant,
  endsAt: instant,
  place: z.string().max(300).optional(),
  shiftUrl: link,
}

const shiftConfirmation = z.object({
  ...shiftFields,
  signupId: z.number().int().positive(),
  shiftId: z.number().int().positive(),
  whatToBring: text.optional(),
  contactName: name.optional(),
  contactPhone: z.string().max(40).optional(),
})

export const payloadSchemas = {
  'email-verification': z.object({
    name,
    code: z.string().regex(/^\d{8}$/),
    verifyUrl: link,
    expiresMinutes: z.number().int().positive(),
  }),
  'password-reset': z.object({
    name,
    resetUrl: link,
    expiresMinutes: z.number().int().positive(),
  }),
  invitation: z.object({
    inviterName: name,
    role: z.enum(ROLES),
    organisationName: name.optional(),
    acceptUrl: link,
    expiresDays: z.number().int().positive(),
  }),
  /** Sent to the old address after the change. */
  'email-changed': z.object({
    name,
    newEmail: z.string().max(320),
  }),
  'account-deleted': z.object({ name }),
  /** A coordinator's note to the volunteers of one shift. */
  'shift-message': z.object({
    name,
    senderName: name,
    role: z.enum(SHIFT_ROLES),
    activityTitle: z.string().min(1).max(300).optional(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    place: z.string().max(300).optional(),
    message: text,
    shiftUrl: link,
  }),
  /** A confirmed place; the mail carries the shift as an .ics attachment. */
  'signup-confirmed': shiftConfirmation,
  'signup-waitlisted': z.object({ ...shiftFields, position: z.number().int().positive() }),
  /** A cancellation (or more seats) moved them from the waitlist to a confirmed place; .ics attached. */
  'waitlist-promoted': shiftConfirmation,
  /** About 24 hours before. */
  'shift-reminder': shiftConfirmation,
  /** Someone offers their place on a shift this volunteer may take. */
  'place-offered': z.object(shiftFields),
  /** A coordinator changed a shift the volunteer is on; `changes` lists what, as codes the template words. */
  'shift-changed': z.object({ ...shiftFields, changes: z.array(z.enum(SHIFT_CHANGES)).max(2).optional() }),
  'shift-cancelled': z.object(shiftFields),
  /** A coordinator's edit moved them off the shift: it now overlaps another of theirs, or they no longer meet its requirements. */
  'signup-released': z.object({ ...shiftFields, reason: z.enum(RELEASE_REASONS) }),
  /** A step of a card request, visit request, receipt or donation. */
  'partner-update': z.object({
    name,
    event: z.enum(PARTNER_EVENTS),
    organisation: name,
    reference: z.string().max(100),
    detail: text.optional(),
    url: link.optional(),
  }),
  /** A shipment left: the one-time receipt link, no account needed. */
  'shipment-sent': z.object({
    name,
    organisation: name,
    bookCount: z.number().int().positive(),
    boxCount: z.number().int().positive(),
    carrier: z.string().max(100).optional(),
    waybillNumber: z.string().max(100).optional(),
    receiptUrl: link,
    expiresDays: z.number().int().positive(),
  }),
  /** A visit's outcome was filed (by its team lead): to the coordinator in charge. */
  'visit-outcome-filed': z.object({
    name,
    title: z.string().max(300),
    organisation: name,
    startsAt: instant,
    filedBy: name,
    participants: z.number().int().nonnegative(),
    url: link,
  }),
  /** Thanks to a visit's team member, with the hours recorded for them. */
  'visit-thanks': z.object({
    name,
    title: z.string().max(300),
    organisation: name,
    startsAt: instant,
    minutes: z.number().int().nonnegative(),
    url: link,
  }),
} as const

export type TemplateName = keyof typeof payloadSchemas
export type EmailPayloads = { [K in TemplateName]: z.input<(typeof payloadSchemas)[K]> }

export const TEMPLATE_NAMES = Object.keys(payloadSchemas) as TemplateName[]

export function isTemplateName(value: string): value is TemplateName {
  return Object.hasOwn(payloadSchemas, value)
}

/**
 * Payload fields that let the reader act as the recipient (codes, one-time links).
 * The worker blanks them once a row is sent or has failed for good, so the outbox
 * does not keep working credentials around.
 */
export const SECRET_FIELDS: { [K in TemplateName]: readonly (keyof EmailPayloads[K])[] } = {
  'email-verification': ['code', 'verifyUrl'],
  'password-reset': ['resetUrl'],
  invitation: ['acceptUrl'],
  'email-changed': [],
  'account-deleted': [],
  'shift-message': [],
  'signup-confirmed': [],
  'signup-waitlisted': [],
  'waitlist-promoted': [],
  'shift-reminder': [],
  'place-offered': [],
  'shift-changed': [],
  'shift-cancelled': [],
  'signup-released': [],
  'partner-update': [],
  'shipment-sent': ['receiptUrl'],
  'visit-outcome-filed': [],
  'visit-thanks': [],
}

export const REDACTED = '[redacted]'

/** The stored payload with its secret fields replaced; unparseable text is dropped altogether. */
export function redactPayload(template: string, payloadJson: string): string {
  if (!isTemplateName(template)) return payloadJson
  const secrets: readonly string[] = SECRET_FIELDS[template] as readonly string[]
  if (secrets.length === 0) return payloadJson
  let payload: unknown
  try {
    payload = JSON.parse(payloadJson)
  } catch {
    return '{}'
  }
  if (typeof payload !== 'object' || payload === null) return '{}'
  const copy: Record<string, unknown> = { ...payload }
  for (const key of secrets) if (key in copy) copy[key] = REDACTED
  return JSON.stringify(copy)
}
