import { messagesFor, type RenderContext, type RenderedEmail } from './layout'
import type { EmailPayloads } from './payloads'
import { renderShiftMail, shiftTitleIn } from './shift-parts'

/** A coordinator cancelled a shift the volunteer was on. */
export function renderShiftCancelled(payload: EmailPayloads['shift-cancelled'], context: RenderContext): RenderedEmail {
  const t = messagesFor(context.locale).shiftCancelled
  return renderShiftMail(payload, context, {
    subject: t.subject(shiftTitleIn(payload, context.locale)),
    preheader: t.preheader,
    intro: t.intro(shiftTitleIn(payload, context.locale)),
    after: [t.thanks],
  })
}
