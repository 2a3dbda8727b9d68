import { messagesFor, type RenderContext, type RenderedEmail } from './layout'
import type { EmailPayloads } from './payloads'
import { icsAttachment, renderShiftMail, shiftTitleIn } from './shift-parts'

/** Moved from the waitlist to a confirmed place; the shift comes as an .ics attachment. */
export function renderWaitlistPromoted(
  payload: EmailPayloads['waitlist-promoted'],
  context: RenderContext,
): RenderedEmail {
  const m = messagesFor(context.locale)
  const t = m.waitlistPromoted
  return renderShiftMail(payload, context, {
    subject: t.subject(shiftTitleIn(payload, context.locale)),
    preheader: t.preheader,
    intro: t.intro(shiftTitleIn(payload, context.locale)),
    after: [m.shiftMail.icsHint],
    attachments: [icsAttachment(payload, context)],
  })
}
