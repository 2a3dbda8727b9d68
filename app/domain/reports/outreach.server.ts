/**
 * Outreach section: visits (counted activities held at a partner organisation)
 * by the partner's kind, people served by group (counts only, never names),
 * books handed over on visits, and shipments with the partner's confirmation.
 */
import { sql, type Kysely } from 'kysely'
import { BENEFICIARY_GROUPS, PARTNER_KINDS, type DB } from '#db/schema'
import type { ReportScope, Section } from './model'
import { countedActivities, toNumber } from './query.server'

/** Shipments of the programme (and, under a site filter, of the site's activities). */
function scopedShipments(db: Kysely<DB>, scope: ReportScope) {
  let query = db.selectFrom('book_shipment')
  if (scope.programmeId !== null) {
    const programmeId = scope.programmeId
    query = query.where((eb) =>
      eb('book_shipment.programme_id', 'in', (qb) =>
        qb
          .selectFrom('programme')
          .select('programme.id')
          .where((p) =>
            p.or([p('programme.id', '=', programmeId), p('programme.parent_programme_id', '=', programmeId)]),
          ),
      ),
    )
  }
  if (scope.siteId !== null) {
    const siteId = scope.siteId
    query = query.where('book_shipment.activity_id', 'in', (qb) =>
      qb.selectFrom('activity').select('activity.id').where('activity.site_id', '=', siteId),
    )
  }
  return query
}

export async function outreachSection(db: Kysely<DB>, scope: ReportScope): Promise<Section> {
  const visits = () => countedActivities(db, scope).where('activity.partner_organisation_id', 'is not', null)
  const [totals, byKind, people, books, received, shipped, short] = await Promise.all([
    visits()
      .select((eb) => [
        eb.fn.countAll<number>().as('visits'),
        eb.fn.coalesce(eb.fn.sum<number>('activity.participant_count'), sql<number>`0`).as('attendances'),
      ])
      .executeTakeFirst(),
    visits()
      .innerJoin('partner_organisation as p', 'p.id', 'activity.partner_organisation_id')
      .select((eb) => ['p.kind as kind', eb.fn.countAll<number>().as('visits')])
      .groupBy('p.kind')
      .execute(),
    countedActivities(db, scope)
      .innerJoin('activity_beneficiary_count as b', 'b.activity_id', 'activity.id')
      .select((eb) => ['b.beneficiary_group as grp', eb.fn.sum<number>('b.people_count').as('people')])
      .groupBy('b.beneficiary_group')
      .execute(),
    countedActivities(db, scope)
      .select((eb) => eb.fn.sum<number>('activity.books_delivered').as('books'))
      .executeTakeFirst(),
    scopedShipments(db, scope)
      .select((eb) => eb.fn.sum<number>('book_shipment.received_book_count').as('books'))
      .where('book_shipment.status', '=', 'received')
      .where('book_shipment.received_on', '>=', scope.from)
      .where('book_shipment.received_on', '<=', scope.to)
      .executeTakeFirst(),
    scopedShipments(db, scope)
      .select((eb) => [
        eb.fn.countAll<number>().as('shipments'),
        eb.fn.sum<number>('book_shipment.book_count').as('books'),
      ])
      .where('book_shipment.status', 'in', ['shipped', 'received'])
      .where('book_shipment.shipped_on', '>=', scope.from)
      .where('book_shipment.shipped_on', '<=', scope.to)
      .executeTakeFirst(),
    scopedShipments(db, scope)
      .select((eb) => [
        eb.fn.countAll<number>().as('shipments'),
        eb.fn.sum<number>(sql`book_shipment.book_count - book_shipment.received_book_count`).as('missing'),
      ])
      .where('book_shipment.status', '=', 'received')
      .where('book_shipment.received_on', '>=', scope.from)
      .where('book_shipment.received_on', '<=', scope.to)
      .whereRef('book_shipment.received_book_count', '<', 'book_shipment.book_count')
      .executeTakeFirst(),
  ])
  const kinds = new Map(byKind.map((r) => [r.kind, toNumber(r.visits)]))
  const groups = new Map(people.map((r) => [r.grp, toNumber(r.people)]))
  return {
    id: 'outreach',
    figures: [
      { id: 'visits', value: toNumber(totals?.visits) },
      { id: 'visitAttendances', value: toNumber(totals?.attendances) },
      { id: 'peopleServed', value: [...groups.values()].reduce((a, b) => a + b, 0) },
      { id: 'booksDelivered', value: toNumber(books?.books) },
      { id: 'booksReceived', value: toNumber(received?.books) },
      { id: 'shipments', value: toNumber(shipped?.shipments) },
      { id: 'booksShipped', value: toNumber(shipped?.books) },
      { id: 'shortfalls', value: toNumber(short?.shipments) },
      { id: 'booksMissing', value: toNumber(short?.missing) },
    ],
    tables: [
      {
        id: 'visitsByKind',
        measures: ['sessions'],
        rows: PARTNER_KINDS.map((kind) => ({
          label: { key: `reports.partnerKind.${kind}` },
          values: [kinds.get(kind) ?? 0],
        })),
      },
      {
        id: 'peopleByGroup',
        measures: ['people'],
        rows: BENEFICIARY_GROUPS.map((g) => ({ label: { key: `reports.group.${g}` }, values: [groups.get(g) ?? 0] })),
      },
    ],
  }
}
