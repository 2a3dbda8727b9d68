import { partnerMessagesFor } from './partner-messages'
import type { EmailPayloads } from './payloads'
import {
  Button,
  EmailLayout,
  LinkFallback,
  Paragraph,
  messagesFor,
  renderHtml,
  renderText,
  type RenderContext,
  type RenderedEmail,
} from './layout'

/** Books are on their way: the destination confirms receipt through the link, no account needed. */
export function renderShipmentSent(payload: EmailPayloads['shipment-sent'], context: RenderContext): RenderedEmail {
  const m = messagesFor(context.locale)
  const t = partnerMessagesFor(context.locale).shipmentSent
  const subject = t.subject(payload.organisation)
  const how = payload.carrier ? t.carrier(payload.carrier, payload.waybillNumber ?? '—') : t.byTeam
  const html = renderHtml(
    <EmailLayout context={context} subject={subject} preheader={t.preheader}>
      <Paragraph>{m.greeting(payload.name)}</Paragraph>
      <Paragraph>{t.intro(payload.bookCount, payload.boxCount)}</Paragraph>
      <Paragraph>{how}</Paragraph>
      <Button href={payload.receiptUrl}>{t.button}</Button>
      <LinkFallback href={payload.receiptUrl} label={m.linkFallback} />
      <Paragraph muted>{t.expires(payload.expiresDays)}</Paragraph>
      <Paragraph muted>{t.oneUse}</Paragraph>
    </EmailLayout>,
  )
  const text = renderText(context, [
    m.greeting(payload.name),
    t.intro(payload.bookCount, payload.boxCount),
    how,
    payload.receiptUrl,
    `${t.expires(payload.expiresDays)}\n${t.oneUse}`,
  ])
  return { subject, html, text }
}
