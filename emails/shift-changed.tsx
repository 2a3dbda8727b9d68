import { messagesFor, type RenderContext, type RenderedEmail } from './layout'
import type { EmailPayloads } from './payloads'
import { renderShiftMail } from './shift-parts'

/** A coordinator changed a shift the volunteer is on. */
export function renderShiftChanged(payload: EmailPayloads['shift-changed'], context: RenderContext): RenderedEmail {
  const t = messagesFor(context.locale).shiftChanged
  return renderShiftMail(payload, context, {
    subject: t.subject(payload.shiftTitle),
    preheader: t.preheader,
    intro: t.intro(payload.shiftTitle),
    list: payload.changes ? { label: t.changes, items: payload.changes } : undefined,
    after: [t.check],
  })
}
