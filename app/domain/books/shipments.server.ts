/**
 * Shipments of books to a partner: preparing → shipped → received, or
 * cancelled with a reason. Creating one spends the programme's stock under its
 * lock; shipping mails the destination a one-time receipt link. Each step is a
 * conditional update on the state it starts from.
 */
import type { Kysely } from 'kysely'
import { writeTransaction } from '#db/dialect'
import type { DB, ShipmentStatus } from '#db/schema'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import type { Actor } from '~/domain/actor'
import { recordAudit } from '~/domain/audit/audit.server'
import { shanghaiDay } from '~/lib/dates'
import { DomainError, notFound } from '~/domain/errors'
import { BOOK_LIMITS, TEXT_LIMITS } from '~/domain/partners/limits'
import { requireStaff } from '~/domain/partners/scope.server'
import { mailReceiptLink } from './receipt-links.server'
import { lockProgrammeStock } from './stock.server'

export interface ShipmentInput {
  partnerOrganisationId: number
  programmeId: number
  activityId: number | null
  bookCount: number
  boxCount: number
}

export async function createShipment(db: Kysely<DB>, actor: Actor, input: ShipmentInput, meta: RequestMeta) {
  requireStaff(actor)
  if (!Number.isInteger(input.bookCount) || input.bookCount < 1 || input.bookCount > BOOK_LIMITS.maxBooksPerShipment)
    throw new DomainError('rule', 'books.countRange', {
      field: 'bookCount',
      params: { max: BOOK_LIMITS.maxBooksPerShipment },
    })
  if (!Number.isInteger(input.boxCount) || input.boxCount < 1 || input.boxCount > BOOK_LIMITS.maxBoxes)
    throw new DomainError('rule', 'books.boxRange', { field: 'boxCount', params: { max: BOOK_LIMITS.maxBoxes } })
  return writeTransaction(db, async (trx) => {
    const stock = await lockProgrammeStock(trx, input.programmeId)
    if (input.bookCount > stock)
      throw new DomainError('rule', 'books.notEnoughStock', {
        field: 'bookCount',
        params: { stock: Math.max(0, stock) },
      })
    const partner = await trx
      .selectFrom('partner_organisation')
      .select('id')
      .where('id', '=', input.partnerOrganisationId)
      .executeTakeFirst()
    if (!partner) throw notFound()
    if (input.activityId !== null) {
      const visit = await trx
        .selectFrom('activity')
        .select('id')
        .where('id', '=', input.activityId)
        .where('partner_organisation_id', '=', input.partnerOrganisationId)
        .executeTakeFirst()
      if (!visit) throw new DomainError('rule', 'books.visitElsewhere', { field: 'activityId' })
    }
    const now = meta.now.toISOString()
    const { id } = await trx
      .insertInto('book_shipment')
      .values({
        programme_id: input.programmeId,
        partner_organisation_id: input.partnerOrganisationId,
        activity_id: input.activityId,
        book_count: input.bookCount,
        box_count: input.boxCount,
        status: 'preparing',
        created_by: actor.accountId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'shipment_created',
        subjectType: 'book_shipment',
        subjectId: id,
        details: { books: input.bookCount },
        ip: meta.ip,
      },
      meta.now,
    )
    return id
  })
}

async function stateConflict(trx: Kysely<DB>, id: number): Promise<never> {
  const row = await trx.selectFrom('book_shipment').select('status').where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound()
  throw new DomainError('conflict', 'books.alreadyInState', { params: { status: row.status } })
}

export async function markShipped(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  input: { carrier: string | null; waybillNumber: string | null; deliveredByTeam: boolean },
  meta: RequestMeta,
) {
  requireStaff(actor)
  const carrier = input.deliveredByTeam ? null : input.carrier?.trim() || null
  const waybill = input.deliveredByTeam ? null : input.waybillNumber?.trim() || null
  if (!input.deliveredByTeam && (!carrier || !waybill))
    throw new DomainError('rule', 'books.carrierRequired', { field: carrier ? 'waybillNumber' : 'carrier' })
  if ((carrier?.length ?? 0) > TEXT_LIMITS.carrier || (waybill?.length ?? 0) > TEXT_LIMITS.waybill)
    throw new DomainError('rule', 'partners.tooLong', { field: 'waybillNumber' })
  await writeTransaction(db, async (trx) => {
    const now = meta.now.toISOString()
    const result = await trx
      .updateTable('book_shipment')
      .set({
        status: 'shipped',
        shipped_on: shanghaiDay(meta.now),
        carrier,
        waybill_number: waybill,
        delivered_by_team: input.deliveredByTeam ? 1 : 0,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'preparing')
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) await stateConflict(trx, id)
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'shipment_shipped',
        subjectType: 'book_shipment',
        subjectId: id,
        ip: meta.ip,
      },
      meta.now,
    )
    await mailReceiptLink(trx, id, meta)
  })
}

export async function cancelShipment(db: Kysely<DB>, actor: Actor, id: number, reason: string, meta: RequestMeta) {
  requireStaff(actor)
  const text = reason.trim()
  if (!text) throw new DomainError('rule', 'books.reasonRequired', { field: 'reason' })
  if (text.length > TEXT_LIMITS.reason) throw new DomainError('rule', 'partners.tooLong', { field: 'reason' })
  await writeTransaction(db, async (trx) => {
    const now = meta.now.toISOString()
    const result = await trx
      .updateTable('book_shipment')
      .set({ status: 'cancelled', cancel_reason: text, updated_at: now })
      .where('id', '=', id)
      .where('status', 'in', ['preparing', 'shipped'])
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) await stateConflict(trx, id)
    await trx
      .updateTable('shipment_receipt_token')
      .set({ revoked_at: now })
      .where('shipment_id', '=', id)
      .where('revoked_at', 'is', null)
      .execute()
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'shipment_cancelled',
        subjectType: 'book_shipment',
        subjectId: id,
        ip: meta.ip,
      },
      meta.now,
    )
  })
}

export function shipmentColumns(db: Kysely<DB>) {
  return db
    .selectFrom('book_shipment')
    .innerJoin('partner_organisation as o', 'o.id', 'book_shipment.partner_organisation_id')
    .leftJoin('programme', 'programme.id', 'book_shipment.programme_id')
    .select([
      'book_shipment.id',
      'book_shipment.partner_organisation_id',
      'o.name as organisation',
      'o.address as address',
      'programme.name as programme',
      'book_shipment.activity_id',
      'book_shipment.book_count',
      'book_shipment.box_count',
      'book_shipment.status',
      'book_shipment.carrier',
      'book_shipment.waybill_number',
      'book_shipment.delivered_by_team',
      'book_shipment.shipped_on',
      'book_shipment.received_on',
      'book_shipment.received_book_count',
      'book_shipment.receipt_name',
      'book_shipment.receipt_notes',
      'book_shipment.damage_reported',
      'book_shipment.cancel_reason',
      'book_shipment.created_at',
    ])
}

export type ShipmentRow = Awaited<ReturnType<typeof listShipments>>[number]

export const isShortfall = (
  s: Pick<ShipmentRow, 'status' | 'book_count' | 'received_book_count' | 'damage_reported'>,
) => s.status === 'received' && (s.damage_reported === 1 || (s.received_book_count ?? 0) < s.book_count)

export async function listShipments(db: Kysely<DB>, actor: Actor, status: ShipmentStatus | null = null) {
  requireStaff(actor)
  let query = shipmentColumns(db)
  if (status) query = query.where('book_shipment.status', '=', status)
  return query.orderBy('book_shipment.created_at', 'desc').limit(100).execute()
}

export async function getShipmentForStaff(db: Kysely<DB>, actor: Actor, id: number) {
  requireStaff(actor)
  const row = await shipmentColumns(db).where('book_shipment.id', '=', id).executeTakeFirst()
  if (!row) throw notFound()
  return row
}

/** Choices for the new-shipment form. */
export async function shipmentChoices(db: Kysely<DB>, actor: Actor) {
  requireStaff(actor)
  const [partners, programmes, sites] = await Promise.all([
    db.selectFrom('partner_organisation').select(['id', 'name']).where('active', '=', 1).orderBy('name').execute(),
    db.selectFrom('programme').select(['id', 'name']).where('active', '=', 1).orderBy('id').execute(),
    db.selectFrom('site').select(['id', 'name']).where('active', '=', 1).orderBy('id').execute(),
  ])
  return { partners, programmes, sites }
}
