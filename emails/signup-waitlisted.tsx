import { messagesFor, type RenderContext, type RenderedEmail } from './layout'
import type { EmailPayloads } from './payloads'
import { renderShiftMail, shiftTitleIn } from './shift-parts'

/** The shift was full: they are on the waitlist, at this position. */
export function renderSignupWaitlisted(
  payload: EmailPayloads['signup-waitlisted'],
  context: RenderContext,
): RenderedEmail {
  const t = messagesFor(context.locale).signupWaitlisted
  return renderShiftMail(payload, context, {
    subject: t.subject(shiftTitleIn(payload, context.locale)),
    preheader: t.preheader,
    intro: t.intro(shiftTitleIn(payload, context.locale), payload.position),
    after: [t.promise],
  })
}
