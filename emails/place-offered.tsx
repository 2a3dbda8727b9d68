import { messagesFor, type RenderContext, type RenderedEmail } from './layout'
import type { EmailPayloads } from './payloads'
import { renderShiftMail, shiftTitleIn } from './shift-parts'

/** Someone offers their place on a shift this volunteer may take; the first to accept gets it. */
export function renderPlaceOffered(payload: EmailPayloads['place-offered'], context: RenderContext): RenderedEmail {
  const t = messagesFor(context.locale).placeOffered
  return renderShiftMail(payload, context, {
    subject: t.subject(shiftTitleIn(payload, context.locale)),
    preheader: t.preheader,
    intro: t.intro(shiftTitleIn(payload, context.locale)),
    after: [t.firstWins],
    button: t.button,
  })
}
