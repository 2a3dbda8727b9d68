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

/** A one-time link to choose a new password. */
export function renderPasswordReset(payload: EmailPayloads['password-reset'], context: RenderContext): RenderedEmail {
  const m = messagesFor(context.locale)
  const t = m.passwordReset
  const html = renderHtml(
    <EmailLayout context={context} subject={t.subject} preheader={t.preheader}>
      <Paragraph>{m.greeting(payload.name)}</Paragraph>
      <Paragraph>{t.intro}</Paragraph>
      <Button href={payload.resetUrl}>{t.button}</Button>
      <LinkFallback href={payload.resetUrl} label={m.linkFallback} />
      <Paragraph muted>{t.expires(payload.expiresMinutes)}</Paragraph>
      <Paragraph muted>{t.notYou}</Paragraph>
    </EmailLayout>,
  )
  const text = renderText(context, [
    m.greeting(payload.name),
    t.intro,
    payload.resetUrl,
    `${t.expires(payload.expiresMinutes)}\n${t.notYou}`,
  ])
  return { subject: t.subject, html, text }
}
