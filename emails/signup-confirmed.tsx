import { messagesFor, type RenderContext, type RenderedEmail } from './layout'
import type { EmailPayloads } from './payloads'
import { icsAttachment, renderShiftMail } from './shift-parts'

/** A confirmed place, with the shift as an .ics attachment. */
export function renderSignupConfirmed(
  payload: EmailPayloads['signup-confirmed'],
  context: RenderContext,
): RenderedEmail {
  const m = messagesFor(context.locale)
  const t = m.signupConfirmed
  return renderShiftMail(payload, context, {
    subject: t.subject(payload.shiftTitle),
    preheader: t.preheader,
    intro: t.intro(payload.shiftTitle),
    after: [m.shiftMail.icsHint],
    attachments: [icsAttachment(payload, context)],
  })
}
