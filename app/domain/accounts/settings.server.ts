/** What a signed-in person changes about their own account. */
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import { writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import { hashPassword, verifyPassword } from '~/auth/password.server'
import { passwordProblem } from '~/auth/password-policy.server'
import { LIMITS, requireTokens } from '~/auth/rate-limit.server'
import { invalidateAllSessions } from '~/auth/session.server'
import type { Actor } from '~/domain/actor'
import { recordAudit } from '~/domain/audit/audit.server'
import { DomainError } from '~/domain/errors'
import { shanghaiDay } from '~/lib/dates'
import { emailTaken } from './accounts.server'
import { needsGuardianConsent } from './age'
import type { RequestMeta } from './request-meta'
import type { Profile } from './schema'
import { issueVerificationCode, throttleEmailSend } from './verification.server'

/** Re-authentication for sensitive changes, throttled like sign-in. */
export async function confirmPassword(
  db: Kysely<DB>,
  actor: Actor,
  password: string,
  meta: RequestMeta,
  field: string,
) {
  await requireTokens(db, [[`signin:account:${actor.email.toLowerCase()}`, LIMITS.signInPerAccount]], meta.now, field)
  const row = await db
    .selectFrom('account')
    .select('password_hash')
    .where('id', '=', actor.accountId)
    .executeTakeFirstOrThrow()
  if (!row.password_hash || !(await verifyPassword(row.password_hash, password))) {
    throw new DomainError('rule', 'account.password.wrongCurrent', { field })
  }
}

/** A new password ends every session; the caller starts a fresh one for this browser. */
export async function changePassword(
  db: Kysely<DB>,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<void> {
  await confirmPassword(db, actor, input.currentPassword, meta, 'currentPassword')
  const problem = passwordProblem(input.newPassword, { email: actor.email, name: actor.name })
  if (problem) throw new DomainError('rule', problem, { field: 'newPassword' })
  const passwordHash = await hashPassword(input.newPassword)
  await writeTransaction(db, async (trx) => {
    await trx
      .updateTable('account')
      .set({ password_hash: passwordHash, updated_at: meta.now.toISOString() })
      .where('id', '=', actor.accountId)
      .execute()
    await invalidateAllSessions(trx, actor.accountId)
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'password_changed',
        subjectType: 'account',
        subjectId: actor.accountId,
        ip: meta.ip,
      },
      meta.now,
    )
  })
}

/** The new address is held beside the account until its code comes back (verifyEmailCode moves it). */
export async function requestEmailChange(
  db: Kysely<DB>,
  actor: Actor,
  input: { email: string; password: string },
  meta: RequestMeta,
): Promise<void> {
  await confirmPassword(db, actor, input.password, meta, 'password')
  if (input.email.toLowerCase() === actor.email.toLowerCase())
    throw new DomainError('rule', 'account.email.unchanged', { field: 'email' })
  if (await emailTaken(db, input.email)) throw new DomainError('conflict', 'account.email.taken', { field: 'email' })
  await throttleEmailSend(db, input.email, meta)
  await writeTransaction(db, (trx) =>
    issueVerificationCode(trx, { id: actor.accountId, name: actor.name, locale: actor.locale }, input.email, meta),
  )
}

export async function getOwnProfile(db: Kysely<DB>, actor: Actor) {
  const account = await db
    .selectFrom('account')
    .select(['id', 'name', 'email', 'phone', 'role', 'locale', 'email_verified_at', 'created_at'])
    .where('id', '=', actor.accountId)
    .executeTakeFirstOrThrow()
  const profile = await db
    .selectFrom('volunteer_profile')
    .selectAll()
    .where('account_id', '=', actor.accountId)
    .executeTakeFirst()
  return { account, profile: profile ?? null }
}

export type ProfileInput = z.infer<typeof Profile>

const list = (text: string | null) =>
  JSON.stringify(
    text
      ? text
          .split(/[,，、;；\n]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  )

/**
 * Saves the profile form. Only the fields the form names are written (no mass
 * assignment: role, status or hours cannot be set here). A minor's profile
 * keeps working only with a guardian's consent; withdrawing it is allowed and
 * makes the profile unusable until it is given again.
 */
export async function updateOwnProfile(
  db: Kysely<DB>,
  actor: Actor,
  input: ProfileInput,
  meta: RequestMeta,
): Promise<void> {
  const today = shanghaiDay(meta.now)
  const hasProfile = await db
    .selectFrom('volunteer_profile')
    .select('account_id')
    .where('account_id', '=', actor.accountId)
    .executeTakeFirst()
  const birthDate = input.birthDate ?? null
  if (hasProfile && !birthDate) throw new DomainError('rule', 'form.required', { field: 'birthDate' })
  if (birthDate && birthDate > today) throw new DomainError('rule', 'form.dayInFuture', { field: 'birthDate' })
  const minor = needsGuardianConsent(birthDate, today)
  const consent = minor && input.guardianConsent === 'on'
  if (consent && !(input.guardianName && input.guardianRelation && input.guardianPhone)) {
    throw new DomainError('rule', 'account.guardian.incomplete', { field: 'guardianName' })
  }
  const now = meta.now.toISOString()
  await writeTransaction(db, async (trx) => {
    await trx
      .updateTable('account')
      .set({ name: input.name, phone: input.phone, ...(input.locale ? { locale: input.locale } : {}), updated_at: now })
      .where('id', '=', actor.accountId)
      .execute()
    const existing = await trx
      .selectFrom('volunteer_profile')
      .select('guardian_consent_on')
      .where('account_id', '=', actor.accountId)
      .executeTakeFirst()
    if (!existing) return
    await trx
      .updateTable('volunteer_profile')
      .set({
        birth_date: birthDate,
        skills: list(input.skills),
        interests: list(input.interests),
        availability: list(input.availability),
        emergency_contact_name: input.emergencyContactName,
        emergency_contact_phone: input.emergencyContactPhone,
        guardian_name: minor ? input.guardianName : null,
        guardian_relation: minor ? input.guardianRelation : null,
        guardian_phone: minor ? input.guardianPhone : null,
        guardian_consent_on: consent ? (existing.guardian_consent_on ?? today) : null,
        updated_at: now,
      })
      .where('account_id', '=', actor.accountId)
      .execute()
  })
}
