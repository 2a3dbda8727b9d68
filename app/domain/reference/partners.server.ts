/** Partner organisations: schools, care homes, rural schools, enterprises the library works with. */
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
import type { PartnerInput } from './schema'

const values = (input: PartnerInput) => ({
  name: input.name,
  kind: input.kind,
  address: input.address,
  region: input.region,
  contact_name: input.contactName,
  contact_phone: input.contactPhone,
  contact_email: input.contactEmail,
  agreement_signed_on: input.agreementSignedOn,
  agreement_ends_on: input.agreementEndsOn,
  notes: input.notes,
  active: input.active ? (1 as const) : (0 as const),
})

export async function listPartners(db: Kysely<DB>, actor: Actor, show: ArchiveFilter = 'current') {
  requireReferenceReader(actor)
  let query = db.selectFrom('partner_organisation').selectAll()
  if (show === 'current') query = query.where('archived_at', 'is', null)
  if (show === 'archived') query = query.where('archived_at', 'is not', null)
  return query.orderBy('kind').orderBy('id').execute()
}

export async function getPartner(db: Kysely<DB>, actor: Actor, id: number) {
  requireReferenceReader(actor)
  const partner = await db.selectFrom('partner_organisation').selectAll().where('id', '=', id).executeTakeFirst()
  if (!partner) throw notFound()
  return partner
}

export async function createPartner(db: Kysely<DB>, actor: Actor, input: PartnerInput, meta: RequestMeta) {
  requireReferenceAdmin(actor)
  return withUniqueName(() =>
    writeTransaction(db, async (trx) => {
      const at = meta.now.toISOString()
      const { id } = await trx
        .insertInto('partner_organisation')
        .values({ ...values(input), created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
      await auditReference(trx, actor, 'reference_created', 'partner_organisation', id, meta, { name: input.name })
      return id
    }),
  )
}

export async function updatePartner(db: Kysely<DB>, actor: Actor, id: number, input: PartnerInput, meta: RequestMeta) {
  requireReferenceAdmin(actor)
  await withUniqueName(() =>
    writeTransaction(db, async (trx) => {
      const row = await trx
        .updateTable('partner_organisation')
        .set({ ...values(input), updated_at: meta.now.toISOString() })
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirst()
      if (!row) throw notFound()
      await auditReference(trx, actor, 'reference_updated', 'partner_organisation', id, meta, { name: input.name })
    }),
  )
}
