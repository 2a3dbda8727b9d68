/**
 * "Forgot password" (QUALITY.md §1.6): a long random token in the link, only its
 * SHA-256 stored, 30 minutes, single use, consumed by the POST that sets the new
 * password (never by opening the link), and every session of the account ends.
 */
import type { Kysely } from 'kysely'
import { forUpdate, writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import { hashPassword } from '~/auth/password.server'
import { passwordProblem } from '~/auth/password-policy.server'
import { invalidateAllSessions } from '~/auth/session.server'
import { generateSecret, hashSecret } from '~/auth/tokens.server'
import { recordAudit } from '~/domain/audit/audit.server'
import { DomainError } from '~/domain/errors'
import { enqueueEmail } from '~/domain/mail/outbox.server'
import { findAccountByEmail } from './accounts.server'
import type { RequestMeta } from './request-meta'
import { throttleEmailSend } from './verification.server'

export const RESET_LIFETIME_MINUTES = 30

/** Queues a reset link when the address belongs to an active account; the caller says the same thing either way. */
export async function requestPasswordReset(db: Kysely<DB>, email: string, meta: RequestMeta): Promise<void> {
  await throttleEmailSend(db, email, meta)
  const account = await findAccountByEmail(db, email)
  if (!account || account.status !== 'active') return
  const token = generateSecret()
  await writeTransaction(db, async (trx) => {
    // A new link replaces any earlier one, also when two requests run at once (lock the account row first).
    await forUpdate(trx, trx.selectFrom('account').select('id').where('id', '=', account.id)).execute()
    await trx.deleteFrom('password_reset').where('account_id', '=', account.id).where('used_at', 'is', null).execute()
    await trx
      .insertInto('password_reset')
      .values({
        token_hash: hashSecret(token),
        account_id: account.id,
        expires_at: new Date(meta.now.getTime() + RESET_LIFETIME_MINUTES * 60_000).toISOString(),
        used_at: null,
        created_at: meta.now.toISOString(),
      })
      .execute()
    await enqueueEmail(
      trx,
      {
        dedupeKey: `password-reset:${hashSecret(token).slice(0, 24)}`,
        template: 'password-reset',
        to: account.email,
        toAccountId: account.id,
        locale: account.locale,
        payload: {
          name: account.name,
          resetUrl: `${meta.appOrigin}/reset-password/${token}`,
          expiresMinutes: RESET_LIFETIME_MINUTES,
        },
      },
      meta.now,
    )
  })
}

/** Whether a link still works; reading it changes nothing. */
export async function resetTokenIsValid(db: Kysely<DB>, token: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('password_reset')
    .select('id')
    .where('token_hash', '=', hashSecret(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst()
  return row !== undefined
}

export async function resetPassword(db: Kysely<DB>, token: string, password: string, meta: RequestMeta): Promise<void> {
  const tokenHash = hashSecret(token)
  const pending = await db
    .selectFrom('password_reset')
    .innerJoin('account', 'account.id', 'password_reset.account_id')
    .select(['account.email', 'account.name'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst()
  const problem = passwordProblem(password, { email: pending?.email, name: pending?.name })
  if (problem) throw new DomainError('rule', problem, { field: 'password' })
  const passwordHash = await hashPassword(password)
  const accountId = await writeTransaction(db, async (trx) => {
    const row = await forUpdate(
      trx,
      trx
        .selectFrom('password_reset')
        .select(['id', 'account_id', 'used_at', 'expires_at'])
        .where('token_hash', '=', tokenHash),
    ).executeTakeFirst()
    if (!row || row.used_at !== null || row.expires_at <= meta.now.toISOString()) return null
    await trx.updateTable('password_reset').set({ used_at: meta.now.toISOString() }).where('id', '=', row.id).execute()
    // The link came through the mailbox, which proves the address too.
    await trx
      .updateTable('account')
      .set((eb) => ({
        password_hash: passwordHash,
        email_verified_at: eb.fn.coalesce('email_verified_at', eb.val(meta.now.toISOString())),
        updated_at: meta.now.toISOString(),
      }))
      .where('id', '=', row.account_id)
      .execute()
    await invalidateAllSessions(trx, row.account_id)
    await recordAudit(
      trx,
      {
        actorId: row.account_id,
        action: 'password_reset',
        subjectType: 'account',
        subjectId: row.account_id,
        ip: meta.ip,
      },
      meta.now,
    )
    return row.account_id
  })
  if (accountId === null) throw new DomainError('rule', 'account.reset.invalidLink')
}
