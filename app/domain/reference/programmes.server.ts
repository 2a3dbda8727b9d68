/** Programmes: a brand (我们在一起) and the projects under it (翻书越岭, 暖暖 …). */
import type { Kysely } from 'kysely'
import { writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { DomainError, notFound } from '~/domain/errors'
import {
  auditReference,
  requireReferenceAdmin,
  requireReferenceReader,
  withUniqueName,
  type ArchiveFilter,
} from './reference.server'
import type { ProgrammeInput } from './schema'

export async function listProgrammes(db: Kysely<DB>, actor: Actor, show: ArchiveFilter = 'current') {
  requireReferenceReader(actor)
  let query = db
    .selectFrom('programme as p')
    .leftJoin('programme as parent', 'parent.id', 'p.parent_programme_id')
    .selectAll('p')
    .select('parent.name as parent_name')
  if (show === 'current') query = query.where('p.archived_at', 'is', null)
  if (show === 'archived') query = query.where('p.archived_at', 'is not', null)
  // A brand, then its projects.
  return query
    .orderBy((eb) => eb.fn.coalesce('p.parent_programme_id', 'p.id'))
    .orderBy('p.id')
    .execute()
}

export async function getProgramme(db: Kysely<DB>, actor: Actor, id: number) {
  requireReferenceReader(actor)
  const programme = await db.selectFrom('programme').selectAll().where('id', '=', id).executeTakeFirst()
  if (!programme) throw notFound()
  return programme
}

/** Brands a project may sit under (a project cannot hold projects). */
export async function listBrands(db: Kysely<DB>, actor: Actor) {
  requireReferenceReader(actor)
  return db
    .selectFrom('programme')
    .select(['id', 'name'])
    .where('kind', '=', 'brand')
    .where('archived_at', 'is', null)
    .orderBy('id')
    .execute()
}

async function checkParent(db: Kysely<DB>, parentId: number | null, selfId: number | null): Promise<void> {
  if (parentId === null) return
  const parent = await db.selectFrom('programme').select(['id', 'kind']).where('id', '=', parentId).executeTakeFirst()
  if (!parent || parent.kind !== 'brand' || parent.id === selfId) {
    throw new DomainError('rule', 'reference.programme.parentInvalid', { field: 'parentId' })
  }
  if (selfId !== null) {
    const child = await db
      .selectFrom('programme')
      .select('id')
      .where('parent_programme_id', '=', selfId)
      .executeTakeFirst()
    if (child) throw new DomainError('rule', 'reference.programme.brandHasProjects', { field: 'parentId' })
  }
}

const values = (input: ProgrammeInput) => ({
  name: input.name,
  kind: input.parentId === null ? ('brand' as const) : ('project' as const),
  parent_programme_id: input.parentId,
  colour: input.colour,
  description: input.description,
  active: input.active ? (1 as const) : (0 as const),
})

export async function createProgramme(db: Kysely<DB>, actor: Actor, input: ProgrammeInput, meta: RequestMeta) {
  requireReferenceAdmin(actor)
  return withUniqueName(() =>
    writeTransaction(db, async (trx) => {
      await checkParent(trx, input.parentId, null)
      const at = meta.now.toISOString()
      const { id } = await trx
        .insertInto('programme')
        .values({ ...values(input), created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
      await auditReference(trx, actor, 'reference_created', 'programme', id, meta, { name: input.name })
      return id
    }),
  )
}

export async function updateProgramme(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  input: ProgrammeInput,
  meta: RequestMeta,
) {
  requireReferenceAdmin(actor)
  await withUniqueName(() =>
    writeTransaction(db, async (trx) => {
      await checkParent(trx, input.parentId, id)
      const row = await trx
        .updateTable('programme')
        .set({ ...values(input), updated_at: meta.now.toISOString() })
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirst()
      if (!row) throw notFound()
      await auditReference(trx, actor, 'reference_updated', 'programme', id, meta, { name: input.name })
    }),
  )
}
