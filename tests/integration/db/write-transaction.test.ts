/**
 * writeTransaction (db/dialect.ts) must make a read-then-write atomic.
 *
 * The counter is shift.confirmed_count (capacity 1000, so its CHECK never fires).
 * 200 tasks each read the counter and write back counter + 1. With the guard the
 * result is exactly 200; the negative controls run the same code without it and
 * must lose updates, which shows the test can tell the difference.
 */
import path from 'node:path'
import type { Kysely } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { forUpdate, writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import { describeEachDialect, useTestDatabase } from '../../support/databases'
import { lastJson, runTogether } from './fixtures/children'
import { insertShift, insertSite } from './fixtures/rows'

const TASKS = 200
const POOL_SIZE = 10
const CHILDREN = 4
const PER_CHILD = 25

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve))

async function readCounter(db: Kysely<DB>, shiftId: number, lock: boolean): Promise<number> {
  const query = db.selectFrom('shift').select('confirmed_count').where('id', '=', shiftId)
  const row = await (lock ? forUpdate(db, query) : query).executeTakeFirstOrThrow()
  return row.confirmed_count
}

async function writeCounter(db: Kysely<DB>, shiftId: number, value: number): Promise<void> {
  await db.updateTable('shift').set({ confirmed_count: value }).where('id', '=', shiftId).execute()
}

/** Read, give every other task a chance to run, write back + 1. */
async function increment(db: Kysely<DB>, shiftId: number, lock: boolean): Promise<void> {
  const value = await readCounter(db, shiftId, lock)
  await yieldToOthers()
  await writeCounter(db, shiftId, value + 1)
}

describeEachDialect('writeTransaction', (dialect) => {
  const database = useTestDatabase(dialect, { poolSize: POOL_SIZE })
  let siteId: number
  beforeAll(async () => {
    siteId = await insertSite(database().db)
  })

  const counter = async (shiftId: number) => readCounter(database().db, shiftId, false)

  it(`${TASKS} concurrent read-then-write increments inside writeTransaction end at exactly ${TASKS}`, async () => {
    const { db } = database()
    const shiftId = await insertShift(db, siteId, { capacity: 1000 })
    await Promise.all(Array.from({ length: TASKS }, () => writeTransaction(db, (trx) => increment(trx, shiftId, true))))
    expect(await counter(shiftId)).toBe(TASKS)
  })

  it('negative control: the same increments without writeTransaction lose updates', async () => {
    // On PostgreSQL the pool runs up to 10 of them at once. On SQLite the single
    // connection serialises each statement but not the read-write pair: all reads
    // queue on the connection before the first write, so updates are lost there too.
    const { db } = database()
    const shiftId = await insertShift(db, siteId, { capacity: 1000 })
    await Promise.all(Array.from({ length: TASKS }, () => increment(db, shiftId, false)))
    const result = await counter(shiftId)
    expect(result).toBeGreaterThan(0)
    expect(result).toBeLessThan(TASKS)
  })

  it('rolls the whole transaction back when the callback throws', async () => {
    const { db } = database()
    const shiftId = await insertShift(db, siteId, { capacity: 1000 })
    await expect(
      writeTransaction(db, async (trx) => {
        await writeCounter(trx, shiftId, 5)
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await counter(shiftId)).toBe(0)
    // A constraint failure inside the transaction undoes the earlier statements too.
    const error = await writeTransaction(db, async (trx) => {
      await writeCounter(trx, shiftId, 7)
      await trx.updateTable('shift').set({ confirmed_count: 1001 }).where('id', '=', shiftId).execute()
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(await counter(shiftId)).toBe(0)
    // And the connection is usable afterwards.
    await writeTransaction(db, (trx) => increment(trx, shiftId, true))
    expect(await counter(shiftId)).toBe(1)
  })

  it('joins an enclosing transaction instead of nesting one', async () => {
    // dialect.ts: `if (db.isTransaction) return fn(db)`. On SQLite the callback gets a
    // connection-bound Kysely (db.connection()), whose isTransaction is false, so a nested
    // call issues a second BEGIN IMMEDIATE and fails: "cannot start a transaction within a transaction".
    const { db } = database()
    const shiftId = await insertShift(db, siteId, { capacity: 1000 })
    await expect(
      writeTransaction(db, async (outer) => {
        await writeTransaction(outer, (inner) => increment(inner, shiftId, true))
        throw new Error('outer fails')
      }),
    ).rejects.toThrow('outer fails')
    expect(await counter(shiftId)).toBe(0)
  })

  if (dialect === 'postgres') {
    it('PostgreSQL: writeTransaction alone is Read Committed, so the read needs forUpdate', async () => {
      // Documents why increment() locks the row: without FOR UPDATE two transactions
      // read the same value and the later commit overwrites the earlier one.
      const { db } = database()
      const shiftId = await insertShift(db, siteId, { capacity: 1000 })
      await Promise.all(
        Array.from({ length: TASKS }, () => writeTransaction(db, (trx) => increment(trx, shiftId, false))),
      )
      expect(await counter(shiftId)).toBeLessThan(TASKS)
    })
  }

  const CHILD = path.join(import.meta.dirname, 'fixtures/increment-child.ts')
  const runChildren = (shiftId: number, mode: 'guarded' | 'plain') =>
    runTogether(
      CHILD,
      Array.from({ length: CHILDREN }, () => [database().url, String(shiftId), String(PER_CHILD), mode]),
    )

  it(`${CHILDREN} OS processes × ${PER_CHILD} increments inside writeTransaction end at exactly ${CHILDREN * PER_CHILD}`, async () => {
    // On SQLite this is what BEGIN IMMEDIATE is for: a deferred transaction that read
    // first would fail with SQLITE_BUSY when it tries to write after another process did.
    const shiftId = await insertShift(database().db, siteId, { capacity: 1000 })
    const children = await runChildren(shiftId, 'guarded')
    for (const child of children) expect(child.code, child.stderr).toBe(0)
    expect(children.map((c) => lastJson<{ done: number }>(c.stdout).done)).toEqual(Array(CHILDREN).fill(PER_CHILD))
    expect(await counter(shiftId)).toBe(CHILDREN * PER_CHILD)
  })

  it(`negative control: ${CHILDREN} OS processes without writeTransaction lose updates`, async () => {
    const shiftId = await insertShift(database().db, siteId, { capacity: 1000 })
    const children = await runChildren(shiftId, 'plain')
    for (const child of children) expect(child.code, child.stderr).toBe(0)
    expect(await counter(shiftId)).toBeLessThan(CHILDREN * PER_CHILD)
  })
})
