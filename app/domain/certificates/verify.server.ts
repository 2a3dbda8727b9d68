/**
 * The public verification page's facts: valid or revoked, the date of issue,
 * the period, the hours and a masked name; nothing more.
 */
import type { Kysely } from 'kysely'
import type { CertificateStatus, DB } from '#db/schema'
import { maskName, type CertificateContent } from './content'

/** 32 random bytes in base64url, as issue.server.ts makes them. */
export const VERIFICATION_CODE = /^[A-Za-z0-9_-]{43}$/

export interface Verification {
  status: CertificateStatus
  issuedOn: string
  from: string
  to: string
  totalMinutes: number
  maskedName: string
  revokedOn: string | null
}

export async function findVerification(db: Kysely<DB>, code: string): Promise<Verification | undefined> {
  if (!VERIFICATION_CODE.test(code)) return undefined
  const row = await db
    .selectFrom('certificate')
    .select(['status', 'content', 'period_from', 'period_to', 'total_minutes', 'revoked_at'])
    .where('verification_code', '=', code)
    .executeTakeFirst()
  if (!row) return undefined
  const content = JSON.parse(row.content) as CertificateContent
  return {
    status: row.status,
    issuedOn: content.issuedOn,
    from: row.period_from,
    to: row.period_to,
    totalMinutes: row.total_minutes,
    maskedName: maskName(content.volunteer.name),
    revokedOn: row.revoked_at,
  }
}
