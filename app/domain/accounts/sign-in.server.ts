import type { Kysely } from 'kysely'
import type { DB } from '#db/schema'
import { hashPassword, verifyPassword } from '~/auth/password.server'
import { LIMITS, requireTokens } from '~/auth/rate-limit.server'
import { createSession, type CreatedSession } from '~/auth/session.server'
import { recordAudit } from '~/domain/audit/audit.server'
import { DomainError } from '~/domain/errors'
import { findAccountByEmail, normaliseEmail } from './accounts.server'
import type { RequestMeta } from './request-meta'

// Unknown addresses are checked against this, so an answer takes as long either way.
let dummyHash: Promise<string> | undefined

/**
 * Email and password → a new session. A burst of wrong passwords for one
 * account is slowed (5, then one a minute), never locked; the per-IP bucket is
 * wide enough for a school class behind one address.
 */
export async function signIn(
  db: Kysely<DB>,
  input: { email: string; password: string },
  meta: RequestMeta,
): Promise<CreatedSession & { accountId: number }> {
  await requireTokens(
    db,
    [
      [`signin:ip:${meta.ip}`, LIMITS.signInPerIp],
      [`signin:account:${normaliseEmail(input.email)}`, LIMITS.signInPerAccount],
    ],
    meta.now,
  )

  const account = await findAccountByEmail(db, input.email)
  const passwordOk = account?.password_hash
    ? await verifyPassword(account.password_hash, input.password)
    : await verifyPassword(await (dummyHash ??= hashPassword('not-a-real-password')), input.password).then(() => false)
  if (!account || !passwordOk || account.status === 'deleted') {
    await recordAudit(
      db,
      {
        actorId: account?.id ?? null,
        action: 'sign_in_failed',
        subjectType: 'account',
        subjectId: account?.id,
        ip: meta.ip,
      },
      meta.now,
    )
    throw new DomainError('rule', 'account.signIn.invalid', { field: 'password' })
  }
  if (account.status === 'deactivated') throw new DomainError('forbidden', 'account.signIn.deactivated')
  const session = await createSession(db, account, meta.now)
  await recordAudit(
    db,
    { actorId: account.id, action: 'sign_in', subjectType: 'account', subjectId: account.id, ip: meta.ip },
    meta.now,
  )
  return { ...session, accountId: account.id }
}
