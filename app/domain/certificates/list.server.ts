/** A volunteer's own certificates, and the register of all issued for staff (searchable, paginated). */
import { sql, type Kysely } from 'kysely'
import type { CertificateStatus, DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import { forbidden } from '~/domain/errors'
import { isStaff } from '~/domain/policy'

export const REGISTER_PAGE_SIZE = 20

export interface CertificateSummary {
  id: number
  number: string
  volunteerName: string
  volunteerNumber: string | null
  from: string
  to: string
  totalMinutes: number
  status: CertificateStatus
  issuedAt: string
  issuedByName: string | null
  revokedAt: string | null
  revokeReason: string | null
}

function summaries(db: Kysely<DB>) {
  return db
    .selectFrom('certificate as c')
    .innerJoin('account as v', 'v.id', 'c.volunteer_id')
    .leftJoin('volunteer_profile as vp', 'vp.account_id', 'c.volunteer_id')
    .leftJoin('account as issuer', 'issuer.id', 'c.issued_by')
    .select([
      'c.id',
      'c.number',
      'v.name as volunteerName',
      'vp.volunteer_number as volunteerNumber',
      'c.period_from as from',
      'c.period_to as to',
      'c.total_minutes as totalMinutes',
      'c.status',
      'c.issued_at as issuedAt',
      'issuer.name as issuedByName',
      'c.revoked_at as revokedAt',
      'c.revoke_reason as revokeReason',
    ])
}

export async function listOwnCertificates(db: Kysely<DB>, actor: Actor): Promise<CertificateSummary[]> {
  return summaries(db)
    .where('c.volunteer_id', '=', actor.accountId)
    .orderBy('c.issued_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute()
}

/** Search matches the certificate number, the volunteer's name or volunteer number (substring). */
export async function listCertificateRegister(
  db: Kysely<DB>,
  actor: Actor,
  input: { q: string; page: number },
): Promise<{ items: CertificateSummary[]; total: number; page: number; pages: number }> {
  if (!isStaff(actor)) throw forbidden()
  const q = input.q.trim()
  // LIKE's own wildcards in the search text match themselves.
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const contains = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`
  const filtered = <QB extends ReturnType<typeof summaries>>(qb: QB): QB =>
    (q
      ? qb.where((eb) => eb.or([contains('c.number'), contains('v.name'), contains('vp.volunteer_number')]))
      : qb) as QB
  const countRow = await filtered(summaries(db))
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
  const total = Number(countRow.count)
  const pages = Math.max(1, Math.ceil(total / REGISTER_PAGE_SIZE))
  const page = Math.min(input.page, pages)
  const items = await filtered(summaries(db))
    .orderBy('c.issued_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(REGISTER_PAGE_SIZE)
    .offset((page - 1) * REGISTER_PAGE_SIZE)
    .execute()
  return { items, total, page, pages }
}
