import { partnerMessagesFor } from './partner-messages'
import type { EmailPayloads } from './payloads'
import {
  Button,
  EmailLayout,
  LinkFallback,
  Paragraph,
  Quote,
  messagesFor,
  renderHtml,
  renderText,
  type RenderContext,
  type RenderedEmail,
} from './layout'

/** One step of a card request, visit request, shipment or donation. */
export function renderPartnerUpdate(payload: EmailPayloads['partner-update'], context: RenderContext): RenderedEmail {
  const m = messagesFor(context.locale)
  const p = partnerMessagesFor(context.locale)
  const words = p.events[payload.event]
  const subject = words.subject(payload.reference)
  const intro = words.intro(payload.organisation, payload.reference)
  const html = renderHtml(
    <EmailLayout context={context} subject={subject} preheader={intro}>
      <Paragraph>{m.greeting(payload.name)}</Paragraph>
      <Paragraph>{intro}</Paragraph>
      {payload.detail ? <Quote>{payload.detail}</Quote> : null}
      {payload.url ? (
        <>
          <Button href={payload.url}>{p.button}</Button>
          <LinkFallback href={payload.url} label={m.linkFallback} />
        </>
      ) : null}
    </EmailLayout>,
  )
  const text = renderText(context, [
    m.greeting(payload.name),
    intro,
    payload.detail && m.labelled(p.detail, payload.detail),
    payload.url,
  ])
  return { subject, html, text }
}
