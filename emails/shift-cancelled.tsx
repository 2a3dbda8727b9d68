import { messagesFor, type RenderContext, type RenderedEmail } from './layout'
import type { EmailPayloads } from './payloads'
import { renderShiftMail } from './shift-parts'

/** A coordinator cancelled a shift the volunteer was on. */
export function renderShiftCancelled(payload: EmailPayloads['shift-cancelled'], context: RenderContext): RenderedEmail {
  const t = messagesFor(context.locale).shiftCancelled
  return renderShiftMail(payload, context, {
    subject: t.subject(payload.shiftTitle),
    preheader: t.preheader,
    intro: t.intro(payload.shiftTitle),
    list: payload.changes ? { label: '', items: payload.changes } : undefined,
    after: [t.thanks],
  })
}
