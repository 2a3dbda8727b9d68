/**
 * The partner and book mails through a real SMTP server on loopback: the
 * outbox worker sends what each step queued over nodemailer's SMTP transport,
 * and the sink's parsed messages are read as a recipient would: request
 * received, approved, rejected, cards issued, shipment sent with its receipt
 * link, receipt confirmed, shortfall flagged.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { ParsedMail } from 'mailparser'
import { createMailTransport, type MailTransport } from '~/domain/mail/transport.server'
import { runOutboxOnce } from '~/domain/mail/worker.server'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import { startSmtpSink, type SmtpSink } from '../mail/smtp-sink'
import { createProgramme, donate, idFromLocation, partnerWorld, submitCards, type PartnerWorld } from './helpers'

const OFFICE = 'office@school-a.example.cn'
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
const recipients = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).map((to) => to?.text ?? '')

describeEachDialect('partner mails over SMTP', (dialect) => {
  let app: TestApp
  let w: PartnerWorld
  let sink: SmtpSink
  let transport: MailTransport
  beforeAll(async () => {
    app = await startTestApp(dialect)
    w = await partnerWorld(app)
    await app.database.db
      .updateTable('partner_organisation')
      .set({ contact_email: OFFICE, contact_name: '教导处' })
      .where('id', '=', w.orgA)
      .execute()
    sink = await startSmtpSink()
    transport = createMailTransport({ smtpUrl: sink.url })
  }, 60_000)
  afterAll(async () => {
    transport?.close()
    await sink?.close()
    await app?.close()
  })

  /** Runs the outbox until it is empty; the messages the sink received meanwhile, parsed. */
  async function send(): Promise<ParsedMail[]> {
    const before = sink.received.length
    while ((await runOutboxOnce(app.database.db, transport, { appOrigin: app.url, now: new Date() })).claimed > 0) {
      // A run sends one batch.
    }
    return (await sink.parseAll()).slice(before)
  }
  const to = (mails: ParsedMail[], address: string) =>
    mails.filter((m) => recipients(m).some((r) => r.includes(address)))

  it('a card request: received, approved, issued; another rejected with its reason', async () => {
    await send()
    const id = idFromLocation(await submitCards(w.a))
    const received = await send()
    expect(to(received, w.contactA.email).map((m) => m.subject)).toEqual([
      expect.stringContaining('已收到您的借阅卡申请'),
    ])
    expect(to(received, w.coordinatorAccount.email).map((m) => m.subject)).toEqual([
      expect.stringContaining('新的借阅卡申请待审核'),
    ])

    expect((await w.coordinator.post(`/staff/card-requests/${id}`, { intent: 'approve' })).status).toBe(302)
    const approved = await send()
    expect(approved.map((m) => [recipients(m), m.subject])).toEqual([
      [[expect.stringContaining(w.contactA.email)], expect.stringContaining('已通过')],
    ])

    expect((await w.coordinator.post(`/staff/card-requests/${id}`, { intent: 'issue', numbers: '' })).status).toBe(302)
    const issued = await send()
    expect(issued.map((m) => m.subject)).toEqual([expect.stringContaining('借阅卡已发放')])
    expect(issued[0]!.text).toContain(`/partner/card-requests/${id}`)

    const other = idFromLocation(await submitCards(w.a))
    await send()
    const reject = { intent: 'reject', reason: '请先签订共建协议' }
    expect((await w.coordinator.post(`/staff/card-requests/${other}`, reject)).status).toBe(302)
    const rejected = await send()
    expect(rejected.map((m) => m.subject)).toEqual([expect.stringContaining('未获通过')])
    expect(rejected[0]!.text).toContain('请先签订共建协议')
  })

  it('a shipment: sent with a receipt link, then confirmed with a shortfall', async () => {
    const programme = await createProgramme(app.database.db, `翻书越岭邮件${Date.now().toString(36)}`)
    await donate(app.database.db, programme, 120)
    const created = await w.coordinator.post('/staff/books', {
      intent: 'shipment',
      partnerOrganisationId: String(w.orgA),
      programmeId: String(programme),
      bookCount: '120',
      boxCount: '2',
    })
    const id = idFromLocation(created)
    await send()
    const ship = { intent: 'ship', carrier: '中国邮政', waybillNumber: '9800002' }
    expect((await w.coordinator.post(`/staff/books/shipments/${id}`, ship)).status).toBe(302)
    const shipped = to(await send(), OFFICE)
    expect(shipped).toHaveLength(1)
    const link = /https?:\/\/[^\s"<>]+\/receipts\/[a-z2-7]{52}/.exec(shipped[0]!.text ?? '')?.[0]
    expect(link, 'a receipt link in the mail').toBeDefined()
    expect(shipped[0]!.html).toContain(link)

    const confirm = { receivedCount: '110', receivedOn: today(), name: '王老师', note: '少了一箱' }
    expect((await app.client().post(new URL(link!).pathname, confirm)).status).toBe(302)
    const afterReceipt = to(await send(), w.coordinatorAccount.email).map((m) => m.subject)
    expect(afterReceipt).toEqual(
      expect.arrayContaining([expect.stringContaining('图书签收已确认'), expect.stringContaining('短缺')]),
    )
    expect(afterReceipt).toHaveLength(2)
  })
})
