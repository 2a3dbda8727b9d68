/**
 * Bulk borrowing cards over HTTP: a pasted class list with row errors (nothing
 * stored), limits, approval with other numbers, racing approvals and issues
 * (one wins, the other is told), generated numbers in the library's format
 * and unique under concurrency, ILS import, withdrawal, and a mail at each step.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { CARD_NUMBER_PATTERN } from '~/domain/partners/issue-cards.server'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import {
  CLASS_LIST,
  activeCoordinatorEmails,
  idFromLocation,
  partnerWorld,
  submitCards,
  type PartnerWorld,
} from './helpers'

describeEachDialect('card requests', (dialect) => {
  let app: TestApp
  let w: PartnerWorld
  beforeAll(async () => {
    app = await startTestApp(dialect)
    w = await partnerWorld(app)
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  const statusOf = async (id: number) =>
    (await app.database.db.selectFrom('card_request').select('status').where('id', '=', id).executeTakeFirstOrThrow())
      .status

  it('shows every bad row of a pasted list, keeps the text, stores nothing', async () => {
    const before = await app.database.db.selectFrom('card_request').select('id').execute()
    const list = '一年级(1)班\t1\t王老师\n=HYPERLINK("x")\t1\t\n一年级(3)班\t0\t\n一年级(1)班\t1\t'
    const response = await submitCards(w.a, list)
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('第 2 行')
    expect(html).toContain('不接受公式')
    expect(html).toContain('第 3 行')
    expect(html).toContain('第 4 行')
    expect(html).toContain('重复')
    expect(html).toContain('一年级(3)班') // the text box keeps what was typed
    expect(await app.database.db.selectFrom('card_request').select('id').execute()).toHaveLength(before.length)
    const binary = await submitCards(w.a, 'abc\u0000\u0001def')
    expect(binary.status).toBe(400)
    expect(await binary.text()).toContain('无法识别为文字')
  })

  it('enforces the library’s limits with clear messages', async () => {
    const tooLow = await submitCards(w.a, CLASS_LIST, { loanLimit: '5' })
    expect(tooLow.status).toBe(400)
    expect(await tooLow.text()).toContain('每卡可借册数应在 10 到 100 之间')
    const many = Array.from({ length: 25 }, (_, i) => `班级${i + 1}\t10\t`).join('\n')
    const tooMany = await submitCards(w.a, many)
    expect(tooMany.status).toBe(400)
    expect(await tooMany.text()).toContain('超过每份申请 200 张的上限')
  })

  it('runs submitted → approved (other numbers) → issued, mailing the contact at each step', async () => {
    await app.deliverMail()
    const submitted = await submitCards(w.a)
    expect(submitted.status).toBe(302)
    const id = idFromLocation(submitted)
    expect(await statusOf(id)).toBe('submitted')
    const received = await app.deliverMail()
    expect(received.filter((m) => m.to === w.contactA.email).map((m) => m.subject)).toEqual([
      expect.stringContaining('已收到您的借阅卡申请'),
    ])
    // Every active coordinator is told there is a request to review, with the staff page's link.
    const toReview = received.filter((m) => m.to !== w.contactA.email)
    expect(toReview.map((m) => m.to).sort()).toEqual(await activeCoordinatorEmails(app.database.db))
    expect(toReview.map((m) => m.to)).toContain(w.coordinatorAccount.email)
    for (const mail of toReview) {
      expect(mail.subject).toContain('新的借阅卡申请待审核')
      expect(mail.text).toContain(`/staff/card-requests/${id}`)
    }

    const approve = await w.coordinator.post(`/staff/card-requests/${id}`, {
      intent: 'approve',
      'lineCounts[0]': '1',
      'lineCounts[1]': '1',
      'lineCounts[2]': '2',
      note: '第三班先发两张',
    })
    expect(approve.status).toBe(302)
    const approvedMail = await app.deliverMail()
    expect(approvedMail).toHaveLength(1)
    expect(approvedMail[0]!.subject).toContain('已通过')
    expect(approvedMail[0]!.text).toContain('第三班先发两张')
    const row = await app.database.db
      .selectFrom('card_request')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect([row.card_count, row.requested_card_count]).toEqual([4, 6])

    // The contact can no longer withdraw.
    const late = await w.a.post(`/partner/card-requests/${id}`, { intent: 'withdraw' })
    expect(late.status).toBe(409)

    const issue = await w.coordinator.post(`/staff/card-requests/${id}`, { intent: 'issue', numbers: '' })
    expect(issue.status).toBe(302)
    const cards = await app.database.db.selectFrom('bulk_card').selectAll().where('card_request_id', '=', id).execute()
    expect(cards).toHaveLength(4)
    expect(cards.every((c) => CARD_NUMBER_PATTERN.test(c.card_number))).toBe(true)
    expect(cards.filter((c) => c.class_name === '三年级(3)班')).toHaveLength(2)
    const issuedMail = await app.deliverMail()
    expect(issuedMail.map((m) => m.subject)).toEqual([expect.stringContaining('借阅卡已发放')])

    // The teacher sees the numbers; the exports list them by class.
    const page = await (await w.a.get(`/partner/card-requests/${id}`)).text()
    for (const c of cards) expect(page).toContain(c.card_number)
    const csv = await w.coordinator.get(`/staff/card-requests/${id}/export?format=csv`)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const csvBytes = Buffer.from(await csv.arrayBuffer())
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // BOM for Excel
    const csvText = csvBytes.toString('utf8')
    for (const c of cards) expect(csvText).toContain(c.card_number)
    const xlsx = await w.coordinator.get(`/staff/card-requests/${id}/export?format=xlsx`)
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK')
  })

  it('lets two coordinators approve at once: one wins, the other is told', async () => {
    const id = idFromLocation(await submitCards(w.a))
    await app.deliverMail()
    const [first, second] = await Promise.all([
      w.coordinator.post(`/staff/card-requests/${id}`, { intent: 'approve' }),
      w.coordinator2.post(`/staff/card-requests/${id}`, { intent: 'approve' }),
    ])
    expect([first.status, second.status].sort()).toEqual([302, 409])
    const loser = first.status === 409 ? first : second
    expect(await loser.text()).toContain('该申请已被处理')
    expect(await app.deliverMail()).toHaveLength(1)
    const audits = await app.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'card_request_approved')
      .where('subject_id', '=', String(id))
      .execute()
    expect(audits).toHaveLength(1)
    // A reject racing an issue: also only one.
    const [issueA, issueB] = await Promise.all([
      w.coordinator.post(`/staff/card-requests/${id}`, { intent: 'issue' }),
      w.coordinator2.post(`/staff/card-requests/${id}`, { intent: 'issue' }),
    ])
    expect([issueA.status, issueB.status].sort()).toEqual([302, 409])
    expect(
      await app.database.db.selectFrom('bulk_card').select('id').where('card_request_id', '=', id).execute(),
    ).toHaveLength(6)
  })

  it('generates distinct card numbers when many requests are issued at once', async () => {
    const ids: number[] = []
    for (let i = 0; i < 8; i++) ids.push(idFromLocation(await submitCards(w.b)))
    await Promise.all(ids.map((id) => w.coordinator.post(`/staff/card-requests/${id}`, { intent: 'approve' })))
    const results = await Promise.all(
      ids.map((id, i) =>
        (i % 2 ? w.coordinator : w.coordinator2).post(`/staff/card-requests/${id}`, { intent: 'issue' }),
      ),
    )
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 302))
    const cards = await app.database.db
      .selectFrom('bulk_card')
      .select('card_number')
      .where('card_request_id', 'in', ids)
      .execute()
    expect(cards).toHaveLength(8 * 6)
    expect(new Set(cards.map((c) => c.card_number)).size).toBe(cards.length)
    // The unique index is the guarantee.
    await expect(
      app.database.db
        .insertInto('bulk_card')
        .values({
          card_request_id: ids[0]!,
          card_number: cards[0]!.card_number,
          class_name: null,
          issued_at: new Date().toISOString(),
        })
        .execute(),
    ).rejects.toThrow()
  })

  it('imports numbers from the ILS, refusing a wrong count or a number in use', async () => {
    const id = idFromLocation(await submitCards(w.a, '五年级(1)班\t1\t\n五年级(2)班\t1\t'))
    await w.coordinator.post(`/staff/card-requests/${id}`, { intent: 'approve' })
    const wrongCount = await w.coordinator.post(`/staff/card-requests/${id}`, { intent: 'issue', numbers: 'ILS-0001' })
    expect(wrongCount.status).toBe(400)
    expect(await wrongCount.text()).toContain('需要 2 个卡号')
    const existing = (await app.database.db.selectFrom('bulk_card').select('card_number').executeTakeFirstOrThrow())
      .card_number
    const taken = await w.coordinator.post(`/staff/card-requests/${id}`, {
      intent: 'issue',
      numbers: `ILS-0001\n${existing}`,
    })
    expect(taken.status).toBe(409)
    expect(await statusOf(id)).toBe('approved')
    const ok = await w.coordinator.post(`/staff/card-requests/${id}`, {
      intent: 'issue',
      numbers: 'ils-0001\nILS-0002',
    })
    expect(ok.status).toBe(302)
    const numbers = await app.database.db
      .selectFrom('bulk_card')
      .select('card_number')
      .where('card_request_id', '=', id)
      .orderBy('card_number')
      .execute()
    expect(numbers.map((n) => n.card_number)).toEqual(['ILS-0001', 'ILS-0002'])
  })

  it('rejects with a reason (mailed), and lets the contact withdraw until approval', async () => {
    const rejected = idFromLocation(await submitCards(w.a))
    while ((await app.deliverMail()).length > 0) {
      // The worker sends a batch a run: drain what the earlier tests queued.
    }
    const noReason = await w.coordinator.post(`/staff/card-requests/${rejected}`, { intent: 'reject', reason: ' ' })
    expect(noReason.status).toBe(400)
    expect(
      (await w.coordinator.post(`/staff/card-requests/${rejected}`, { intent: 'reject', reason: '请先签订共建协议' }))
        .status,
    ).toBe(302)
    const mail = await app.deliverMail()
    expect(mail.map((m) => m.subject)).toEqual([expect.stringContaining('未获通过')])
    expect(mail[0]!.text).toContain('请先签订共建协议')
    expect(await statusOf(rejected)).toBe('rejected')

    const withdrawn = idFromLocation(await submitCards(w.a))
    expect((await w.a.post(`/partner/card-requests/${withdrawn}`, { intent: 'withdraw' })).status).toBe(302)
    expect(await statusOf(withdrawn)).toBe('withdrawn')
    expect((await w.coordinator.post(`/staff/card-requests/${withdrawn}`, { intent: 'approve' })).status).toBe(409)
  })
})
