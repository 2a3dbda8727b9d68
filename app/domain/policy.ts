/**
 * Who may do what, as pure functions: the server enforces them in the domain
 * modules and the pages use the same ones to decide which buttons to show.
 */
import type { Role } from '#db/schema'
import type { Actor } from './actor'

export const isStaff = (actor: Pick<Actor, 'role'>) => actor.role === 'coordinator' || actor.role === 'admin'
export const isAdmin = (actor: Pick<Actor, 'role'>) => actor.role === 'admin'

/** Admins manage sites, programmes, partners and trainings; coordinators read them to plan. */
export const canManageReference = isAdmin
export const canReadReference = isStaff

/** Coordinators and admins plan activities and file their outcomes. */
export const canPlanActivities = isStaff

/** Admins manage accounts and roles. */
export const canManageAccounts = isAdmin

/** Staff see volunteers' records (phone, emergency contact); partner contacts and volunteers do not. */
export const canViewVolunteerRecords = isStaff

/** A partner contact sees only their own organisation's requests and deliveries; staff see all. */
export function canSeePartnerOrganisation(actor: Actor, partnerOrganisationId: number): boolean {
  return isStaff(actor) || (actor.role === 'partner_contact' && actor.partnerOrganisationId === partnerOrganisationId)
}

/** An admin may not demote or deactivate themself: the library must keep an admin. */
export function canChangeAccount(actor: Actor, target: { id: number; role: Role }): boolean {
  return canManageAccounts(actor) && target.id !== actor.accountId
}
