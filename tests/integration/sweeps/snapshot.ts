/** Whole-database differences between two dumps, table by table. */
import type { Dump } from '../accounts/helpers'

export interface TableChange {
  table: string
  added: Record<string, unknown>[]
  removed: Record<string, unknown>[]
}

const parse = (row: string) => Object.fromEntries(JSON.parse(row) as [string, unknown][])

/** Every table whose rows differ (a changed row shows as one removed and one added). */
export function changes(before: Dump, after: Dump): TableChange[] {
  const out: TableChange[] = []
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = new Set(before[table] ?? [])
    const now = new Set(after[table] ?? [])
    const added = [...now].filter((row) => !old.has(row)).map(parse)
    const removed = [...old].filter((row) => !now.has(row)).map(parse)
    if (added.length || removed.length) out.push({ table, added, removed })
  }
  return out
}

export const describeChange = (change: TableChange) =>
  `${change.table}: +${change.added.length} −${change.removed.length} ${JSON.stringify(change.added[0] ?? change.removed[0]).slice(0, 200)}`
