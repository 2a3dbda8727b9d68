import type { EmailPayloads } from './payloads'
import {
  EmailLayout,
  Paragraph,
  messagesFor,
  renderHtml,
  renderText,
  type RenderContext,
  type RenderedEmail,
} from './layout'

/** The last message to an address whose account was deleted. */
export function renderAccountDeleted(payload: EmailPayloads['account-deleted'], context: RenderContext): RenderedEmail {
  const m = messagesFor(context.locale)
  const t = m.accountDeleted
  const html = renderHtml(
    <EmailLayout context={context} subject={t.subject} preheader={t.preheader}>
      <Paragraph>{m.greeting(payload.name)}</Paragraph>
      <Paragraph>{t.body}</Paragraph>
      <Paragraph>{t.comeBack}</Paragraph>
    </EmailLayout>,
  )
  const text = renderText(context, [m.greeting(payload.name), t.body, t.comeBack])
  return { subject: t.subject, html, text }
}
