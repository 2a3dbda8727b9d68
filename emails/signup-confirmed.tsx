import { messagesFor, type RenderContext, type RenderedEmail } from './layout'
import type { EmailPayloads } from './payloads'
import { icsAttachment, renderShiftMail, shiftTitleIn } from './shift-parts'

/** A confirmed place, with the shift as an .ics attachment. */
export function renderSignupConfirmed(
  payload: EmailPayloads['signup-confirmed'],
  context: RenderContext,
): RenderedEmail {
  const m = messagesFor(context.locale)
  const t = m.signupConfirmed
  return renderShiftMail(payload, context, {
    subject: t.subject(shiftTitleIn(payload, context.locale)),
    preheader: t.preheader,
    intro: t.intro(shiftTitleIn(payload, context.locale)),
    after: [m.shiftMail.icsHint],
    attachments: [icsAttachment(payload, context)],
  })
}
