/** The partner contact's portal: their organisation's requests, coming visits, deliveries and this year's totals. */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import { notFound } from '~/domain/errors'
import { shipmentColumns } from '~/domain/books/shipments.server'
import { shanghaiDay } from '~/lib/dates'
import { listOwnCardRequests } from './card-requests.server'
import { scopedToPartner } from './scope.server'
import { listOwnVisitRequests } from './visit-requests.server'

/** A column of a visit's confirmed team lead, once there is one: the contact's person on the day. */
function teamLead(eb: ExpressionBuilder<DB, 'activity'>, column: 'lead.name' | 'lead.phone') {
  return eb
    .selectFrom('signup as ls')
    .innerJoin('shift as lead_shift', 'lead_shift.id', 'ls.shift_id')
    .innerJoin('account as lead', 'lead.id', 'ls.volunteer_id')
    .select(column)
    .whereRef('lead_shift.activity_id', '=', 'activity.id')
    .where('lead_shift.team_role', '=', 'team_lead')
    .where('lead_shift.status', '=', 'open')
    .where('ls.status', '=', 'confirmed')
    .orderBy('ls.id')
    .limit(1)
}

export async function partnerPortal(db: Kysely<DB>, actor: Actor, now: Date) {
  const organisation = await scopedToPartner(
    db.selectFrom('partner_organisation').select(['id', 'name']),
    actor,
    'partner_organisation.id',
  ).executeTakeFirst()
  if (!organisation) throw notFound()
  const year = shanghaiDay(now).slice(0, 4)
  const from = new Date(`${year}-01-01T00:00:00+08:00`).toISOString()
  const to = new Date(`${Number(year) + 1}-01-01T00:00:00+08:00`).toISOString()
  const [cardRequests, visitRequests, comingVisits, deliveries, visits, books, cards] = await Promise.all([
    listOwnCardRequests(db, actor),
    listOwnVisitRequests(db, actor),
    scopedToPartner(
      db
        .selectFrom('activity')
        .select((eb) => [
          'activity.id',
          'activity.title',
          'activity.type',
          'activity.status',
          'activity.starts_at',
          'activity.ends_at',
          'activity.purpose',
          teamLead(eb, 'lead.name').as('team_lead_name'),
          teamLead(eb, 'lead.phone').as('team_lead_phone'),
          eb
            .selectFrom('shift')
            .select(sql<number>`coalesce(sum(shift.confirmed_count), 0)`.as('n'))
            .whereRef('shift.activity_id', '=', 'activity.id')
            .where('shift.status', '<>', 'cancelled')
            .as('team_size'),
        ])
        .where('activity.status', 'in', ['planned', 'published'])
        .where('activity.ends_at', '>=', now.toISOString()),
      actor,
      'activity.partner_organisation_id',
    )
      .orderBy('activity.starts_at')
      .limit(20)
      .execute(),
    scopedToPartner(
      shipmentColumns(db).where('book_shipment.status', 'in', ['preparing', 'shipped']),
      actor,
      'book_shipment.partner_organisation_id',
    )
      .orderBy('book_shipment.created_at', 'desc')
      .limit(20)
      .execute(),
    scopedToPartner(
      db
        .selectFrom('activity')
        .select((eb) => [
          eb.fn.countAll<number>().as('visits'),
          eb
            .selectFrom('activity_beneficiary_count as b')
            .innerJoin('activity as a2', 'a2.id', 'b.activity_id')
            .select(sql<number>`coalesce(sum(b.people_count), 0)`.as('n'))
            .whereRef('a2.partner_organisation_id', '=', 'activity.partner_organisation_id')
            .where('a2.status', '=', 'completed')
            .where('a2.starts_at', '>=', from)
            .where('a2.starts_at', '<', to)
            .as('people'),
        ])
        .where('activity.status', '=', 'completed')
        .where('activity.starts_at', '>=', from)
        .where('activity.starts_at', '<', to)
        .groupBy('activity.partner_organisation_id'),
      actor,
      'activity.partner_organisation_id',
    ).executeTakeFirst(),
    scopedToPartner(
      db
        .selectFrom('book_shipment')
        .select(sql<number>`coalesce(sum(received_book_count), 0)`.as('n'))
        .where('book_shipment.status', '=', 'received')
        .where('book_shipment.received_on', '>=', `${year}-01-01`)
        .where('book_shipment.received_on', '<', `${Number(year) + 1}-01-01`),
      actor,
      'book_shipment.partner_organisation_id',
    ).executeTakeFirst(),
    scopedToPartner(
      db
        .selectFrom('bulk_card')
        .innerJoin('card_request', 'card_request.id', 'bulk_card.card_request_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('bulk_card.issued_at', '>=', from)
        .where('bulk_card.issued_at', '<', to),
      actor,
      'card_request.partner_organisation_id',
    ).executeTakeFirst(),
  ])
  return {
    organisation: organisation.name,
    year: Number(year),
    cardRequests,
    visitRequests,
    comingVisits: comingVisits.map((v) => ({ ...v, team_size: Number(v.team_size ?? 0) })),
    deliveries,
    totals: {
      visits: Number(visits?.visits ?? 0),
      people: Number(visits?.people ?? 0),
      books: Number(books?.n ?? 0),
      cards: Number(cards?.n ?? 0),
    },
  }
}

/** A shipment to the contact's organisation (for confirming from the portal). */
export async function getOwnShipment(db: Kysely<DB>, actor: Actor, id: number) {
  const row = await scopedToPartner(
    shipmentColumns(db).where('book_shipment.id', '=', id),
    actor,
    'book_shipment.partner_organisation_id',
  ).executeTakeFirst()
  if (!row) throw notFound()
  return row
}
