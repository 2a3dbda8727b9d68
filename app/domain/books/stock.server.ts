/**
 * Stock per programme: books collected minus books committed to shipments that
 * were not cancelled. Never negative: a shipment is created only inside a
 * write transaction that first locks the programme row (the write lock where
 * rows cannot be locked), so two shipments cannot both spend the same books.
 */
import { sql, type Kysely } from 'kysely'
import { forUpdate } from '#db/dialect'
import type { DB } from '#db/schema'
import { notFound } from '~/domain/errors'

export interface ProgrammeStock {
  programmeId: number
  name: string
  collected: number
  committed: number
  stock: number
}

export async function stockByProgramme(db: Kysely<DB>): Promise<ProgrammeStock[]> {
  const rows = await db
    .selectFrom('programme')
    .select((eb) => [
      'programme.id',
      'programme.name',
      eb
        .selectFrom('book_donation')
        .select(sql<number>`coalesce(sum(book_count), 0)`.as('n'))
        .whereRef('book_donation.programme_id', '=', 'programme.id')
        .as('collected'),
      eb
        .selectFrom('book_shipment')
        .select(sql<number>`coalesce(sum(book_count), 0)`.as('n'))
        .whereRef('book_shipment.programme_id', '=', 'programme.id')
        .where('book_shipment.status', '<>', 'cancelled')
        .as('committed'),
    ])
    .orderBy('programme.id')
    .execute()
  return rows
    .map((r) => {
      const collected = Number(r.collected ?? 0)
      const committed = Number(r.committed ?? 0)
      return { programmeId: r.id, name: r.name, collected, committed, stock: collected - committed }
    })
    .filter((r) => r.collected > 0 || r.committed > 0)
}

/** The programme's stock with its row locked until the transaction ends. */
export async function lockProgrammeStock(trx: Kysely<DB>, programmeId: number): Promise<number> {
  const programme = await forUpdate(
    trx,
    trx.selectFrom('programme').select('id').where('id', '=', programmeId),
  ).executeTakeFirst()
  if (!programme) throw notFound()
  const [collected, committed] = await Promise.all([
    trx
      .selectFrom('book_donation')
      .select(sql<number>`coalesce(sum(book_count), 0)`.as('n'))
      .where('programme_id', '=', programmeId)
      .executeTakeFirstOrThrow(),
    trx
      .selectFrom('book_shipment')
      .select(sql<number>`coalesce(sum(book_count), 0)`.as('n'))
      .where('programme_id', '=', programmeId)
      .where('status', '<>', 'cancelled')
      .executeTakeFirstOrThrow(),
  ])
  return Number(collected.n) - Number(committed.n)
}
