import type { Kysely } from 'kysely'
import type { z } from 'zod'
import { isUniqueViolation, writeTransaction } from '#db/dialect'
import type { DB, Locale } from '#db/schema'
import { hashPassword } from '~/auth/password.server'
import { passwordProblem } from '~/auth/password-policy.server'
import { LIMITS, consumeToken } from '~/auth/rate-limit.server'
import { recordAudit } from '~/domain/audit/audit.server'
import { DomainError } from '~/domain/errors'
import { shanghaiDay } from '~/lib/dates'
import { emailTaken, normaliseEmail } from './accounts.server'
import { needsGuardianConsent } from './age'
import type { RequestMeta } from './request-meta'
import type { RegisterVolunteer } from './schema'
import { issueVerificationCode } from './verification.server'

export type Registration = z.infer<typeof RegisterVolunteer>

/**
 * A volunteer joins: the account, the profile with the privacy consent (and a
 * guardian's, under 14), and a verification code by mail, all in one
 * transaction. The email is unverified until the code comes back.
 */
export async function registerVolunteer(
  db: Kysely<DB>,
  input: Registration,
  locale: Locale,
  meta: RequestMeta,
): Promise<{ accountId: number }> {
  const throttle = await consumeToken(db, `register:ip:${meta.ip}`, LIMITS.registerPerIp, meta.now)
  if (!throttle.allowed)
    throw new DomainError('throttled', 'account.throttled', {
      params: { minutes: Math.ceil(throttle.retryAfterSeconds / 60) },
    })

  const problem = passwordProblem(input.password, { email: input.email, name: input.name })
  if (problem) throw new DomainError('rule', problem, { field: 'password' })
  const today = shanghaiDay(meta.now)
  if (input.birthDate > today) throw new DomainError('rule', 'form.dayInFuture', { field: 'birthDate' })
  const minor = needsGuardianConsent(input.birthDate, today)
  if (minor && !(input.guardianName && input.guardianRelation && input.guardianPhone && input.guardianConsent)) {
    throw new DomainError('rule', 'account.guardian.required', { field: 'guardianConsent' })
  }
  if (await emailTaken(db, input.email)) throw new DomainError('conflict', 'account.email.taken', { field: 'email' })

  const passwordHash = await hashPassword(input.password)
  const now = meta.now.toISOString()
  try {
    return await writeTransaction(db, async (trx) => {
      const account = await trx
        .insertInto('account')
        .values({
          name: input.name,
          email: input.email,
          email_normalised: normaliseEmail(input.email),
          phone: input.phone,
          role: 'volunteer',
          partner_organisation_id: null,
          password_hash: passwordHash,
          email_verified_at: null,
          locale,
          status: 'active',
          created_at: now,
          updated_at: now,
        })
        .returning(['id', 'name', 'locale'])
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('volunteer_profile')
        .values({
          account_id: account.id,
          volunteer_number: `GL-${today.slice(0, 4)}-${String(account.id).padStart(5, '0')}`,
          birth_date: input.birthDate,
          skills: '[]',
          interests: '[]',
          availability: '[]',
          emergency_contact_name: null,
          emergency_contact_phone: null,
          guardian_name: minor ? input.guardianName : null,
          guardian_relation: minor ? input.guardianRelation : null,
          guardian_phone: minor ? input.guardianPhone : null,
          guardian_consent_on: minor ? today : null,
          privacy_consent_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute()
      await issueVerificationCode(trx, account, input.email, meta)
      await recordAudit(
        trx,
        {
          actorId: account.id,
          action: 'account_registered',
          subjectType: 'account',
          subjectId: account.id,
          ip: meta.ip,
        },
        meta.now,
      )
      return { accountId: account.id }
    })
  } catch (error) {
    // Two tabs submitting at once: the second finds the address taken.
    if (isUniqueViolation(error)) throw new DomainError('conflict', 'account.email.taken', { field: 'email' })
    throw error
  }
}
