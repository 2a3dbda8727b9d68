import type { EmailPayloads } from './payloads'
import {
  Button,
  Code,
  EmailLayout,
  LinkFallback,
  Paragraph,
  messagesFor,
  renderHtml,
  renderText,
  type RenderContext,
  type RenderedEmail,
} from './layout'

/** The 8-digit code that proves the address belongs to the person signing up. */
export function renderEmailVerification(
  payload: EmailPayloads['email-verification'],
  context: RenderContext,
): RenderedEmail {
  const m = messagesFor(context.locale)
  const t = m.emailVerification
  const subject = t.subject(payload.code)
  const html = renderHtml(
    <EmailLayout context={context} subject={subject} preheader={t.preheader}>
      <Paragraph>{m.greeting(payload.name)}</Paragraph>
      <Paragraph>{t.intro}</Paragraph>
      <Code label={t.codeLabel} code={payload.code} />
      <Button href={payload.verifyUrl}>{t.button}</Button>
      <LinkFallback href={payload.verifyUrl} label={m.linkFallback} />
      <Paragraph muted>{t.expires(payload.expiresMinutes)}</Paragraph>
      <Paragraph muted>{t.notYou}</Paragraph>
    </EmailLayout>,
  )
  const text = renderText(context, [
    m.greeting(payload.name),
    t.intro,
    m.labelled(t.codeLabel, payload.code),
    m.labelled(t.button, payload.verifyUrl),
    `${t.expires(payload.expiresMinutes)}\n${t.notYou}`,
  ])
  return { subject, html, text }
}
