import type { Kysely } from 'kysely'
import type { DB } from '#db/schema'

/** Emails are stored as typed and compared case-insensitively (QUALITY.md §1.6). */
export const normaliseEmail = (email: string) => email.trim().toLowerCase()

export function findAccountByEmail(db: Kysely<DB>, email: string) {
  return db.selectFrom('account').selectAll().where('email_normalised', '=', normaliseEmail(email)).executeTakeFirst()
}

export function findAccount(db: Kysely<DB>, id: number) {
  return db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function emailTaken(db: Kysely<DB>, email: string, exceptAccountId?: number): Promise<boolean> {
  let query = db.selectFrom('account').select('id').where('email_normalised', '=', normaliseEmail(email))
  if (exceptAccountId !== undefined) query = query.where('id', '<>', exceptAccountId)
  return (await query.executeTakeFirst()) !== undefined
}
