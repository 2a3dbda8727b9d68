import { describe, expect, it } from 'vitest'
import type { Locale } from '#db/schema'
import {
  EmailTemplateError,
  TEMPLATE_NAMES,
  renderEmail,
  renderStoredEmail,
  type EmailPayloads,
  type TemplateName,
} from '#emails/index'
import { emailMessages } from '#emails/messages'
import { REDACTED, redactPayload } from '#emails/payloads'

const origin = 'https://tongxing.example.org'
const locales: Locale[] = ['zh-CN', 'en']

const shift = {
  name: '李明',
  role: 'reading_guide' as const,
  shiftTitle: '周六绘本导读',
  startsAt: '2026-11-28T01:00:00.000Z',
  endsAt: '2026-11-28T04:00:00.000Z',
  place: '丰财分馆',
  shiftUrl: `${origin}/shifts/42`,
}
const confirmation = {
  ...shift,
  signupId: 7,
  shiftId: 42,
  whatToBring: '水杯',
  contactName: '王老师',
  contactPhone: '13900000000',
}

const samples: { [K in TemplateName]: EmailPayloads[K] } = {
  'email-verification': { name: '李明', code: '04718263', verifyUrl: `${origin}/verify-email`, expiresMinutes: 10 },
  'password-reset': { name: 'Li Ming', resetUrl: `${origin}/reset-password/abc123`, expiresMinutes: 30 },
  invitation: {
    inviterName: '王老师',
    role: 'coordinator',
    organisationName: '鼓楼特殊教育学校',
    acceptUrl: `${origin}/invitations/tok`,
    expiresDays: 7,
  },
  'email-changed': { name: '李明', newEmail: 'new@example.org' },
  'account-deleted': { name: '李明' },
  'shift-message': {
    name: '李明',
    senderName: '王老师',
    role: 'reading_guide',
    activityTitle: '周六绘本导读',
    startsAt: '2026-11-28T01:00:00.000Z',
    endsAt: '2026-11-28T04:00:00.000Z',
    place: '少儿阅览室',
    message: '请提前十分钟到达。',
    shiftUrl: `${origin}/shifts/42`,
  },
  'signup-confirmed': confirmation,
  'signup-waitlisted': { ...shift, position: 3 },
  'waitlist-promoted': confirmation,
  'shift-reminder': confirmation,
  'place-offered': shift,
  'shift-changed': { ...shift, changes: ['time', 'place'] },
  'shift-cancelled': shift,
  'signup-released': { ...shift, reason: 'requirements' },
  'partner-update': {
    name: '王老师',
    event: 'card_request_rejected',
    organisation: '鼓楼区实验小学',
    reference: 'CR-00012',
    detail: '请先签订共建协议。',
    url: `${origin}/partner/card-requests/12`,
  },
  'shipment-sent': {
    name: '李校长',
    organisation: '贵州毕节松林村小学',
    bookCount: 620,
    boxCount: 12,
    carrier: '中国邮政',
    waybillNumber: '9812345678',
    receiptUrl: `${origin}/receipts/abc`,
    expiresDays: 45,
  },
  'visit-outcome-filed': {
    name: '王老师',
    title: '我来读报给您听',
    organisation: '九里街道敬老院',
    startsAt: '2026-12-10T01:30:00.000Z',
    filedBy: '李明',
    participants: 36,
    url: `${origin}/staff/visits/7`,
  },
  'visit-thanks': {
    name: '李明',
    title: '我来读报给您听',
    organisation: '九里街道敬老院',
    startsAt: '2026-12-10T01:30:00.000Z',
    minutes: 150,
    url: `${origin}/me/shifts`,
  },
}

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp;'

/** The same payloads with every user-supplied text replaced by markup. */
const hostile: { [K in TemplateName]: EmailPayloads[K] } = {
  'email-verification': { ...samples['email-verification'], name: HOSTILE },
  'password-reset': { ...samples['password-reset'], name: HOSTILE },
  invitation: { ...samples.invitation, inviterName: HOSTILE, organisationName: HOSTILE },
  'email-changed': { name: HOSTILE, newEmail: `${HOSTILE}@example.org` },
  'account-deleted': { name: HOSTILE },
  'shift-message': {
    ...samples['shift-message'],
    name: HOSTILE,
    senderName: HOSTILE,
    activityTitle: HOSTILE,
    place: HOSTILE,
    message: HOSTILE,
  },
  'signup-confirmed': { ...confirmation, name: HOSTILE, shiftTitle: HOSTILE, place: HOSTILE, whatToBring: HOSTILE },
  'signup-waitlisted': { ...shift, position: 3, name: HOSTILE, shiftTitle: HOSTILE, place: HOSTILE },
  'waitlist-promoted': { ...confirmation, name: HOSTILE, contactName: HOSTILE },
  'shift-reminder': { ...confirmation, name: HOSTILE, place: HOSTILE },
  'place-offered': { ...shift, name: HOSTILE, shiftTitle: HOSTILE },
  'shift-changed': { ...shift, name: HOSTILE, place: HOSTILE, changes: ['time', 'place'] },
  'shift-cancelled': { ...shift, name: HOSTILE, place: HOSTILE },
  'signup-released': { ...shift, name: HOSTILE, shiftTitle: HOSTILE, reason: 'overlap' },
  'partner-update': { ...samples['partner-update'], name: HOSTILE, organisation: HOSTILE, detail: HOSTILE },
  'shipment-sent': { ...samples['shipment-sent'], name: HOSTILE, organisation: HOSTILE, carrier: HOSTILE },
  'visit-outcome-filed': { ...samples['visit-outcome-filed'], name: HOSTILE, title: HOSTILE, filedBy: HOSTILE },
  'visit-thanks': { ...samples['visit-thanks'], name: HOSTILE, title: HOSTILE, organisation: HOSTILE },
}

const render = (template: TemplateName, payload: unknown, locale: Locale) =>
  renderStoredEmail(template, payload, { locale, appOrigin: origin })
const count = (text: string, char: string) => text.split(char).length - 1
const hasCjk = (text: string) => /[\u4e00-\u9fff]/.test(text)

describe('mail templates', () => {
  it('covers every template with a sample', () => {
    expect(Object.keys(samples).sort()).toEqual([...TEMPLATE_NAMES].sort())
    expect(TEMPLATE_NAMES).toEqual(
      expect.arrayContaining([
        'email-verification',
        'password-reset',
        'invitation',
        'email-changed',
        'account-deleted',
        'shift-message',
      ]),
    )
  })

  for (const template of TEMPLATE_NAMES) {
    for (const locale of locales) {
      it(`${template} renders in ${locale}: subject, text and HTML with the library's name and a link back`, () => {
        const email = render(template, samples[template], locale)
        const brand = emailMessages[locale].brand
        expect(email.subject.trim().length).toBeGreaterThan(3)
        expect(email.text.trim().length).toBeGreaterThan(40)
        expect(email.html.startsWith('<!DOCTYPE html><html lang="' + locale + '">')).toBe(true)
        expect(email.html).toContain(brand)
        expect(email.text).toContain(brand)
        expect(email.html).toContain(`href="${origin}"`)
        expect(email.text).toContain(origin)
        // The text part is plain text, not markup.
        expect(email.text).not.toMatch(/<\/?[a-z]+[^>]*>/i)
        if (locale === 'zh-CN') expect(hasCjk(email.subject) && hasCjk(email.text)).toBe(true)
        else {
          // English apart from what the payload itself says.
          const fromPayload = Object.values(samples[template]).filter((v): v is string => typeof v === 'string')
          const strip = (text: string) => fromPayload.reduce((rest, value) => rest.split(value).join(''), text)
          expect(hasCjk(strip(email.subject)) || hasCjk(strip(email.text))).toBe(false)
        }
      })

      it(`${template} in ${locale} escapes markup from the payload`, () => {
        const benign = render(template, samples[template], locale)
        const attacked = render(template, hostile[template], locale)
        expect(attacked.html).not.toContain('<script')
        expect(attacked.html).not.toContain('<img')
        expect(attacked.html).toContain('&lt;script&gt;')
        // Payload text adds no tags: as many '<' as with harmless text.
        expect(count(attacked.html, '<')).toBe(count(benign.html, '<'))
        // The text part carries the text verbatim (it is not HTML), and the subject stays one line.
        expect(attacked.subject).not.toMatch(/[\r\n]/)
      })
    }
  }

  it('zh-CN and en differ', () => {
    for (const template of TEMPLATE_NAMES) {
      const zh = render(template, samples[template], 'zh-CN')
      const en = render(template, samples[template], 'en')
      expect(zh.subject, template).not.toBe(en.subject)
      expect(zh.html, template).toContain('同行 · 图书馆志愿服务')
      expect(en.html, template).toContain('Tongxing library volunteering')
      expect(en.html, template).not.toContain('同行 · 图书馆志愿服务')
    }
  })

  it('email-verification shows the code and the link in subject, text and HTML', () => {
    for (const locale of locales) {
      const email = renderEmail('email-verification', samples['email-verification'], { locale, appOrigin: origin })
      expect(email.subject).toContain('04718263')
      expect(email.text).toContain('04718263')
      expect(email.html).toContain('04718263')
      expect(email.text).toContain(`${origin}/verify-email`)
      expect(email.html).toContain(`href="${origin}/verify-email"`)
      expect(email.text).toContain('10')
    }
    expect(render('email-verification', samples['email-verification'], 'zh-CN').subject).toBe(
      '您的邮箱验证码：04718263',
    )
    expect(render('email-verification', samples['email-verification'], 'en').subject).toBe(
      'Your verification code: 04718263',
    )
  })

  it('password-reset links to the reset page in both parts', () => {
    const email = render('password-reset', samples['password-reset'], 'en')
    expect(email.html).toContain(`href="${origin}/reset-password/abc123"`)
    expect(email.text).toContain(`${origin}/reset-password/abc123`)
    expect(email.text).toContain('30 minutes')
    expect(email.text).toContain('Dear Li Ming,')
  })

  it('invitation names the role in the reader’s language, with or without an organisation', () => {
    expect(render('invitation', samples.invitation, 'zh-CN').text).toContain(
      '王老师 邀请您代表“鼓楼特殊教育学校”，以“志愿服务协调员”身份加入',
    )
    const { organisationName: _omit, ...withoutOrganisation } = samples.invitation
    const en = render('invitation', { ...withoutOrganisation, role: 'partner_contact' }, 'en')
    expect(en.text).toContain('王老师 has invited you to join Tongxing library volunteering as a partner contact.')
    expect(en.html).toContain(`href="${origin}/invitations/tok"`)
  })

  it('email-changed names the new address; account-deleted greets by name', () => {
    expect(render('email-changed', samples['email-changed'], 'en').text).toContain('new@example.org')
    expect(render('email-changed', samples['email-changed'], 'zh-CN').html).toContain('new@example.org')
    expect(render('account-deleted', samples['account-deleted'], 'zh-CN').text).toContain('李明，您好：')
  })

  it('shift-message shows the time in Asia/Shanghai', () => {
    expect(render('shift-message', samples['shift-message'], 'zh-CN').text).toMatch(/09:00.*12:00/)
    expect(render('shift-message', samples['shift-message'], 'en').text).toMatch(/9:00.*12:00\sPM/)
  })

  it('shift mails that confirm a place carry a valid .ics; the others carry none', () => {
    for (const template of ['signup-confirmed', 'waitlist-promoted'] as const) {
      for (const locale of locales) {
        const email = render(template, samples[template], locale)
        expect(email.attachments).toHaveLength(1)
        const [ics] = email.attachments!
        expect(ics!.contentType).toMatch(/^text\/calendar/)
        expect(ics!.content).toMatch(/^BEGIN:VCALENDAR\r\n/)
        expect(ics!.content).toContain('UID:signup-7@tongxing')
        expect(ics!.content).toContain('DTSTART:20261128T010000Z')
        expect(ics!.content).toContain('DTEND:20261128T040000Z')
        expect(ics!.content).toContain(`URL:${origin}/shifts/42`)
      }
    }
    for (const template of ['signup-waitlisted', 'shift-reminder', 'place-offered', 'shift-changed'] as const) {
      expect(render(template, samples[template], 'zh-CN').attachments, template).toBeUndefined()
    }
  })

  it('shift mails show the time in Asia/Shanghai, the place, the contact and what changed', () => {
    const confirmed = render('signup-confirmed', samples['signup-confirmed'], 'zh-CN').text
    expect(confirmed).toMatch(/09:00.*12:00/)
    expect(confirmed).toContain('丰财分馆')
    expect(confirmed).toContain('王老师 13900000000')
    expect(confirmed).toContain(`${origin}/shifts/42`)
    expect(render('signup-waitlisted', samples['signup-waitlisted'], 'en').text).toContain('number 3')
    const changedEn = render('shift-changed', samples['shift-changed'], 'en').text
    expect(changedEn).toMatch(/· New time: .*9:00.*12:00/)
    expect(changedEn).toContain('· New place: 丰财分馆')
    const changedZh = render('shift-changed', samples['shift-changed'], 'zh-CN').text
    expect(changedZh).toMatch(/· 时间改为 .*09:00.*12:00/)
    expect(changedZh).toContain('· 地点改为 丰财分馆')
  })

  it('names an untitled shift by its role code in the reader’s language, in every shift mail', () => {
    const { shiftTitle: _title, ...untitled } = shift
    for (const template of ['shift-changed', 'shift-cancelled', 'place-offered', 'signup-waitlisted'] as const) {
      const payload = { ...samples[template], ...untitled, shiftTitle: undefined }
      const en = render(template, payload, 'en')
      expect(en.subject).toContain('Reading guide')
      expect(hasCjk(en.subject)).toBe(false)
      expect(render(template, payload, 'zh-CN').subject).toContain('导读')
    }
    const message = { ...samples['shift-message'], activityTitle: undefined, role: 'book_handling' as const }
    expect(render('shift-message', message, 'en').subject).toContain('Sorting and moving books')
    expect(render('shift-message', message, 'zh-CN').subject).toContain('图书整理与搬运')
  })

  it('signup-released says why, in the reader’s language', () => {
    const overlap = { ...samples['signup-released'], reason: 'overlap' as const }
    expect(render('signup-released', overlap, 'en').text).toContain('overlaps another shift')
    expect(render('signup-released', samples['signup-released'], 'en').text).toContain('no longer meet')
    expect(render('signup-released', samples['signup-released'], 'zh-CN').text).toContain('不符合')
  })

  it('refuses change texts that are not codes', () => {
    expect(() => render('shift-changed', { ...shift, changes: ['时间改为 10:00'] }, 'en')).toThrow(EmailTemplateError)
  })

  it('escapes quotes in link attributes', () => {
    const email = render(
      'password-reset',
      { ...samples['password-reset'], resetUrl: `${origin}/reset?x="><b>hi</b>` },
      'en',
    )
    expect(email.html).not.toContain('"><b>')
    expect(email.html).toContain('&quot;&gt;&lt;b&gt;')
  })

  it('refuses an unknown template and a payload that does not fit, naming fields but not values', () => {
    expect(() => render('no-such-template' as TemplateName, {}, 'en')).toThrow(EmailTemplateError)
    expect(() => render('email-verification', { ...samples['email-verification'], code: '1234' }, 'en')).toThrow(/code/)
    expect(() =>
      render('password-reset', { ...samples['password-reset'], resetUrl: 'javascript:alert(1)' }, 'en'),
    ).toThrow(EmailTemplateError)
    expect(() => render('invitation', { ...samples.invitation, role: 'superuser' }, 'en')).toThrow(/role/)
    let message = ''
    try {
      render('email-verification', { name: 'x', code: '999', verifyUrl: `${origin}/v`, expiresMinutes: 10 }, 'en')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain('code')
    expect(message).not.toContain('999')
  })

  it('keeps the subject on one bounded line', () => {
    const email = render(
      'shift-message',
      { ...samples['shift-message'], activityTitle: 'A\r\nBcc: victim@example.org' },
      'en',
    )
    expect(email.subject).toBe('About your shift: A Bcc: victim@example.org')
    const long = render('shift-message', { ...samples['shift-message'], activityTitle: '长'.repeat(300) }, 'zh-CN')
    expect(long.subject.length).toBeLessThanOrEqual(200)
  })

  it('redacts codes and one-time links from a stored payload, and nothing else', () => {
    const redacted = JSON.parse(redactPayload('email-verification', JSON.stringify(samples['email-verification'])))
    expect(redacted).toEqual({ ...samples['email-verification'], code: REDACTED, verifyUrl: REDACTED })
    expect(JSON.parse(redactPayload('password-reset', JSON.stringify(samples['password-reset']))).resetUrl).toBe(
      REDACTED,
    )
    expect(JSON.parse(redactPayload('invitation', JSON.stringify(samples.invitation))).acceptUrl).toBe(REDACTED)
    const changed = JSON.stringify(samples['email-changed'])
    expect(redactPayload('email-changed', changed)).toBe(changed)
  })
})
