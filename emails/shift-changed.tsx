import { messagesFor, type RenderContext, type RenderedEmail } from './layout'
import type { EmailPayloads } from './payloads'
import { formatShiftTime, renderShiftMail, shiftTitleIn } from './shift-parts'

/** A coordinator changed a shift the volunteer is on. */
export function renderShiftChanged(payload: EmailPayloads['shift-changed'], context: RenderContext): RenderedEmail {
  const t = messagesFor(context.locale).shiftChanged
  return renderShiftMail(payload, context, {
    subject: t.subject(shiftTitleIn(payload, context.locale)),
    preheader: t.preheader,
    intro: t.intro(shiftTitleIn(payload, context.locale)),
    list: payload.changes
      ? {
          label: t.changes,
          items: payload.changes.map((change) =>
            change === 'time'
              ? t.newTime(formatShiftTime(payload.startsAt, payload.endsAt, context.locale))
              : t.newPlace(payload.place ?? ''),
          ),
        }
      : undefined,
    after: [t.check],
  })
}
