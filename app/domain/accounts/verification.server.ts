/**
 * Email verification codes (QUALITY.md §1.6): 8 random digits, only their hash
 * stored, bound to one account and one address, valid 10 minutes, 5 tries, one
 * live code per account. The same flow verifies a changed address.
 */
import type { Kysely } from 'kysely'
import { forUpdate, isUniqueViolation, writeTransaction } from '#db/dialect'
import type { DB, Locale } from '#db/schema'
import { LIMITS, requireTokens } from '~/auth/rate-limit.server'
import { invalidateAllSessions } from '~/auth/session.server'
import { generateNumericCode, hashSecret, hashesEqual } from '~/auth/tokens.server'
import { recordAudit } from '~/domain/audit/audit.server'
import { DomainError } from '~/domain/errors'
import { enqueueEmail } from '~/domain/mail/outbox.server'
import { normaliseEmail } from './accounts.server'
import type { RequestMeta } from './request-meta'

export const CODE_LIFETIME_MINUTES = 10
export const MAX_CODE_ATTEMPTS = 5

interface Recipient {
  id: number
  name: string
  locale: Locale
}

/** Replaces any pending code with a new one for `email` and queues the mail, in the caller's transaction. */
export async function issueVerificationCode(
  trx: Kysely<DB>,
  account: Recipient,
  email: string,
  meta: RequestMeta,
): Promise<void> {
  const code = generateNumericCode()
  const codeHash = hashSecret(code)
  // Two "resend" clicks at once must not both delete-then-insert (a unique violation when the transactions overlap).
  await forUpdate(trx, trx.selectFrom('account').select('id').where('id', '=', account.id)).execute()
  await trx.deleteFrom('email_verification').where('account_id', '=', account.id).execute()
  await trx
    .insertInto('email_verification')
    .values({
      account_id: account.id,
      email,
      code_hash: codeHash,
      attempts: 0,
      expires_at: new Date(meta.now.getTime() + CODE_LIFETIME_MINUTES * 60_000).toISOString(),
      created_at: meta.now.toISOString(),
    })
    .execute()
  await enqueueEmail(
    trx,
    {
      dedupeKey: `email-verification:${account.id}:${codeHash.slice(0, 16)}`,
      template: 'email-verification',
      to: email,
      toAccountId: account.id,
      locale: account.locale,
      payload: {
        name: account.name,
        code,
        verifyUrl: `${meta.appOrigin}/verify-email`,
        expiresMinutes: CODE_LIFETIME_MINUTES,
      },
    },
    meta.now,
  )
}

/** "Send the code again", throttled per address and per IP so the form cannot be used to flood a mailbox. */
export async function resendVerificationCode(db: Kysely<DB>, accountId: number, meta: RequestMeta): Promise<void> {
  const pending = await db
    .selectFrom('email_verification')
    .innerJoin('account', 'account.id', 'email_verification.account_id')
    .select([
      'account.id',
      'account.name',
      'account.locale',
      'account.email',
      'account.email_verified_at',
      'email_verification.email as pending_email',
    ])
    .where('account.id', '=', accountId)
    .executeTakeFirst()
  const account =
    pending ??
    (await db
      .selectFrom('account')
      .select(['id', 'name', 'locale', 'email', 'email_verified_at'])
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow())
  const email = pending?.pending_email ?? account.email
  if (!pending && account.email_verified_at) throw new DomainError('rule', 'account.verification.alreadyVerified')
  await throttleEmailSend(db, email, meta)
  await writeTransaction(db, (trx) => issueVerificationCode(trx, account, email, meta))
}

export async function throttleEmailSend(db: Kysely<DB>, email: string, meta: RequestMeta): Promise<void> {
  await requireTokens(
    db,
    [
      [`mail:address:${normaliseEmail(email)}`, LIMITS.emailSendPerAddress],
      [`mail:ip:${meta.ip}`, LIMITS.emailSendPerIp],
    ],
    meta.now,
  )
}

export interface VerificationResult {
  /** The address changed: the old one was told. */
  emailChanged: boolean
}

/**
 * Checks a code. Success marks the address verified (and, for a change of
 * address, moves the account to it) and signs the account out everywhere else:
 * the caller starts a fresh session.
 */
export async function verifyEmailCode(
  db: Kysely<DB>,
  accountId: number,
  code: string,
  meta: RequestMeta,
): Promise<VerificationResult> {
  await requireTokens(db, [[`code:account:${accountId}`, LIMITS.codeEntryPerAccount]], meta.now, 'code')
  const outcome = await writeTransaction(db, async (trx) => {
    const pending = await forUpdate(
      trx,
      trx.selectFrom('email_verification').selectAll().where('account_id', '=', accountId),
    ).executeTakeFirst()
    if (!pending || pending.expires_at <= meta.now.toISOString() || pending.attempts >= MAX_CODE_ATTEMPTS) {
      return { error: 'account.verification.expired' } as const
    }
    if (!hashesEqual(hashSecret(code), pending.code_hash)) {
      await trx
        .updateTable('email_verification')
        .set({ attempts: pending.attempts + 1 })
        .where('id', '=', pending.id)
        .execute()
      return { error: 'account.verification.wrongCode' } as const
    }
    const account = await trx.selectFrom('account').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow()
    const emailChanged = normaliseEmail(pending.email) !== account.email_normalised
    try {
      await trx
        .updateTable('account')
        .set({
          email: pending.email,
          email_normalised: normaliseEmail(pending.email),
          email_verified_at: meta.now.toISOString(),
          updated_at: meta.now.toISOString(),
        })
        .where('id', '=', accountId)
        .execute()
    } catch (error) {
      if (isUniqueViolation(error)) return { error: 'account.email.taken' } as const
      throw error
    }
    await trx.deleteFrom('email_verification').where('id', '=', pending.id).execute()
    await invalidateAllSessions(trx, accountId)
    if (emailChanged) {
      await enqueueEmail(
        trx,
        {
          dedupeKey: `email-changed:${accountId}:${meta.now.getTime()}`,
          template: 'email-changed',
          to: account.email,
          toAccountId: null,
          locale: account.locale,
          payload: { name: account.name, newEmail: pending.email },
        },
        meta.now,
      )
    }
    await recordAudit(
      trx,
      {
        actorId: accountId,
        action: emailChanged ? 'email_changed' : 'email_verified',
        subjectType: 'account',
        subjectId: accountId,
        ip: meta.ip,
      },
      meta.now,
    )
    return { emailChanged }
  })
  if ('error' in outcome && outcome.error) throw new DomainError('rule', outcome.error, { field: 'code' })
  return outcome
}

/** The address a code is waiting on, if any (shown on the verification page). */
export async function pendingVerification(db: Kysely<DB>, accountId: number) {
  return db
    .selectFrom('email_verification')
    .select(['email', 'expires_at'])
    .where('account_id', '=', accountId)
    .executeTakeFirst()
}
