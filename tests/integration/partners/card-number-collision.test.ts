/**
 * A card number collision forced on purpose: the generator hands out numbers
 * from GL26000001 up, and another transaction takes GL26000001 while the issue
 * is under way. On PostgreSQL the issue's own check cannot see the uncommitted
 * number, so its insert hits the unique index and the whole issue is retried
 * with fresh numbers; on SQLite the writers queue, and the check skips it.
 * Either way every card gets a distinct number and the taken one is not reused.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { issueCards } from '~/domain/partners/issue-cards.server'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import { actorFor, metaAt } from '../planning/helpers'
import { idFromLocation, partnerWorld, submitCards, type PartnerWorld } from './helpers'

const sequential = () => {
  let n = 0
  const calls: string[] = []
  const generate = () => {
    const number = `GL26${String(++n).padStart(6, '0')}`
    calls.push(number)
    return number
  }
  return { generate, calls }
}

describeEachDialect('card number collision', (dialect) => {
  let app: TestApp
  let w: PartnerWorld

  beforeAll(async () => {
    app = await startTestApp(dialect)
    w = await partnerWorld(app)
  }, 120_000)

  afterAll(async () => {
    await app?.close()
  })

  it('retries a colliding issue and gives every card a distinct number', async () => {
    const db = app.database.db
    const holder = idFromLocation(await submitCards(w.a, '一年级(1)班\t1\t'))
    const id = idFromLocation(await submitCards(w.b)) // 6 cards over three classes
    for (const r of [holder, id])
      expect((await w.coordinator.post(`/staff/card-requests/${r}`, { intent: 'approve' })).status).toBe(302)
    const coordinator = await actorFor(db, { role: 'coordinator' })
    const { generate, calls } = sequential()

    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let inserted!: () => void
    const taken = new Promise<void>((resolve) => (inserted = resolve))
    // Another issue takes GL26000001 and holds its transaction open.
    const other = db.transaction().execute(async (trx) => {
      await trx
        .insertInto('bulk_card')
        .values({
          card_request_id: holder,
          card_number: 'GL26000001',
          class_name: '一年级(1)班',
          issued_at: new Date().toISOString(),
        })
        .execute()
      inserted()
      await gate
    })
    await taken
    const issuing = issueCards(db, coordinator, id, { imported: null }, metaAt(new Date()), generate)
    if (dialect === 'postgres') {
      // Wait until the issue's insert is blocked on the uncommitted number, then commit it.
      for (let i = 0; i < 100; i++) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
          where wait_event_type = 'Lock' and query like 'insert into "bulk_card"%'`.execute(db)
        if (rows[0]!.n > 0) break
        await new Promise((r) => setTimeout(r, 50))
      }
    } else await new Promise((r) => setTimeout(r, 200))
    release()
    await other
    expect(await issuing).toEqual({ cards: 6 })

    const numbers = (
      await db.selectFrom('bulk_card').select('card_number').where('card_request_id', '=', id).execute()
    ).map((c) => c.card_number)
    expect(numbers).toHaveLength(6)
    expect(new Set(numbers).size).toBe(6)
    expect(numbers).not.toContain('GL26000001')
    if (dialect === 'postgres') {
      // The first attempt drew 1–6 and failed on 1; the retry drew fresh ones after them.
      expect(calls.slice(0, 6)).toEqual([
        'GL26000001',
        'GL26000002',
        'GL26000003',
        'GL26000004',
        'GL26000005',
        'GL26000006',
      ])
      expect(numbers.sort()).toEqual(calls.slice(6, 12).sort())
    } else expect(numbers.sort()).toEqual(calls.slice(1, 7).sort())
  }, 60_000)
})
