/** Admins invite staff and partner contacts, change roles and deactivate accounts; staff read volunteer records. */
import type { Kysely } from 'kysely'
import { forUpdate, isUniqueViolation, writeTransaction } from '#db/dialect'
import type { AccountStatus, DB, Role } from '#db/schema'
import { hashPassword } from '~/auth/password.server'
import { passwordProblem } from '~/auth/password-policy.server'
import { createSession, invalidateAllSessions, type CreatedSession } from '~/auth/session.server'
import { generateSecret, hashSecret } from '~/auth/tokens.server'
import type { Actor } from '~/domain/actor'
import { recordAudit } from '~/domain/audit/audit.server'
import { seats } from '~/domain/signups/seats.server'
import { DomainError, forbidden, notFound } from '~/domain/errors'
import { enqueueEmail } from '~/domain/mail/outbox.server'
import { canChangeAccount, canManageAccounts, canViewVolunteerRecords } from '~/domain/policy'
import { shanghaiDay } from '~/lib/dates'
import { emailTaken, normaliseEmail } from './accounts.server'
import { needsGuardianConsent } from './age'
import { ACCOUNT_LIST_LIMIT } from './limits'
import type { RequestMeta } from './request-meta'

export const INVITATION_LIFETIME_DAYS = 7

export async function listAccounts(db: Kysely<DB>, actor: Actor, filter: { role?: Role; query?: string }) {
  if (!canManageAccounts(actor)) throw forbidden()
  let query = db
    .selectFrom('account')
    .leftJoin('partner_organisation as p', 'p.id', 'account.partner_organisation_id')
    .select([
      'account.id',
      'account.name',
      'account.email',
      'account.role',
      'account.status',
      'account.email_verified_at',
      'p.name as organisation_name',
    ])
    .where('account.status', '<>', 'deleted')
  if (filter.role) query = query.where('account.role', '=', filter.role)
  if (filter.query) {
    const like = `%${filter.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query = query.where((eb) =>
      eb.or([eb('account.name', 'like', like), eb('account.email_normalised', 'like', like.toLowerCase())]),
    )
  }
  return query.orderBy('account.role').orderBy('account.name').limit(ACCOUNT_LIST_LIMIT).execute()
}

export function listPartnerOrganisations(db: Kysely<DB>) {
  return db.selectFrom('partner_organisation').select(['id', 'name']).where('active', '=', 1).orderBy('name').execute()
}

export async function inviteAccount(
  db: Kysely<DB>,
  actor: Actor,
  input: { email: string; role: 'coordinator' | 'partner_contact' | 'admin'; partnerOrganisationId?: number },
  meta: RequestMeta,
): Promise<void> {
  if (!canManageAccounts(actor)) throw forbidden()
  const organisationId = input.role === 'partner_contact' ? input.partnerOrganisationId : undefined
  if (input.role === 'partner_contact' && !organisationId)
    throw new DomainError('rule', 'admin.invite.organisationRequired', { field: 'partnerOrganisationId' })
  if (await emailTaken(db, input.email)) throw new DomainError('conflict', 'account.email.taken', { field: 'email' })
  const organisation = organisationId
    ? await db.selectFrom('partner_organisation').select('name').where('id', '=', organisationId).executeTakeFirst()
    : undefined
  if (organisationId && !organisation) throw new DomainError('rule', 'form.invalid', { field: 'partnerOrganisationId' })
  const token = generateSecret()
  await writeTransaction(db, async (trx) => {
    const invitation = await trx
      .insertInto('invitation')
      .values({
        token_hash: hashSecret(token),
        email: input.email,
        email_normalised: normaliseEmail(input.email),
        role: input.role,
        partner_organisation_id: organisationId ?? null,
        invited_by: actor.accountId,
        expires_at: new Date(meta.now.getTime() + INVITATION_LIFETIME_DAYS * 86_400_000).toISOString(),
        accepted_at: null,
        created_at: meta.now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await enqueueEmail(
      trx,
      {
        dedupeKey: `invitation:${invitation.id}`,
        template: 'invitation',
        to: input.email,
        toAccountId: null,
        locale: actor.locale,
        payload: {
          inviterName: actor.name,
          role: input.role,
          organisationName: organisation?.name,
          acceptUrl: `${meta.appOrigin}/invitations/${token}`,
          expiresDays: INVITATION_LIFETIME_DAYS,
        },
      },
      meta.now,
    )
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'account_invited',
        subjectType: 'invitation',
        subjectId: invitation.id,
        details: { role: input.role },
        ip: meta.ip,
      },
      meta.now,
    )
  })
}

/** An invitation still open, for the page the link opens; reading it changes nothing. */
export async function findOpenInvitation(db: Kysely<DB>, token: string, now: Date) {
  return db
    .selectFrom('invitation')
    .leftJoin('partner_organisation as p', 'p.id', 'invitation.partner_organisation_id')
    .select(['invitation.id', 'invitation.email', 'invitation.role', 'p.name as organisation_name'])
    .where('token_hash', '=', hashSecret(token))
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst()
}

export async function acceptInvitation(
  db: Kysely<DB>,
  token: string,
  input: { name: string; phone?: string; password: string },
  locale: 'zh-CN' | 'en',
  meta: RequestMeta,
): Promise<CreatedSession> {
  const open = await findOpenInvitation(db, token, meta.now)
  if (!open) throw new DomainError('rule', 'invitation.invalid')
  const problem = passwordProblem(input.password, { email: open.email, name: input.name })
  if (problem) throw new DomainError('rule', problem, { field: 'password' })
  const passwordHash = await hashPassword(input.password)
  const now = meta.now.toISOString()
  try {
    return await writeTransaction(db, async (trx) => {
      const invitation = await forUpdate(
        trx,
        trx.selectFrom('invitation').selectAll().where('id', '=', open.id).where('accepted_at', 'is', null),
      ).executeTakeFirst()
      if (!invitation) throw new DomainError('rule', 'invitation.invalid')
      await trx.updateTable('invitation').set({ accepted_at: now }).where('id', '=', invitation.id).execute()
      const account = await trx
        .insertInto('account')
        .values({
          name: input.name,
          email: invitation.email,
          email_normalised: invitation.email_normalised,
          phone: input.phone ?? null,
          role: invitation.role as Role,
          partner_organisation_id: invitation.partner_organisation_id,
          password_hash: passwordHash,
          // The link arrived at this address.
          email_verified_at: now,
          locale,
          status: 'active',
          created_at: now,
          updated_at: now,
        })
        .returning(['id', 'role'])
        .executeTakeFirstOrThrow()
      await recordAudit(
        trx,
        {
          actorId: account.id,
          action: 'invitation_accepted',
          subjectType: 'invitation',
          subjectId: invitation.id,
          ip: meta.ip,
        },
        meta.now,
      )
      return createSession(trx, account, meta.now)
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('conflict', 'account.email.taken')
    throw error
  }
}

async function lockTarget(trx: Kysely<DB>, actor: Actor, accountId: number) {
  const target = await forUpdate(
    trx,
    trx
      .selectFrom('account')
      .select(['id', 'role', 'status', 'partner_organisation_id'])
      .where('id', '=', accountId)
      .where('status', '<>', 'deleted'),
  ).executeTakeFirst()
  if (!target) throw notFound()
  if (!canChangeAccount(actor, target)) throw forbidden('admin.cannotChangeSelf')
  return target
}

/** A new role ends the account's sessions, so no page keeps the old powers. */
export async function changeRole(
  db: Kysely<DB>,
  actor: Actor,
  input: { accountId: number; role: Role; partnerOrganisationId?: number },
  meta: RequestMeta,
): Promise<void> {
  if (!canManageAccounts(actor)) throw forbidden()
  if (input.role === 'partner_contact' && !input.partnerOrganisationId) {
    throw new DomainError('rule', 'admin.invite.organisationRequired', { field: 'partnerOrganisationId' })
  }
  await writeTransaction(db, async (trx) => {
    const target = await lockTarget(trx, actor, input.accountId)
    await trx
      .updateTable('account')
      .set({
        role: input.role,
        partner_organisation_id: input.role === 'partner_contact' ? (input.partnerOrganisationId ?? null) : null,
        updated_at: meta.now.toISOString(),
      })
      .where('id', '=', target.id)
      .execute()
    await invalidateAllSessions(trx, target.id)
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'role_changed',
        subjectType: 'account',
        subjectId: target.id,
        details: { from: target.role, to: input.role },
        ip: meta.ip,
      },
      meta.now,
    )
  })
}

export async function setAccountStatus(
  db: Kysely<DB>,
  actor: Actor,
  input: { accountId: number; status: Extract<AccountStatus, 'active' | 'deactivated'> },
  meta: RequestMeta,
): Promise<void> {
  if (!canManageAccounts(actor)) throw forbidden()
  await writeTransaction(db, async (trx) => {
    // Shifts before the account (the order sign-ups lock in); a refused change below rolls this back.
    if (input.status === 'deactivated')
      await seats.releaseFutureSignupsOf(trx, input.accountId, 'account_deactivated', meta)
    const target = await lockTarget(trx, actor, input.accountId)
    await trx
      .updateTable('account')
      .set({ status: input.status, updated_at: meta.now.toISOString() })
      .where('id', '=', target.id)
      .execute()
    if (input.status === 'deactivated') await invalidateAllSessions(trx, target.id)
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: input.status === 'deactivated' ? 'account_deactivated' : 'account_reactivated',
        subjectType: 'account',
        subjectId: target.id,
        ip: meta.ip,
      },
      meta.now,
    )
  })
}

/** A volunteer's record as staff see it; opening a minor's record is written to the audit log. */
export async function viewVolunteerRecord(db: Kysely<DB>, actor: Actor, accountId: number, meta: RequestMeta) {
  if (!canViewVolunteerRecords(actor)) throw forbidden()
  const account = await db
    .selectFrom('account')
    .select([
      'id',
      'name',
      'email',
      'phone',
      'role',
      'status',
      'email_verified_at',
      'created_at',
      'partner_organisation_id',
    ])
    .where('id', '=', accountId)
    .where('status', '<>', 'deleted')
    .executeTakeFirst()
  if (!account) throw notFound()
  const profile = await db
    .selectFrom('volunteer_profile')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst()
  const minor = profile ? needsGuardianConsent(profile.birth_date, shanghaiDay(meta.now)) : false
  if (minor) {
    await recordAudit(
      db,
      {
        actorId: actor.accountId,
        action: 'minor_record_viewed',
        subjectType: 'account',
        subjectId: accountId,
        ip: meta.ip,
      },
      meta.now,
    )
  }
  return { account, profile: profile ?? null, minor }
}
