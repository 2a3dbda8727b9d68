/** The ID document a volunteer may give for their certificates: kept encrypted, shown masked. */
import type { Kysely } from 'kysely'
import type { DB, IdType } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { DomainError } from '~/domain/errors'
import { maskIdNumber, normaliseIdNumber } from './content'
import { decryptIdNumber, encryptIdNumber } from './id-crypto.server'

export interface MaskedIdDocument {
  type: IdType
  masked: string
}

/** Null when none was given, or when it cannot be read with this key (the volunteer enters it again). */
export async function findOwnIdDocument(db: Kysely<DB>, actor: Actor, key: Buffer): Promise<MaskedIdDocument | null> {
  const row = await db
    .selectFrom('volunteer_profile')
    .select(['id_type', 'id_number_encrypted'])
    .where('account_id', '=', actor.accountId)
    .executeTakeFirst()
  if (!row?.id_type || !row.id_number_encrypted) return null
  try {
    return { type: row.id_type, masked: maskIdNumber(decryptIdNumber(key, actor.accountId, row.id_number_encrypted)) }
  } catch {
    return null
  }
}

/** Sets (or, with null, removes) the volunteer's ID document. Certificates already issued keep theirs. */
export async function saveOwnIdDocument(
  db: Kysely<DB>,
  actor: Actor,
  input: { type: IdType; number: string } | null,
  key: Buffer,
  meta: RequestMeta,
): Promise<void> {
  let encrypted: string | null = null
  if (input) {
    const number = normaliseIdNumber(input.type, input.number)
    if (!number) throw new DomainError('rule', 'certificates.id.numberInvalid', { field: 'idNumber' })
    encrypted = encryptIdNumber(key, actor.accountId, number)
  }
  const result = await db
    .updateTable('volunteer_profile')
    .set({ id_type: input?.type ?? null, id_number_encrypted: encrypted, updated_at: meta.now.toISOString() })
    .where('account_id', '=', actor.accountId)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) throw new DomainError('rule', 'certificates.id.noProfile')
}
