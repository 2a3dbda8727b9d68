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

/** `2026年11月28日 09:00 – 12:00` in the library's zone, whatever the server's. */
function formatShiftTime(startsAt: string, endsAt: string, locale: RenderContext['locale']): string {
  const format = new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' })
  return format.formatRange(new Date(startsAt), new Date(endsAt))
}

/** A coordinator's note to the volunteers of one shift. */
export function renderShiftMessage(payload: EmailPayloads['shift-message'], context: RenderContext): RenderedEmail {
  const m = messagesFor(context.locale)
  const t = m.shiftMessage
  const activity = payload.activityTitle ?? m.shiftRoles[payload.role]
  const subject = t.subject(activity)
  const when = formatShiftTime(payload.startsAt, payload.endsAt, context.locale)
  const html = renderHtml(
    <EmailLayout context={context} subject={subject} preheader={t.preheader(payload.senderName)}>
      <Paragraph>{m.greeting(payload.name)}</Paragraph>
      <Paragraph>{t.intro(payload.senderName, activity)}</Paragraph>
      <Quote>{payload.message}</Quote>
      <Paragraph>
        {m.labelled(t.when, when)}
        {payload.place ? (
          <>
            <br />
            {m.labelled(t.where, payload.place)}
          </>
        ) : null}
      </Paragraph>
      <Button href={payload.shiftUrl}>{t.button}</Button>
      <LinkFallback href={payload.shiftUrl} label={m.linkFallback} />
    </EmailLayout>,
  )
  const text = renderText(context, [
    m.greeting(payload.name),
    t.intro(payload.senderName, activity),
    payload.message,
    [m.labelled(t.when, when), payload.place ? m.labelled(t.where, payload.place) : null].filter(Boolean).join('\n'),
    m.labelled(t.button, payload.shiftUrl),
  ])
  return { subject, html, text }
}
