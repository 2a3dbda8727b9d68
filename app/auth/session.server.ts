/**
 * Sessions in the Lucia style (QUALITY.md §1.2): a token `<id>.<secret>`; the
 * database keeps the id and SHA-256 of the secret; validation compares hashes in
 * constant time, expires idle sessions, bumps `last_verified_at` at most hourly
 * and enforces an absolute lifetime.
 */
import type { Kysely } from 'kysely'
import type { DB, Role } from '#db/schema'
import type { Actor } from '~/domain/actor'
import { generateId, generateSecret, hashesEqual, hashSecret } from './tokens.server'

const HOUR = 3600_000
const DAY = 24 * HOUR

/** Staff hold more power, so their sessions end sooner (ASVS 3.3.2 L2). */
export const SESSION_LIFETIMES: Record<Role, { idleMs: number; absoluteMs: number }> = {
  volunteer: { idleMs: 10 * DAY, absoluteMs: 30 * DAY },
  partner_contact: { idleMs: 10 * DAY, absoluteMs: 30 * DAY },
  coordinator: { idleMs: 12 * HOUR, absoluteMs: 7 * DAY },
  admin: { idleMs: 12 * HOUR, absoluteMs: 7 * DAY },
}

/** `last_verified_at` is written at most this often. */
export const RENEWAL_INTERVAL_MS = HOUR

export interface CreatedSession {
  token: string
  id: string
  maxAgeSeconds: number
}

export async function createSession(
  db: Kysely<DB>,
  account: { id: number; role: Role },
  now: Date,
): Promise<CreatedSession> {
  const id = generateId()
  const secret = generateSecret()
  await db
    .insertInto('session')
    .values({
      id,
      account_id: account.id,
      secret_hash: hashSecret(secret),
      created_at: now.toISOString(),
      last_verified_at: now.toISOString(),
    })
    .execute()
  return { token: `${id}.${secret}`, id, maxAgeSeconds: Math.floor(SESSION_LIFETIMES[account.role].absoluteMs / 1000) }
}

export interface ValidSession {
  sessionId: string
  actor: Actor
}

/** The session and its actor, or null when the token is malformed, unknown, tampered with or expired. */
export async function validateSessionToken(db: Kysely<DB>, token: string, now: Date): Promise<ValidSession | null> {
  const [id, secret, extra] = token.split('.')
  if (!id || !secret || extra !== undefined || id.length !== 24) return null
  const row = await db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.account_id')
    .select([
      'session.id',
      'session.secret_hash',
      'session.created_at',
      'session.last_verified_at',
      'account.id as account_id',
      'account.role',
      'account.partner_organisation_id',
      'account.name',
      'account.email',
      'account.locale',
      'account.status',
      'account.email_verified_at',
    ])
    .where('session.id', '=', id)
    .executeTakeFirst()
  if (!row || !hashesEqual(hashSecret(secret), row.secret_hash)) return null

  const lifetime = SESSION_LIFETIMES[row.role]
  const idleFor = now.getTime() - Date.parse(row.last_verified_at)
  const age = now.getTime() - Date.parse(row.created_at)
  if (row.status !== 'active' || idleFor >= lifetime.idleMs || age >= lifetime.absoluteMs) {
    await invalidateSession(db, row.id)
    return null
  }
  if (idleFor >= RENEWAL_INTERVAL_MS) {
    await db.updateTable('session').set({ last_verified_at: now.toISOString() }).where('id', '=', row.id).execute()
  }
  return {
    sessionId: row.id,
    actor: {
      accountId: row.account_id,
      role: row.role,
      partnerOrganisationId: row.partner_organisation_id,
      name: row.name,
      email: row.email,
      locale: row.locale,
      emailVerified: row.email_verified_at !== null,
    },
  }
}

export async function invalidateSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sessionId).execute()
}

/** Signs the account out everywhere: on password reset, role change, deactivation. */
export async function invalidateAllSessions(db: Kysely<DB>, accountId: number): Promise<void> {
  await db.deleteFrom('session').where('account_id', '=', accountId).execute()
}
