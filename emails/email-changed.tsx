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

/** Sent to the OLD address after a change, so a hijacked account does not go unnoticed. */
export function renderEmailChanged(payload: EmailPayloads['email-changed'], context: RenderContext): RenderedEmail {
  const m = messagesFor(context.locale)
  const t = m.emailChanged
  const html = renderHtml(
    <EmailLayout context={context} subject={t.subject} preheader={t.preheader}>
      <Paragraph>{m.greeting(payload.name)}</Paragraph>
      <Paragraph>{t.body(payload.newEmail)}</Paragraph>
      <Paragraph>{t.notYou}</Paragraph>
    </EmailLayout>,
  )
  const text = renderText(context, [m.greeting(payload.name), t.body(payload.newEmail), t.notYou])
  return { subject: t.subject, html, text }
}
