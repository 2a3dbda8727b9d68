/**
 * Books over HTTP: stock per programme never goes negative, even when many
 * shipments are created at once; shipping mails the destination a receipt
 * link whose token is stored only as a hash; reading the link changes
 * nothing; twenty racing confirmations confirm once; expired and revoked
 * links say so; a shortfall is flagged to the coordinator; box labels are a
 * PDF whose QR opens the receipt page.
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import { readPdf } from '../../support/pdf'
import { createAccount } from '../accounts/helpers'
import { createProgramme, donate, idFromLocation, partnerWorld, type PartnerWorld } from '../partners/helpers'
import { insertActivity } from '../reports/fixtures'

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

describeEachDialect('book shipments and receipts', (dialect) => {
  let app: TestApp
  let w: PartnerWorld
  beforeAll(async () => {
    app = await startTestApp(dialect)
    w = await partnerWorld(app)
    await app.database.db
      .updateTable('partner_organisation')
      .set({ contact_email: 'office@school-a.example.cn', contact_name: '教导处' })
      .where('id', '=', w.orgA)
      .execute()
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  const create = (programmeId: number, books: number, org = w.orgA) =>
    w.coordinator.post('/staff/books', {
      intent: 'shipment',
      partnerOrganisationId: String(org),
      programmeId: String(programmeId),
      bookCount: String(books),
      boxCount: '3',
    })

  async function shippedWithLink(books = 200) {
    const programme = await createProgramme(app.database.db, `项目${Math.random().toString(36).slice(2)}`)
    await donate(app.database.db, programme, books)
    const id = idFromLocation(await create(programme, books))
    while ((await app.deliverMail()).length > 0) {
      // Drain what earlier steps queued (the worker sends a batch a run).
    }
    const shipped = await w.coordinator.post(`/staff/books/shipments/${id}`, {
      intent: 'ship',
      carrier: '中国邮政',
      waybillNumber: '9800001',
    })
    expect(shipped.status).toBe(302)
    const mails = await app.deliverMail()
    const mail = mails.find((m) => m.to === 'office@school-a.example.cn')!
    const link = /https?:\/\/[^\s"<>]+\/receipts\/[a-z2-7]{52}/.exec(mail.text)![0]
    return { id, link, path: new URL(link).pathname, token: link.split('/').at(-1)!, mail }
  }

  it('refuses a shipment the programme cannot cover, also when many are created at once', async () => {
    const programme = await createProgramme(app.database.db, '并发库存')
    await donate(app.database.db, programme, 1000)
    const tooMany = await create(programme, 1001)
    expect(tooMany.status).toBe(400)
    expect(await tooMany.text()).toContain('库存只有 1000 册')
    const results = await Promise.all(Array.from({ length: 12 }, () => create(programme, 150)))
    expect(results.filter((r) => r.status === 302)).toHaveLength(6)
    expect(results.filter((r) => r.status === 400)).toHaveLength(6)
    const sent = await app.database.db
      .selectFrom('book_shipment')
      .select((eb) => eb.fn.sum<number>('book_count').as('n'))
      .where('programme_id', '=', programme)
      .where('status', '<>', 'cancelled')
      .executeTakeFirstOrThrow()
    expect(Number(sent.n)).toBe(900)
    // Cancelling gives the books back.
    const first = idFromLocation(results.find((r) => r.status === 302)!)
    expect(
      (await w.coordinator.post(`/staff/books/shipments/${first}`, { intent: 'cancel', reason: '改期' })).status,
    ).toBe(302)
    expect((await create(programme, 250)).status).toBe(302)
    expect((await create(programme, 1)).status).toBe(400)
  })

  it('mails a receipt link on shipping; only its hash is stored; reading it changes nothing', async () => {
    const { id, token, path, mail } = await shippedWithLink()
    expect(mail.subject).toContain('请在收到后确认')
    expect(mail.text).toContain('9800001')
    const rows = await app.database.db
      .selectFrom('shipment_receipt_token')
      .selectAll()
      .where('shipment_id', '=', id)
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'))
    expect(JSON.stringify(rows)).not.toContain(token)
    const anonymous = app.client()
    for (let i = 0; i < 3; i++) {
      const page = await anonymous.get(path)
      expect(page.status).toBe(200)
      const html = await page.text()
      expect(html).toContain('鼓楼区实验小学')
      expect(html).not.toContain('9800001') // nothing beyond what the page needs
    }
    const after = await app.database.db
      .selectFrom('shipment_receipt_token')
      .selectAll()
      .where('shipment_id', '=', id)
      .execute()
    expect(after).toEqual(rows)
    expect(
      (
        await app.database.db
          .selectFrom('book_shipment')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('shipped')
  })

  it('confirms once under 20 concurrent submissions, and says so afterwards', async () => {
    const { id, path } = await shippedWithLink(200)
    const form = { receivedCount: '200', receivedOn: today(), name: '李老师', note: '' }
    const results = await Promise.all(Array.from({ length: 20 }, () => app.client().post(path, form)))
    expect(results.filter((r) => r.status === 302)).toHaveLength(1)
    expect(results.filter((r) => r.status === 409)).toHaveLength(19)
    const audits = await app.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'shipment_received')
      .where('subject_id', '=', String(id))
      .execute()
    expect(audits).toHaveLength(1)
    const page = await (await app.client().get(path)).text()
    expect(page).toContain('已经确认签收过了')
    const mails = await app.deliverMail()
    expect(mails.map((m) => [m.to, m.subject])).toEqual([
      [w.coordinatorAccount.email, expect.stringContaining('图书签收已确认')],
    ])
  })

  it("mails a shortfall to the shipment's creator and the coordinator of its visit", async () => {
    const db = app.database.db
    const { id, path } = await shippedWithLink(100)
    const visitCoordinator = await createAccount(db, { role: 'coordinator', name: '钱馆员' })
    const visit = await insertActivity(db, {
      type: 'special_care',
      startsAt: new Date().toISOString(),
      partnerId: w.orgA,
    })
    await db.updateTable('activity').set({ coordinator_id: visitCoordinator.id }).where('id', '=', visit).execute()
    await db.updateTable('book_shipment').set({ activity_id: visit }).where('id', '=', id).execute()
    const response = await app
      .client()
      .post(path, { receivedCount: '90', receivedOn: today(), name: '王老师', note: '' })
    expect(response.status).toBe(302)
    const shortfalls = (await app.deliverMail()).filter((m) => m.subject.includes('短缺'))
    expect(shortfalls.map((m) => m.to).sort()).toEqual([w.coordinatorAccount.email, visitCoordinator.email].sort())
  })

  it('flags a shortfall to the coordinator and on /staff/books', async () => {
    const { id, path } = await shippedWithLink(300)
    const response = await app
      .client()
      .post(path, { receivedCount: '296', receivedOn: today(), name: '王老师', note: '少了一箱里的4本', damaged: 'on' })
    expect(response.status).toBe(302)
    const mails = await app.deliverMail()
    expect(mails.map((m) => m.subject).sort()).toEqual(
      [expect.stringContaining('图书签收已确认'), expect.stringContaining('短缺或破损')].sort(),
    )
    expect(mails.find((m) => m.subject.includes('短缺'))!.text).toContain('296 / 300')
    const row = await app.database.db
      .selectFrom('book_shipment')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect([row.status, row.received_book_count, row.damage_reported, row.receipt_name]).toEqual([
      'received',
      296,
      1,
      '王老师',
    ])
    const books = await (await w.coordinator.get('/staff/books')).text()
    expect(books).toContain('短缺/破损')
  })

  it('says an expired or revoked link is so, in plain words, and refuses it', async () => {
    const expired = await shippedWithLink()
    await app.database.db
      .updateTable('shipment_receipt_token')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('shipment_id', '=', expired.id)
      .execute()
    expect(await (await app.client().get(expired.path)).text()).toContain('已过期')
    const form = { receivedCount: '200', receivedOn: today(), name: '李老师' }
    expect((await app.client().post(expired.path, form)).status).toBe(409)

    const revoked = await shippedWithLink()
    expect((await w.coordinator.post(`/staff/books/shipments/${revoked.id}`, { intent: 'resend' })).status).toBe(302)
    expect(await (await app.client().get(revoked.path)).text()).toContain('已被图书馆作废')
    expect((await app.client().post(revoked.path, form)).status).toBe(409)
    const resent = (await app.deliverMail()).find((m) => m.to === 'office@school-a.example.cn')!
    const fresh = new URL(/https?:\/\/[^\s"<>]+\/receipts\/[a-z2-7]{52}/.exec(resent.text)![0]).pathname
    expect(fresh).not.toBe(revoked.path)
    expect((await app.client().post(fresh, form)).status).toBe(302)

    const unknown = await app.client().get(`/receipts/${'a'.repeat(52)}`)
    expect(await unknown.text()).toContain('找不到这个签收链接')
    expect((await app.client().post(`/receipts/${'a'.repeat(52)}`, form)).status).toBe(404)
  })

  it('lets the signed-in contact confirm from the portal instead', async () => {
    const { id } = await shippedWithLink(120)
    const response = await w.a.post(`/partner/shipments/${id}`, {
      receivedCount: '120',
      receivedOn: today(),
      name: '王老师',
    })
    expect(response.status).toBe(302)
    expect(
      (await w.a.post(`/partner/shipments/${id}`, { receivedCount: '120', receivedOn: today(), name: '王老师' }))
        .status,
    ).toBe(409)
  })

  it('prints box labels as a PDF with one page per box', async () => {
    const { id } = await shippedWithLink()
    const response = await w.coordinator.post(`/staff/books/shipments/${id}/labels`, {})
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    const pdf = Buffer.from(await response.arrayBuffer())
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(3)
    // Printing issued a second link (the mail's stays valid).
    const tokens = await app.database.db
      .selectFrom('shipment_receipt_token')
      .select('token_hash')
      .where('shipment_id', '=', id)
      .execute()
    expect(tokens).toHaveLength(2)
    // Every box's QR decodes to the receipt page of this shipment, through the label's own token.
    const { text, qr } = await readPdf(pdf)
    const url = new URL(qr)
    expect(url.origin).toBe(app.url)
    const token = /^\/receipts\/([A-Za-z0-9_-]{32,})$/.exec(url.pathname)?.[1]
    expect(token).toBeDefined()
    expect(tokens.map((t) => t.token_hash)).toContain(createHash('sha256').update(token!).digest('hex'))
    expect(text.replace(/\s+/g, '')).toContain('第1箱/共3箱')
    expect((await readPdf(pdf, 3)).qr).toBe(qr)
    const page = await app.client().get(url.pathname)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('200')
  })
})
