import type { Kysely } from 'kysely'
import type { DB } from '#db/schema'

/** Where a sign-in without a destination lands: a partner contact's own page, everyone else the home page. */
export async function landingPathFor(db: Kysely<DB>, accountId: number): Promise<string> {
  const row = await db.selectFrom('account').select('role').where('id', '=', accountId).executeTakeFirst()
  return row?.role === 'partner_contact' ? '/partner' : '/'
}
