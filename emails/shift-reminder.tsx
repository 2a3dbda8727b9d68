import { messagesFor, type RenderContext, type RenderedEmail } from './layout'
import type { EmailPayloads } from './payloads'
import { renderShiftMail } from './shift-parts'

/** About 24 hours before a confirmed shift. */
export function renderShiftReminder(payload: EmailPayloads['shift-reminder'], context: RenderContext): RenderedEmail {
  const t = messagesFor(context.locale).shiftReminder
  return renderShiftMail(payload, context, {
    subject: t.subject(payload.shiftTitle),
    preheader: t.preheader,
    intro: t.intro(payload.shiftTitle),
    after: [t.cantCome],
  })
}
