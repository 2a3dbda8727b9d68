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

/** An invitation to create an account with a given role (coordinators, partner contacts, admins). */
export function renderInvitation(payload: EmailPayloads['invitation'], context: RenderContext): RenderedEmail {
  const m = messagesFor(context.locale)
  const t = m.invitation
  const role = m.roles[payload.role]
  const intro = payload.organisationName
    ? t.introWithOrganisation(payload.inviterName, role, payload.organisationName)
    : t.intro(payload.inviterName, role)
  const html = renderHtml(
    <EmailLayout context={context} subject={t.subject} preheader={t.preheader}>
      <Paragraph>{t.greeting}</Paragraph>
      <Paragraph>{intro}</Paragraph>
      <Button href={payload.acceptUrl}>{t.button}</Button>
      <LinkFallback href={payload.acceptUrl} label={m.linkFallback} />
      <Paragraph muted>{t.expires(payload.expiresDays)}</Paragraph>
      <Paragraph muted>{t.notExpected}</Paragraph>
    </EmailLayout>,
  )
  const text = renderText(context, [
    t.greeting,
    intro,
    m.labelled(t.button, payload.acceptUrl),
    `${t.expires(payload.expiresDays)}\n${t.notExpected}`,
  ])
  return { subject: t.subject, html, text }
}
