/**
 * Template name → render function. The outbox stores a template name and a JSON
 * payload; the worker calls `renderStoredEmail`, which checks both and throws
 * `EmailTemplateError` for an unknown template or a payload that does not fit
 * (the worker then marks the row failed).
 */
import { renderAccountDeleted } from './account-deleted'
import { renderEmailChanged } from './email-changed'
import { renderEmailVerification } from './email-verification'
import { renderInvitation } from './invitation'
import type { RenderContext, RenderedEmail } from './layout'
import { renderPartnerUpdate } from './partner-update'
import { renderPasswordReset } from './password-reset'
import { isTemplateName, payloadSchemas, type EmailPayloads, type TemplateName } from './payloads'
import { renderPlaceOffered } from './place-offered'
import { renderShiftCancelled } from './shift-cancelled'
import { renderShiftChanged } from './shift-changed'
import { renderShiftMessage } from './shift-message'
import { renderShiftReminder } from './shift-reminder'
import { renderShipmentSent } from './shipment-sent'
import { renderSignupConfirmed } from './signup-confirmed'
import { renderSignupReleased } from './signup-released'
import { renderSignupWaitlisted } from './signup-waitlisted'
import { renderVisitOutcomeFiled, renderVisitThanks } from './visit-mails'
import { renderWaitlistPromoted } from './waitlist-promoted'

export type { EmailAttachment, RenderContext, RenderedEmail } from './layout'
export { TEMPLATE_NAMES, isTemplateName, payloadSchemas, type EmailPayloads, type TemplateName } from './payloads'

const renderers: { [K in TemplateName]: (payload: EmailPayloads[K], context: RenderContext) => RenderedEmail } = {
  'email-verification': renderEmailVerification,
  'password-reset': renderPasswordReset,
  invitation: renderInvitation,
  'email-changed': renderEmailChanged,
  'account-deleted': renderAccountDeleted,
  'shift-message': renderShiftMessage,
  'signup-confirmed': renderSignupConfirmed,
  'signup-waitlisted': renderSignupWaitlisted,
  'waitlist-promoted': renderWaitlistPromoted,
  'shift-reminder': renderShiftReminder,
  'place-offered': renderPlaceOffered,
  'shift-changed': renderShiftChanged,
  'shift-cancelled': renderShiftCancelled,
  'signup-released': renderSignupReleased,
  'partner-update': renderPartnerUpdate,
  'shipment-sent': renderShipmentSent,
  'visit-outcome-filed': renderVisitOutcomeFiled,
  'visit-thanks': renderVisitThanks,
}

/** A template that cannot be rendered, whatever the attempt: retrying will not help. */
export class EmailTemplateError extends Error {
  override name = 'EmailTemplateError'
}

const MAX_SUBJECT_LENGTH = 200

/** A subject is one header line: no control characters, bounded length. */
function cleanSubject(subject: string): string {
  // eslint-disable-next-line no-control-regex
  const line = subject.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim()
  return line.length > MAX_SUBJECT_LENGTH ? `${line.slice(0, MAX_SUBJECT_LENGTH - 1)}…` : line
}

/** Renders a template with a payload the compiler has checked. */
export function renderEmail<K extends TemplateName>(
  template: K,
  payload: EmailPayloads[K],
  context: RenderContext,
): RenderedEmail {
  return renderStoredEmail(template, payload, context)
}

/** Renders what the outbox holds: the payload is checked against the template's schema first. */
export function renderStoredEmail(template: string, payload: unknown, context: RenderContext): RenderedEmail {
  if (!isTemplateName(template)) throw new EmailTemplateError(`unknown mail template "${template}"`)
  const parsed = payloadSchemas[template].safeParse(payload)
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(payload)').join(', ')
    throw new EmailTemplateError(`payload does not fit mail template "${template}": ${fields}`)
  }
  const render = renderers[template] as (payload: unknown, context: RenderContext) => RenderedEmail
  const rendered = render(parsed.data, context)
  return { ...rendered, subject: cleanSubject(rendered.subject) }
}
