/**
 * Partner scope sweep: two organisations, every partner page and action, each
 * contact trying the other's ids. Every try answers 404 and changes nothing;
 * partner contacts get 403 on every staff page and on the other side's data.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import { dumpDatabase } from '../accounts/helpers'
import { donate, idFromLocation, partnerWorld, submitCards, type PartnerWorld } from './helpers'

describeEachDialect('partner scope', (dialect) => {
  let app: TestApp
  let w: PartnerWorld
  const ids = { A: { card: 0, visit: 0, shipment: 0 }, B: { card: 0, visit: 0, shipment: 0 } }

  beforeAll(async () => {
    app = await startTestApp(dialect)
    w = await partnerWorld(app)
    await donate(app.database.db, w.programmeId, 1000)
    for (const [side, client, org] of [
      ['A', w.a, w.orgA],
      ['B', w.b, w.orgB],
    ] as const) {
      ids[side].card = idFromLocation(await submitCards(client))
      ids[side].visit = idFromLocation(
        await client.post('/partner/visit-requests/new', {
          kind: 'exhibition',
          topic: '图片展',
          preferredDates: new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10),
          expectedParticipants: '300',
        }),
      )
      ids[side].shipment = idFromLocation(
        await w.coordinator.post('/staff/books', {
          intent: 'shipment',
          partnerOrganisationId: String(org),
          programmeId: String(w.programmeId),
          bookCount: '100',
          boxCount: '2',
        }),
      )
      await w.coordinator.post(`/staff/books/shipments/${ids[side].shipment}`, {
        intent: 'ship',
        deliveredByTeam: 'on',
      })
    }
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  const pagesOf = (o: { card: number; visit: number; shipment: number }) => [
    `/partner/card-requests/${o.card}`,
    `/partner/visit-requests/${o.visit}`,
    `/partner/shipments/${o.shipment}`,
  ]
  const actionsOf = (o: { card: number; visit: number; shipment: number }): [string, Record<string, string>][] => [
    [`/partner/card-requests/${o.card}`, { intent: 'withdraw' }],
    [`/partner/visit-requests/${o.visit}`, { intent: 'withdraw' }],
    [`/partner/visit-requests/${o.visit}`, { intent: 'feedback', rating: '5' }],
    [
      `/partner/shipments/${o.shipment}`,
      { receivedCount: '100', receivedOn: new Date().toISOString().slice(0, 10), name: '某人' },
    ],
  ]

  it('shows each contact their own pages', async () => {
    for (const [client, own] of [
      [w.a, ids.A],
      [w.b, ids.B],
    ] as const)
      for (const page of pagesOf(own)) expect((await client.get(page)).status, page).toBe(200)
  })

  it('answers 404 for the other organisation’s ids, on every page and action, and changes nothing', async () => {
    const before = await dumpDatabase(app.database.db)
    for (const [client, other] of [
      [w.a, ids.B],
      [w.b, ids.A],
    ] as const) {
      for (const page of pagesOf(other)) expect((await client.get(page)).status, page).toBe(404)
      for (const [path, fields] of actionsOf(other)) expect((await client.post(path, fields)).status, path).toBe(404)
    }
    for (const client of [w.a, w.b])
      for (const id of ['999999', '0', 'abc', '1e3'])
        expect((await client.get(`/partner/card-requests/${id}`)).status).toBe(404)
    expect(await dumpDatabase(app.database.db)).toEqual(before)
  })

  it('keeps the portal to the own organisation', async () => {
    const a = await (await w.a.get('/partner')).text()
    expect(a).toContain('鼓楼区实验小学')
    expect(a).not.toContain('铜沛小学')
    expect(a).toContain('SH-' + String(ids.A.shipment).padStart(5, '0'))
    expect(a).not.toContain('SH-' + String(ids.B.shipment).padStart(5, '0'))
  })

  it('refuses staff pages and actions to partner contacts', async () => {
    const before = await dumpDatabase(app.database.db)
    const staffPages = [
      '/staff/card-requests',
      `/staff/card-requests/${ids.A.card}`,
      `/staff/card-requests/${ids.A.card}/export?format=csv`,
      '/staff/visit-requests',
      `/staff/visit-requests/${ids.A.visit}`,
      '/staff/books',
      `/staff/books/shipments/${ids.A.shipment}`,
    ]
    for (const page of staffPages) expect((await w.a.get(page)).status, page).toBe(403)
    const staffActions: [string, Record<string, string>][] = [
      [`/staff/card-requests/${ids.A.card}`, { intent: 'approve' }],
      [`/staff/visit-requests/${ids.A.visit}`, { intent: 'accept' }],
      [
        '/staff/books',
        {
          intent: 'donation',
          donorKind: 'book_drive',
          receivedOn: '2026-01-01',
          programmeId: String(w.programmeId),
          bookCount: '5',
        },
      ],
      [`/staff/books/shipments/${ids.A.shipment}`, { intent: 'revoke' }],
      [`/staff/books/shipments/${ids.A.shipment}/labels`, {}],
    ]
    for (const [path, fields] of staffActions) expect((await w.a.post(path, fields)).status, path).toBe(403)
    expect(await dumpDatabase(app.database.db)).toEqual(before)
  })
})
