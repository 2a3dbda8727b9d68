/** Donations over HTTP: a person's name is kept only with consent; a thank-you goes where there is an address; stock grows. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { stockByProgramme } from '~/domain/books/stock.server'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import { partnerWorld, type PartnerWorld } from '../partners/helpers'

describeEachDialect('book donations', (dialect) => {
  let app: TestApp
  let w: PartnerWorld
  beforeAll(async () => {
    app = await startTestApp(dialect)
    w = await partnerWorld(app)
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  const donate = (fields: Record<string, string>) =>
    w.coordinator.post('/staff/books', {
      intent: 'donation',
      donorKind: 'individual',
      receivedOn: '2026-03-01',
      programmeId: String(w.programmeId),
      bookCount: '35',
      ...fields,
    })

  it('keeps a name only with consent, thanks by mail, and adds to the programme’s stock', async () => {
    expect((await donate({ donorName: '读者王女士', email: 'wang@example.cn' })).status).toBe(302)
    expect((await donate({ donorName: '读者陈同学', nameConsent: 'on' })).status).toBe(302)
    const rows = await app.database.db
      .selectFrom('book_donation')
      .select(['donor_name', 'book_count'])
      .where('programme_id', '=', w.programmeId)
      .orderBy('id')
      .execute()
    expect(rows).toEqual([
      { donor_name: null, book_count: 35 },
      { donor_name: '读者陈同学', book_count: 35 },
    ])
    const mails = await app.deliverMail()
    expect(mails.map((m) => [m.to, m.subject])).toEqual([['wang@example.cn', expect.stringContaining('感谢')]])
    expect(JSON.stringify(await app.database.db.selectFrom('book_donation').selectAll().execute())).not.toContain(
      'wang@example.cn',
    )
    const stock = (await stockByProgramme(app.database.db)).find((s) => s.programmeId === w.programmeId)
    expect(stock?.stock).toBe(70)
  })

  it('refuses counts out of range and dates in the future', async () => {
    expect((await donate({ bookCount: '0' })).status).toBe(400)
    expect((await donate({ bookCount: '100001' })).status).toBe(400)
    expect((await donate({ receivedOn: '2099-01-01' })).status).toBe(400)
  })
})
