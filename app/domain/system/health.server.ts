import { sql, type Kysely } from 'kysely'
import type { DB } from '#db/schema'

/** Throws when the database does not answer. */
export async function checkDatabase(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db)
}
