import { messagesFor, type RenderContext, type RenderedEmail } from './layout'
import type { EmailPayloads } from './payloads'
import { renderShiftMail, shiftTitleIn } from './shift-parts'

/** About 24 hours before a confirmed shift. */
export function renderShiftReminder(payload: EmailPayloads['shift-reminder'], context: RenderContext): RenderedEmail {
  const t = messagesFor(context.locale).shiftReminder
  return renderShiftMail(payload, context, {
    subject: t.subject(shiftTitleIn(payload, context.locale)),
    preheader: t.preheader,
    intro: t.intro(shiftTitleIn(payload, context.locale)),
    after: [t.cantCome],
  })
}
