/**
 * Partner schools section: the partner register by kind, co-building
 * agreements (共建协议) in force, bulk borrowing cards issued by school, and
 * visits partners asked for and that were held.
 */
import type { Kysely } from 'kysely'
import { PARTNER_KINDS, type DB } from '#db/schema'
import type { ReportScope, Section } from './model'
import { instantRange, toNumber } from './query.server'

export async function partnersSection(db: Kysely<DB>, scope: ReportScope): Promise<Section> {
  const { from, to } = instantRange(scope)
  const [kinds, agreements, cards, requested, held] = await Promise.all([
    db
      .selectFrom('partner_organisation')
      .where('active', '=', 1)
      .select((eb) => ['kind', eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .execute(),
    db
      .selectFrom('partner_organisation')
      .where('active', '=', 1)
      .where('agreement_signed_on', 'is not', null)
      .where('agreement_signed_on', '<=', scope.to)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('bulk_card')
      .innerJoin('card_request as r', 'r.id', 'bulk_card.card_request_id')
      .innerJoin('partner_organisation as p', 'p.id', 'r.partner_organisation_id')
      .where('bulk_card.issued_at', '>=', from)
      .where('bulk_card.issued_at', '<', to)
      .select((eb) => ['p.id', 'p.name', eb.fn.countAll<number>().as('n')])
      .groupBy(['p.id', 'p.name'])
      .orderBy('p.id')
      .execute(),
    db
      .selectFrom('visit_request')
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('visit_request')
      .innerJoin('activity', 'activity.id', 'visit_request.activity_id')
      .where('activity.status', '=', 'completed')
      .where('activity.starts_at', '>=', from)
      .where('activity.starts_at', '<', to)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
  ])
  const byKind = new Map(kinds.map((r) => [r.kind, toNumber(r.n)]))
  return {
    id: 'partners',
    figures: [
      { id: 'partners', value: [...byKind.values()].reduce((a, b) => a + b, 0) },
      { id: 'agreementsInForce', value: toNumber(agreements?.n) },
      { id: 'bulkCards', value: cards.reduce((sum, r) => sum + toNumber(r.n), 0) },
      { id: 'visitsRequested', value: toNumber(requested?.n) },
      { id: 'visitsHeld', value: toNumber(held?.n) },
    ],
    tables: [
      {
        id: 'partnersByKind',
        measures: ['count'],
        rows: PARTNER_KINDS.map((k) => ({ label: { key: `reports.partnerKind.${k}` }, values: [byKind.get(k) ?? 0] })),
      },
      {
        id: 'bulkCardsBySchool',
        measures: ['cards'],
        rows: cards.map((r) => ({ label: { text: r.name }, values: [toNumber(r.n)] })),
      },
    ],
  }
}
