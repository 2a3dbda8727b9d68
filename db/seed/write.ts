/** Inserts a plan in chunks, translating local ids to the database's on the way. */
import type { Kysely } from 'kysely'
import type { DB } from '../schema'
import { FOREIGN_KEYS, PLANNED_TABLES, TABLES_WITH_ID, type Plan, type PlannedTable } from './plan'

/** ~200 rows per statement: well under SQLite's 32 766 and PostgreSQL's 65 535 bound parameters. */
const CHUNK_SIZE = 200

export type TableCounts = Record<PlannedTable, number>

export async function writePlan(db: Kysely<DB>, plan: Plan): Promise<TableCounts> {
  const anyDb = db as Kysely<any>
  const dbIds = new Map<PlannedTable, number[]>()
  const counts = {} as TableCounts

  for (const table of PLANNED_TABLES) {
    const rows = plan[table] as Record<string, unknown>[]
    const foreignKeys = Object.entries(FOREIGN_KEYS[table]) as [string, PlannedTable][]
    const mapped: number[] = new Array<number>(rows.length)
    dbIds.set(table, mapped)

    for (const batch of batchesOf(table, rows)) {
      for (let start = 0; start < batch.length; start += CHUNK_SIZE) {
        const chunk = batch.slice(start, start + CHUNK_SIZE)
        const values = chunk.map((index) => translate(table, rows[index]!, foreignKeys, dbIds))
        if (TABLES_WITH_ID.has(table)) {
          const returned = await anyDb.insertInto(table).values(values).returning('id').execute()
          // Identity values are handed out in VALUES order on both dialects; RETURNING's order is not promised.
          const ids = returned.map((r: { id: number | string }) => Number(r.id)).sort((a, b) => a - b)
          if (ids.length !== chunk.length)
            throw new Error(`seed: ${table} returned ${ids.length} ids for ${chunk.length} rows`)
          chunk.forEach((index, k) => (mapped[index] = ids[k]!))
        } else {
          await anyDb.insertInto(table).values(values).execute()
        }
      }
    }
    counts[table] = rows.length
  }
  return counts
}

/** Row indexes in insert order; a self-referencing table (programme) goes parents first. */
function batchesOf(table: PlannedTable, rows: Record<string, unknown>[]): number[][] {
  const all = rows.map((_, i) => i)
  if (table !== 'programme') return [all]
  const parents = all.filter((i) => rows[i]!.parent_programme_id == null)
  const children = all.filter((i) => rows[i]!.parent_programme_id != null)
  return [parents, children]
}

function translate(
  table: PlannedTable,
  row: Record<string, unknown>,
  foreignKeys: [string, PlannedTable][],
  dbIds: Map<PlannedTable, number[]>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row }
  for (const [column, target] of foreignKeys) {
    const local = row[column]
    if (local === null || local === undefined) continue
    const id = dbIds.get(target)?.[(local as number) - 1]
    if (id === undefined)
      throw new Error(`seed: ${table}.${column} points at ${target} #${String(local)}, not inserted`)
    out[column] = id
  }
  return out
}
