/** The library's places: the main library, street branches, city book rooms and reading points. */
import type { Kysely } from 'kysely'
import { writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { notFound } from '~/domain/errors'
import {
  auditReference,
  requireReferenceAdmin,
  requireReferenceReader,
  withUniqueName,
  type ArchiveFilter,
} from './reference.server'
import type { SiteInput } from './schema'

const values = (input: SiteInput) => ({
  name: input.name,
  kind: input.kind,
  address: input.address,
  opening_hours: input.openingHours,
  opened_on: input.openedOn,
  active: input.active ? (1 as const) : (0 as const),
})

export async function listSites(db: Kysely<DB>, actor: Actor, show: ArchiveFilter = 'current') {
  requireReferenceReader(actor)
  let query = db.selectFrom('site').selectAll()
  if (show === 'current') query = query.where('archived_at', 'is', null)
  if (show === 'archived') query = query.where('archived_at', 'is not', null)
  return query.orderBy('id').execute()
}

export async function getSite(db: Kysely<DB>, actor: Actor, id: number) {
  requireReferenceReader(actor)
  const site = await db.selectFrom('site').selectAll().where('id', '=', id).executeTakeFirst()
  if (!site) throw notFound()
  return site
}

export async function createSite(db: Kysely<DB>, actor: Actor, input: SiteInput, meta: RequestMeta) {
  requireReferenceAdmin(actor)
  return withUniqueName(() =>
    writeTransaction(db, async (trx) => {
      const at = meta.now.toISOString()
      const { id } = await trx
        .insertInto('site')
        .values({ ...values(input), partner_organisation_id: null, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
      await auditReference(trx, actor, 'reference_created', 'site', id, meta, { name: input.name })
      return id
    }),
  )
}

export async function updateSite(db: Kysely<DB>, actor: Actor, id: number, input: SiteInput, meta: RequestMeta) {
  requireReferenceAdmin(actor)
  await withUniqueName(() =>
    writeTransaction(db, async (trx) => {
      const row = await trx
        .updateTable('site')
        .set({ ...values(input), updated_at: meta.now.toISOString() })
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirst()
      if (!row) throw notFound()
      await auditReference(trx, actor, 'reference_updated', 'site', id, meta, { name: input.name })
    }),
  )
}
