/**
 * Pieces shared by the shift mails (confirmation, waitlist, promotion, reminder,
 * offer, change, cancellation): the time in the library's zone, the details
 * block in both parts, and the .ics attachment built from the payload.
 */
import type { ReactNode } from 'react'
import type { ShiftRole } from '#db/schema'
import { shiftsToIcs } from '~/domain/signups/ics'
import {
  Button,
  EmailLayout,
  LinkFallback,
  Paragraph,
  messagesFor,
  renderHtml,
  renderText,
  type EmailAttachment,
  type RenderContext,
  type RenderedEmail,
} from './layout'

/** `2026年11月28日 09:00 – 12:00` in the library's zone, whatever the server's. */
export function formatShiftTime(startsAt: string, endsAt: string, locale: RenderContext['locale']): string {
  const format = new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' })
  return format.formatRange(new Date(startsAt), new Date(endsAt))
}

/** The shift's own title, else its role in the reader's language. */
export function shiftTitleIn(fields: Pick<ShiftMailFields, 'shiftTitle' | 'role'>, locale: RenderContext['locale']) {
  return fields.shiftTitle ?? messagesFor(locale).shiftRoles[fields.role]
}

export interface ShiftMailFields {
  name: string
  role: ShiftRole
  shiftTitle?: string
  startsAt: string
  endsAt: string
  place?: string
  shiftUrl: string
  whatToBring?: string
  contactName?: string
  contactPhone?: string
}

function contactOf(fields: ShiftMailFields): string | undefined {
  if (!fields.contactName) return undefined
  return fields.contactPhone ? `${fields.contactName} ${fields.contactPhone}` : fields.contactName
}

/** `label：value` lines: when, where, what to bring, contact. */
function detailLines(fields: ShiftMailFields, context: RenderContext): string[] {
  const m = messagesFor(context.locale)
  const t = m.shiftMail
  const contact = contactOf(fields)
  return [
    m.labelled(t.when, formatShiftTime(fields.startsAt, fields.endsAt, context.locale)),
    fields.place ? m.labelled(t.where, fields.place) : null,
    fields.whatToBring ? m.labelled(t.whatToBring, fields.whatToBring) : null,
    contact ? m.labelled(t.contact, contact) : null,
  ].filter((line): line is string => line !== null)
}

/** The shift as a calendar file, for the mails that confirm a place. */
export function icsAttachment(
  fields: ShiftMailFields & { signupId: number; shiftId: number },
  context: RenderContext,
): EmailAttachment {
  const m = messagesFor(context.locale)
  const title = shiftTitleIn(fields, context.locale)
  const content = shiftsToIcs(
    [
      {
        signupId: fields.signupId,
        shiftId: fields.shiftId,
        summary: fields.place ? `${title} · ${fields.place}` : title,
        startsAt: fields.startsAt,
        endsAt: fields.endsAt,
        location: fields.place ?? null,
        whatToBring: fields.whatToBring ?? null,
        contact: contactOf(fields) ?? null,
      },
    ],
    { calendarName: m.shiftMail.calendarName, appOrigin: context.appOrigin, locale: context.locale },
  )
  return {
    filename: `shift-${fields.shiftId}.ics`,
    content,
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
  }
}

/**
 * A whole shift mail: greeting, intro, the details, optional extra paragraphs
 * (and list items), the button to the shift page.
 */
export function renderShiftMail(
  fields: ShiftMailFields,
  context: RenderContext,
  parts: {
    subject: string
    preheader: string
    intro: string
    /** Paragraphs after the details. */
    after?: string[]
    /** A list (e.g. what changed), under an optional label, shown before the details. */
    list?: { label: string; items: string[] }
    button?: string
    attachments?: EmailAttachment[]
  },
): RenderedEmail {
  const m = messagesFor(context.locale)
  const lines = detailLines(fields, context)
  const button = parts.button ?? m.shiftMail.button
  const list = parts.list && parts.list.items.length > 0 ? parts.list : undefined
  const withBreaks = (items: string[]): ReactNode[] =>
    items.flatMap((item, i) => (i === 0 ? [item] : [<br key={`br${i}`} />, item]))
  const html = renderHtml(
    <EmailLayout context={context} subject={parts.subject} preheader={parts.preheader}>
      <Paragraph>{m.greeting(fields.name)}</Paragraph>
      <Paragraph>{parts.intro}</Paragraph>
      {list ? (
        <Paragraph>
          {list.label ? (
            <>
              {list.label}
              <br />
            </>
          ) : null}
          {withBreaks(list.items.map((item) => `· ${item}`))}
        </Paragraph>
      ) : null}
      <Paragraph>{withBreaks(lines)}</Paragraph>
      {(parts.after ?? []).map((text, i) => (
        <Paragraph key={i}>{text}</Paragraph>
      ))}
      <Button href={fields.shiftUrl}>{button}</Button>
      <LinkFallback href={fields.shiftUrl} label={m.linkFallback} />
    </EmailLayout>,
  )
  const text = renderText(context, [
    m.greeting(fields.name),
    parts.intro,
    list ? [...(list.label ? [list.label] : []), ...list.items.map((item) => `· ${item}`)].join('\n') : null,
    lines.join('\n'),
    ...(parts.after ?? []),
    m.labelled(button, fields.shiftUrl),
  ])
  return parts.attachments
    ? { subject: parts.subject, html, text, attachments: parts.attachments }
    : { subject: parts.subject, html, text }
}
