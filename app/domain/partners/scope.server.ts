/**
 * Partner scope, in SQL: every query a partner contact's request runs goes
 * through `scopedToPartner`, which adds one condition on the organisation
 * column. A row of another organisation is then simply not found (404),
 * whatever id was asked for; nothing relies on the page hiding it.
 */
import { sql, type Expression, type SqlBool } from 'kysely'
import type { Actor } from '~/domain/actor'
import { forbidden } from '~/domain/errors'
import { isStaff } from '~/domain/policy'

/** The organisation columns partner queries filter on (table-qualified). */
export type PartnerColumn =
  | 'card_request.partner_organisation_id'
  | 'visit_request.partner_organisation_id'
  | 'book_shipment.partner_organisation_id'
  | 'activity.partner_organisation_id'
  | 'partner_organisation.id'

interface Whereable<QB> {
  where(expression: Expression<SqlBool>): QB
}

/** The partner contact's organisation; anyone else is refused. */
export function partnerOrganisationOf(actor: Actor): number {
  if (actor.role !== 'partner_contact' || actor.partnerOrganisationId === null) throw forbidden()
  return actor.partnerOrganisationId
}

/** Restricts a query to the actor's own organisation. */
export function scopedToPartner<QB extends Whereable<QB>>(qb: QB, actor: Actor, column: PartnerColumn): QB {
  return qb.where(sql<SqlBool>`${sql.ref(column)} = ${partnerOrganisationOf(actor)}`)
}

export function requireStaff(actor: Actor): void {
  if (!isStaff(actor)) throw forbidden()
}
