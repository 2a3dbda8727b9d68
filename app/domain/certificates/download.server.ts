/** One certificate ready to draw: its owner or staff only; anyone else is told it does not exist. */
import type { Kysely } from 'kysely'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import { notFound } from '~/domain/errors'
import { isStaff } from '~/domain/policy'
import type { CertificateContent } from './content'
import { decryptIdNumber } from './id-crypto.server'
import type { PrintableCertificate } from './render-pdf.server'
import { verificationUrl, type CertificateSettings } from './settings.server'

export async function getPrintableCertificate(
  db: Kysely<DB>,
  actor: Actor,
  certificateId: number,
  settings: CertificateSettings,
): Promise<PrintableCertificate> {
  const row = await db
    .selectFrom('certificate')
    .select([
      'number',
      'status',
      'volunteer_id',
      'content',
      'verification_code',
      'holder_id_type',
      'holder_id_number_encrypted',
    ])
    .where('id', '=', certificateId)
    .executeTakeFirst()
  if (!row || (!isStaff(actor) && row.volunteer_id !== actor.accountId)) throw notFound()
  const idDocument =
    row.holder_id_type && row.holder_id_number_encrypted
      ? {
          type: row.holder_id_type,
          number: decryptIdNumber(settings.idKey, row.volunteer_id, row.holder_id_number_encrypted),
        }
      : null
  return {
    number: row.number,
    status: row.status,
    content: JSON.parse(row.content) as CertificateContent,
    idDocument,
    verifyUrl: verificationUrl(settings, row.verification_code),
  }
}
