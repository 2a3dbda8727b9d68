import { messagesFor, type RenderContext, type RenderedEmail } from './layout'
import type { EmailPayloads } from './payloads'
import { renderShiftMail } from './shift-parts'

/** The shift was full: they are on the waitlist, at this position. */
export function renderSignupWaitlisted(
  payload: EmailPayloads['signup-waitlisted'],
  context: RenderContext,
): RenderedEmail {
  const t = messagesFor(context.locale).signupWaitlisted
  return renderShiftMail(payload, context, {
    subject: t.subject(payload.shiftTitle),
    preheader: t.preheader,
    intro: t.intro(payload.shiftTitle, payload.position),
    after: [t.promise],
  })
}
