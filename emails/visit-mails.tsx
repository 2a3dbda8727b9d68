/** Mails of an outreach visit's outcome: the coordinator is told, the team is thanked with their hours. */
import type { Locale } from '#db/schema'
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

const words = {
  'zh-CN': {
    filedSubject: (title: string) => `成效已登记：${title}`,
    filedIntro: (by: string, title: string, org: string, day: string) =>
      `${by} 已登记 ${day} 在${org}的“${title}”的活动成效。`,
    participants: (n: number) => `参加人次：${n}`,
    filedButton: '查看外出服务',
    thanksSubject: (title: string) => `感谢您参加“${title}”`,
    thanksIntro: (title: string, org: string, day: string) => `感谢您 ${day} 随队前往${org}参加“${title}”。`,
    hours: (minutes: number) => `为您记录的服务时长：${formatHours(minutes, 'zh-CN')}（待协调员审核）。`,
    thanksButton: '查看我的服务记录',
  },
  en: {
    filedSubject: (title: string) => `Outcome filed: ${title}`,
    filedIntro: (by: string, title: string, org: string, day: string) =>
      `${by} filed the outcome of “${title}” at ${org} on ${day}.`,
    participants: (n: number) => `Attendances: ${n}`,
    filedButton: 'Open the visit',
    thanksSubject: (title: string) => `Thank you for “${title}”`,
    thanksIntro: (title: string, org: string, day: string) =>
      `Thank you for serving on the team of “${title}” at ${org} on ${day}.`,
    hours: (minutes: number) =>
      `Hours recorded for you: ${formatHours(minutes, 'en')} (awaiting a coordinator's approval).`,
    thanksButton: 'See my service record',
  },
} as const

function formatHours(minutes: number, locale: Locale): string {
  const hours = Math.round((minutes / 60) * 10) / 10
  return locale === 'zh-CN' ? `${hours} 小时` : `${hours} h`
}

const dayOf = (instant: string, locale: Locale) =>
  new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', dateStyle: 'long' }).format(new Date(instant))

export function renderVisitOutcomeFiled(
  payload: EmailPayloads['visit-outcome-filed'],
  context: RenderContext,
): RenderedEmail {
  const m = messagesFor(context.locale)
  const w = words[context.locale]
  const subject = w.filedSubject(payload.title)
  const intro = w.filedIntro(
    payload.filedBy,
    payload.title,
    payload.organisation,
    dayOf(payload.startsAt, context.locale),
  )
  const html = renderHtml(
    <EmailLayout context={context} subject={subject} preheader={intro}>
      <Paragraph>{m.greeting(payload.name)}</Paragraph>
      <Paragraph>{intro}</Paragraph>
      <Paragraph>{w.participants(payload.participants)}</Paragraph>
      <Button href={payload.url}>{w.filedButton}</Button>
      <LinkFallback href={payload.url} label={m.linkFallback} />
    </EmailLayout>,
  )
  const text = renderText(context, [m.greeting(payload.name), intro, w.participants(payload.participants), payload.url])
  return { subject, html, text }
}

export function renderVisitThanks(payload: EmailPayloads['visit-thanks'], context: RenderContext): RenderedEmail {
  const m = messagesFor(context.locale)
  const w = words[context.locale]
  const subject = w.thanksSubject(payload.title)
  const intro = w.thanksIntro(payload.title, payload.organisation, dayOf(payload.startsAt, context.locale))
  const html = renderHtml(
    <EmailLayout context={context} subject={subject} preheader={intro}>
      <Paragraph>{m.greeting(payload.name)}</Paragraph>
      <Paragraph>{intro}</Paragraph>
      <Paragraph>{w.hours(payload.minutes)}</Paragraph>
      <Button href={payload.url}>{w.thanksButton}</Button>
      <LinkFallback href={payload.url} label={m.linkFallback} />
    </EmailLayout>,
  )
  const text = renderText(context, [m.greeting(payload.name), intro, w.hours(payload.minutes), payload.url])
  return { subject, html, text }
}
