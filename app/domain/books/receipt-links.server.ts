/**
 * Receipt links (`/receipts/:token`): 256 random bits, only the SHA-256 kept,
 * expiring after RECEIPT_LINK_DAYS, revocable by staff. One shipment may have
 * several (the mail, the box labels, a resent mail); any of them confirms it
 * once, because confirming is a conditional update of the shipment itself.
 */
import type { Kysely } from 'kysely'
import { writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import type { Actor } from '~/domain/actor'
import { generateSecret, hashSecret } from '~/auth/tokens.server'
import { recordAudit } from '~/domain/audit/audit.server'
import { DomainError, notFound } from '~/domain/errors'
import { enqueueEmail, messageIdDomainOf } from '~/domain/mail/outbox.server'
import { RECEIPT_LINK_DAYS } from '~/domain/partners/limits'
import { linkTo } from '~/domain/partners/notify.server'
import { requireStaff } from '~/domain/partners/scope.server'

const DAY_MS = 86_400_000

export const receiptPath = (token: string) => `/receipts/${token}`

/** A new link for a shipment, in the caller's transaction; the token is returned once and never stored. */
export async function issueReceiptToken(trx: Kysely<DB>, shipmentId: number, now: Date): Promise<string> {
  const token = generateSecret()
  await trx
    .insertInto('shipment_receipt_token')
    .values({
      shipment_id: shipmentId,
      token_hash: hashSecret(token),
      expires_at: new Date(now.getTime() + RECEIPT_LINK_DAYS * DAY_MS).toISOString(),
      created_at: now.toISOString(),
    })
    .execute()
  return token
}

/** Whom a shipment's mail goes to: the organisation's contact address, else its partner contacts. */
async function destinationRecipients(trx: Kysely<DB>, organisationId: number) {
  const org = await trx
    .selectFrom('partner_organisation')
    .select(['name', 'contact_name', 'contact_email'])
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow()
  if (org.contact_email)
    return {
      organisation: org.name,
      to: [{ accountId: null, name: org.contact_name ?? org.name, email: org.contact_email, locale: 'zh-CN' as const }],
    }
  const accounts = await trx
    .selectFrom('account')
    .select(['id', 'name', 'email', 'locale'])
    .where('partner_organisation_id', '=', organisationId)
    .where('role', '=', 'partner_contact')
    .where('status', '=', 'active')
    .orderBy('id')
    .limit(5)
    .execute()
  return {
    organisation: org.name,
    to: accounts.map((a) => ({ accountId: a.id, name: a.name, email: a.email, locale: a.locale })),
  }
}

/** Mails the destination a fresh receipt link (on shipping, or when staff resend it). */
export async function mailReceiptLink(trx: Kysely<DB>, shipmentId: number, meta: RequestMeta): Promise<void> {
  const shipment = await trx
    .selectFrom('book_shipment')
    .select(['partner_organisation_id', 'book_count', 'box_count', 'carrier', 'waybill_number'])
    .where('id', '=', shipmentId)
    .executeTakeFirstOrThrow()
  const { organisation, to } = await destinationRecipients(trx, shipment.partner_organisation_id)
  for (const recipient of to) {
    const token = await issueReceiptToken(trx, shipmentId, meta.now)
    await enqueueEmail(
      trx,
      {
        dedupeKey: `shipment-sent:${hashSecret(token)}`,
        template: 'shipment-sent',
        to: recipient.email,
        toAccountId: recipient.accountId,
        locale: recipient.locale,
        messageIdDomain: messageIdDomainOf(meta.appOrigin),
        payload: {
          name: recipient.name,
          organisation,
          bookCount: shipment.book_count,
          boxCount: shipment.box_count,
          carrier: shipment.carrier ?? undefined,
          waybillNumber: shipment.waybill_number ?? undefined,
          receiptUrl: linkTo(meta, receiptPath(token)),
          expiresDays: RECEIPT_LINK_DAYS,
        },
      },
      meta.now,
    )
  }
}

/** Staff: every open link of the shipment stops working; `resend` mails a new one. */
export async function revokeReceiptLinks(
  db: Kysely<DB>,
  actor: Actor,
  shipmentId: number,
  options: { resend: boolean },
  meta: RequestMeta,
): Promise<number> {
  requireStaff(actor)
  return writeTransaction(db, async (trx) => {
    const shipment = await trx
      .selectFrom('book_shipment')
      .select('status')
      .where('id', '=', shipmentId)
      .executeTakeFirst()
    if (!shipment) throw notFound()
    const result = await trx
      .updateTable('shipment_receipt_token')
      .set({ revoked_at: meta.now.toISOString() })
      .where('shipment_id', '=', shipmentId)
      .where('revoked_at', 'is', null)
      .where('used_at', 'is', null)
      .executeTakeFirst()
    if (options.resend) {
      if (shipment.status !== 'shipped') throw new DomainError('conflict', 'books.notOnTheWay')
      await mailReceiptLink(trx, shipmentId, meta)
    }
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'receipt_links_revoked',
        subjectType: 'book_shipment',
        subjectId: shipmentId,
        details: { resend: options.resend },
        ip: meta.ip,
      },
      meta.now,
    )
    return Number(result.numUpdatedRows)
  })
}

/** Box labels need a link too: a fresh one per print, returned for the QR codes. */
export async function labelReceiptLink(db: Kysely<DB>, actor: Actor, shipmentId: number, meta: RequestMeta) {
  requireStaff(actor)
  return writeTransaction(db, async (trx) => {
    const shipment = await trx
      .selectFrom('book_shipment')
      .select('status')
      .where('id', '=', shipmentId)
      .executeTakeFirst()
    if (!shipment) throw notFound()
    if (shipment.status === 'received' || shipment.status === 'cancelled')
      throw new DomainError('conflict', 'books.labelsClosed')
    const token = await issueReceiptToken(trx, shipmentId, meta.now)
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'receipt_link_issued',
        subjectType: 'book_shipment',
        subjectId: shipmentId,
        ip: meta.ip,
      },
      meta.now,
    )
    return linkTo(meta, receiptPath(token))
  })
}
