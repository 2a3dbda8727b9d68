/**
 * What each mail template needs, checked at enqueue time (a bad payload fails the
 * caller's transaction) and again before rendering (a stored row may be old).
 * No React here: the outbox imports this module, the renderer lives in index.ts.
 */
import { z } from 'zod'
import { ROLES } from '#db/schema'

/** Links in mail: absolute http(s) only, never `javascript:` or `data:`. */
const link = z.url({ protocol: /^https?$/ })
const text = z.string().max(2000)
const name = z.string().max(200)

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
    activityTitle: z.string().max(300),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    place: z.string().max(300).optional(),
    message: text,
    shiftUrl: link,
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
