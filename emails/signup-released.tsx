import { messagesFor, type RenderContext, type RenderedEmail } from './layout'
import type { EmailPayloads } from './payloads'
import { renderShiftMail, shiftTitleIn } from './shift-parts'

/** A coordinator's edit moved the volunteer off the shift (overlap or requirements). */
export function renderSignupReleased(payload: EmailPayloads['signup-released'], context: RenderContext): RenderedEmail {
  const t = messagesFor(context.locale).signupReleased
  const title = shiftTitleIn(payload, context.locale)
  return renderShiftMail(payload, context, {
    subject: t.subject(title),
    preheader: t.preheader,
    intro: t.intro[payload.reason](title),
    after: [t.other],
  })
}
