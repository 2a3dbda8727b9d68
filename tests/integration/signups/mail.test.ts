/**
 * Sign-up mail through a real SMTP server on loopback: the confirmation with a
 * valid .ics, the promotion, exactly one reminder, none after a cancellation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ParsedMail } from 'mailparser'
import { createMailTransport, type MailTransport } from '~/domain/mail/transport.server'
import { runOutboxOnce } from '~/domain/mail/worker.server'
import { enqueueDueReminders } from '~/domain/signups/reminders.server'
import { cancelSignup } from '~/domain/signups/cancel.server'
import { signUp } from '~/domain/signups/sign-up.server'
import { useTestDatabase } from '../../support/databases'
import { startSmtpSink, type SmtpSink } from '../mail/smtp-sink'
import { APP_ORIGIN, HOUR, createShift, createStaff, createVolunteers, meta, outboxFor } from './helpers'

describe('sign-up mail over SMTP', () => {
  const database = useTestDatabase('sqlite')
  let sink: SmtpSink
  let transport: MailTransport
  beforeAll(async () => {
    sink = await startSmtpSink()
    transport = createMailTransport({ smtpUrl: sink.url })
  })
  afterAll(async () => {
    transport?.close()
    await sink?.close()
  })

  const deliver = async (now = new Date()) =>
    (await runOutboxOnce(database().db, transport, { appOrigin: APP_ORIGIN, now })).sent
  const mailsTo = async (email: string): Promise<ParsedMail[]> =>
    (await sink.parseAll()).filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((to) => to?.text.includes(email)))

  it('confirmation carries a valid .ics; a cancellation’s promotion mail reaches the next in line', async () => {
    const { db } = database()
    const { account: contact } = await createStaff(db, { name: '王老师', phone: '13912345678' })
    const startsAt = new Date(Date.now() + 3 * 24 * HOUR)
    const shiftId = await createShift(db, { capacity: 1, startsAt, contactAccountId: contact.id, whatToBring: '水杯' })
    const [first, second] = await createVolunteers(db, 2)
    const confirmed = await signUp(db, first!, shiftId, meta())
    await signUp(db, second!, shiftId, meta())
    expect(await deliver()).toBe(2)

    const [confirmation] = await mailsTo(first!.email)
    expect(confirmation!.subject).toMatch(/^报名成功/)
    expect(confirmation!.text).toContain('王老师 13912345678')
    expect(confirmation!.attachments).toHaveLength(1)
    const ics = confirmation!.attachments[0]!
    expect(ics.contentType).toBe('text/calendar')
    expect(ics.filename).toBe(`shift-${shiftId}.ics`)
    const body = ics.content.toString('utf8').replace(/\r\n[ \t]/g, '')
    expect(body.startsWith('BEGIN:VCALENDAR')).toBe(true)
    expect(body).toContain(`UID:signup-${confirmed.signupId}@tongxing`)
    const stamp = startsAt
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '')
    expect(body).toContain(`DTSTART:${stamp}`)
    expect(body).toContain(`URL:${APP_ORIGIN}/shifts/${shiftId}`)
    const [waitlisted] = await mailsTo(second!.email)
    expect(waitlisted!.subject).toMatch(/^已加入候补/)
    expect(waitlisted!.attachments).toHaveLength(0)

    await cancelSignup(db, first!, confirmed.signupId, meta())
    expect(await deliver()).toBe(1)
    const promoted = (await mailsTo(second!.email)).find((m) => m.subject?.startsWith('候补成功'))
    expect(promoted).toBeDefined()
    expect(promoted!.attachments[0]!.contentType).toBe('text/calendar')
  })

  it('sends exactly one reminder per confirmed place, none after a cancellation, none for an unconfirmed one', async () => {
    const { db } = database()
    const now = new Date()
    const soon = await createShift(db, { capacity: 2, startsAt: new Date(now.getTime() + 24 * HOUR) })
    const later = await createShift(db, { capacity: 2, startsAt: new Date(now.getTime() + 30 * HOUR) })
    const [stays, cancelsBefore, cancelsAfter, waits] = await createVolunteers(db, 4)
    await signUp(db, stays!, soon, meta())
    const before = await signUp(db, cancelsBefore!, soon, meta())
    const after = await signUp(db, cancelsAfter!, later, meta())
    await signUp(db, waits!, soon, meta())
    expect(await deliver()).toBe(4) // the confirmations and the waitlist mail
    const sentBefore = sink.received.length

    await cancelSignup(db, cancelsBefore!, before.signupId, meta())
    // The waitlisted one moved up: their promotion goes now, and they get a reminder too.
    expect(await enqueueDueReminders(db, now, { appOrigin: APP_ORIGIN })).toBe(2)
    expect(await enqueueDueReminders(db, now, { appOrigin: APP_ORIGIN })).toBe(0)
    // Six hours on, the later shift is due; its volunteer cancels before the worker runs.
    const sixHoursOn = new Date(now.getTime() + 6 * HOUR)
    expect(await enqueueDueReminders(db, sixHoursOn, { appOrigin: APP_ORIGIN })).toBe(1)
    await cancelSignup(db, cancelsAfter!, after.signupId, meta())
    expect((await outboxFor(db, 'shift-reminder')).filter((r) => r.to_account_id === cancelsAfter!.accountId)).toEqual(
      [],
    )

    await deliver(sixHoursOn)
    await deliver(sixHoursOn)
    const fresh = (await sink.parseAll()).slice(sentBefore)
    const reminders = fresh.filter((m) => m.subject?.startsWith('明天的志愿岗位'))
    const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)!.text
    expect(reminders.map(to).sort()).toEqual([stays!.email, waits!.email].sort())
    expect(fresh.filter((m) => to(m) === cancelsBefore!.email || to(m) === cancelsAfter!.email)).toEqual([])
  })
})
