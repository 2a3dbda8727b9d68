/**
 * Confirming that books arrived: through a receipt link (no account) or by
 * the organisation's signed-in contact. Reading a link changes nothing; the
 * confirmation is one conditional update `shipped → received`, so twenty
 * racing submissions confirm once and the rest are told it is done. A count
 * below what was sent, or damage, is flagged to the coordinator.
 */
import type { Kysely } from 'kysely'
import { writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import type { Actor } from '~/domain/actor'
import { hashSecret } from '~/auth/tokens.server'
import { recordAudit } from '~/domain/audit/audit.server'
import { shanghaiDay } from '~/lib/dates'
import { DomainError, notFound } from '~/domain/errors'
import { BOOK_LIMITS, TEXT_LIMITS, referenceOf } from '~/domain/partners/limits'
import {
  accountRecipient,
  activeCoordinators,
  sendPartnerUpdate,
  type Recipient,
} from '~/domain/partners/notify.server'
import { scopedToPartner } from '~/domain/partners/scope.server'

export type LinkState = 'open' | 'used' | 'expired' | 'revoked' | 'not_shipped' | 'cancelled' | 'unknown'

export interface ReceiptInput {
  receivedCount: number
  receivedOn: string
  name: string
  note: string | null
  damaged: boolean
}

/** What the receipt page may show: this shipment's destination, counts and state, nothing else. */
export async function readReceiptLink(db: Kysely<DB>, token: string, now: Date) {
  const row = await db
    .selectFrom('shipment_receipt_token as t')
    .innerJoin('book_shipment as s', 's.id', 't.shipment_id')
    .innerJoin('partner_organisation as o', 'o.id', 's.partner_organisation_id')
    .select([
      't.expires_at',
      't.used_at',
      't.revoked_at',
      's.id',
      's.status',
      's.book_count',
      's.box_count',
      's.shipped_on',
      's.received_on',
      'o.name as organisation',
    ])
    .where('t.token_hash', '=', hashSecret(token))
    .executeTakeFirst()
  if (!row) return { state: 'unknown' as LinkState, shipment: null }
  const state: LinkState =
    row.status === 'received' || row.used_at
      ? 'used'
      : row.status === 'cancelled'
        ? 'cancelled'
        : row.revoked_at
          ? 'revoked'
          : row.expires_at <= now.toISOString()
            ? 'expired'
            : row.status === 'preparing'
              ? 'not_shipped'
              : 'open'
  return {
    state,
    shipment: {
      reference: referenceOf('SH', row.id),
      organisation: row.organisation,
      bookCount: row.book_count,
      boxCount: row.box_count,
      shippedOn: row.shipped_on,
      receivedOn: row.received_on,
    },
  }
}

function checkInput(input: ReceiptInput, now: Date, shippedOn: string | null) {
  if (
    !Number.isInteger(input.receivedCount) ||
    input.receivedCount < 0 ||
    input.receivedCount > BOOK_LIMITS.maxBooksPerShipment
  )
    throw new DomainError('rule', 'books.countRange', {
      field: 'receivedCount',
      params: { max: BOOK_LIMITS.maxBooksPerShipment },
    })
  if (input.receivedOn > shanghaiDay(now) || (shippedOn && input.receivedOn < shippedOn))
    throw new DomainError('rule', 'books.receiptDate', { field: 'receivedOn' })
  const name = input.name.trim()
  if (!name) throw new DomainError('rule', 'books.nameRequired', { field: 'name' })
  if (name.length > TEXT_LIMITS.name) throw new DomainError('rule', 'partners.tooLong', { field: 'name' })
  if ((input.note?.length ?? 0) > TEXT_LIMITS.note) throw new DomainError('rule', 'partners.tooLong', { field: 'note' })
}

const LINK_ERRORS: Record<Exclude<LinkState, 'open'>, string> = {
  used: 'books.receipt.state.used',
  expired: 'books.receipt.state.expired',
  revoked: 'books.receipt.state.revoked',
  not_shipped: 'books.receipt.state.not_shipped',
  cancelled: 'books.receipt.state.cancelled',
  unknown: 'books.receipt.state.unknown',
}

export async function confirmReceiptByLink(db: Kysely<DB>, token: string, input: ReceiptInput, meta: RequestMeta) {
  return writeTransaction(db, async (trx) => {
    const { state } = await readReceiptLink(trx, token, meta.now)
    if (state !== 'open') throw new DomainError(state === 'unknown' ? 'not_found' : 'conflict', LINK_ERRORS[state])
    const link = await trx
      .selectFrom('shipment_receipt_token')
      .select(['id', 'shipment_id'])
      .where('token_hash', '=', hashSecret(token))
      .executeTakeFirstOrThrow()
    const shipment = await trx
      .selectFrom('book_shipment')
      .select('shipped_on')
      .where('id', '=', link.shipment_id)
      .executeTakeFirstOrThrow()
    checkInput(input, meta.now, shipment.shipped_on)
    const used = await trx
      .updateTable('shipment_receipt_token')
      .set({ used_at: meta.now.toISOString() })
      .where('id', '=', link.id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', meta.now.toISOString())
      .executeTakeFirst()
    if (Number(used.numUpdatedRows) === 0) throw new DomainError('conflict', LINK_ERRORS.used)
    await confirm(trx, link.shipment_id, input, null, meta)
  })
}

/** The organisation's contact confirms from the portal; another organisation's shipment is not found. */
export async function confirmReceiptAsPartner(
  db: Kysely<DB>,
  actor: Actor,
  shipmentId: number,
  input: ReceiptInput,
  meta: RequestMeta,
) {
  return writeTransaction(db, async (trx) => {
    const shipment = await scopedToPartner(
      trx.selectFrom('book_shipment').select(['id', 'shipped_on', 'status']).where('id', '=', shipmentId),
      actor,
      'book_shipment.partner_organisation_id',
    ).executeTakeFirst()
    if (!shipment) throw notFound()
    checkInput(input, meta.now, shipment.shipped_on)
    await confirm(trx, shipmentId, input, actor.accountId, meta)
  })
}

async function confirm(
  trx: Kysely<DB>,
  shipmentId: number,
  input: ReceiptInput,
  accountId: number | null,
  meta: RequestMeta,
) {
  const now = meta.now.toISOString()
  const result = await trx
    .updateTable('book_shipment')
    .set({
      status: 'received',
      received_on: input.receivedOn,
      received_book_count: input.receivedCount,
      receipt_name: input.name.trim(),
      receipt_notes: input.note,
      receipt_confirmed_by: accountId,
      receipt_confirmed_at: now,
      damage_reported: input.damaged ? 1 : 0,
      updated_at: now,
    })
    .where('id', '=', shipmentId)
    .where('status', '=', 'shipped')
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) {
    const row = await trx
      .selectFrom('book_shipment')
      .select('status')
      .where('id', '=', shipmentId)
      .executeTakeFirstOrThrow()
    throw new DomainError('conflict', row.status === 'received' ? LINK_ERRORS.used : LINK_ERRORS.not_shipped)
  }
  const shipment = await trx
    .selectFrom('book_shipment')
    .innerJoin('partner_organisation as o', 'o.id', 'book_shipment.partner_organisation_id')
    .leftJoin('activity as visit', 'visit.id', 'book_shipment.activity_id')
    .select(['book_shipment.book_count', 'book_shipment.created_by', 'visit.coordinator_id', 'o.name'])
    .where('book_shipment.id', '=', shipmentId)
    .executeTakeFirstOrThrow()
  const shortfall = input.damaged || input.receivedCount < shipment.book_count
  await recordAudit(
    trx,
    {
      actorId: accountId,
      action: 'shipment_received',
      subjectType: 'book_shipment',
      subjectId: shipmentId,
      details: { received: input.receivedCount, sent: shipment.book_count, shortfall },
      ip: meta.ip,
    },
    meta.now,
  )
  const coordinators = await responsibleCoordinators(trx, [shipment.created_by, shipment.coordinator_id])
  const reference = referenceOf('SH', shipmentId)
  const detail = `${input.receivedCount} / ${shipment.book_count}${input.note ? ` · ${input.note}` : ''}`
  const common = {
    key: String(shipmentId),
    organisation: shipment.name,
    reference,
    detail,
    path: `/staff/books/shipments/${shipmentId}`,
  }
  for (const to of coordinators) {
    await sendPartnerUpdate(trx, to, { event: 'receipt_confirmed', ...common }, meta)
    if (shortfall) await sendPartnerUpdate(trx, to, { event: 'shortfall_flagged', ...common }, meta)
  }
}

/**
 * Who hears about a receipt: the staff member who created the shipment and the
 * coordinator of the visit it went with; when neither is an active account any
 * more, every active coordinator, so a shortfall is never mailed to no one.
 */
async function responsibleCoordinators(trx: Kysely<DB>, ids: (number | null)[]): Promise<Recipient[]> {
  const recipients: Recipient[] = []
  for (const id of new Set(ids.filter((i): i is number => i !== null))) {
    const to = await accountRecipient(trx, id)
    if (to) recipients.push(to)
  }
  return recipients.length ? recipients : activeCoordinators(trx)
}
