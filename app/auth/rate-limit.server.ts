/**
 * Token buckets kept in the database, so every app process shares them. A
 * bucket refills continuously; an empty one answers "wait", never "locked".
 */
import type { Kysely } from 'kysely'
import { forUpdate, writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import { DomainError } from '~/domain/errors'

export interface BucketLimit {
  capacity: number
  refillPerMinute: number
}

export const LIMITS = {
  /** Auth Book: about one password guess a minute per account, 5 in a burst. */
  signInPerAccount: { capacity: 5, refillPerMinute: 1 },
  /** Generous: a whole school class signs in from one NAT address. */
  signInPerIp: { capacity: 120, refillPerMinute: 60 },
  codeEntryPerAccount: { capacity: 5, refillPerMinute: 1 },
  /** Mails that anyone can trigger: 3 per address per 10 minutes. */
  emailSendPerAddress: { capacity: 3, refillPerMinute: 0.3 },
  emailSendPerIp: { capacity: 30, refillPerMinute: 10 },
  registerPerIp: { capacity: 60, refillPerMinute: 20 },
  /**
   * Six-digit check-in codes, two valid at a time: one guess a minute per account
   * (a few mistypes in a burst) keeps the odds of a lucky guess over a whole
   * check-in window near 1 in 10,000.
   */
  checkInPerAccount: { capacity: 5, refillPerMinute: 1 },
  /** Every attempt on one shift, so many accounts together can't search the codes either; a large team still checks in at once. */
  checkInPerShift: { capacity: 120, refillPerMinute: 20 },
} satisfies Record<string, BucketLimit>

export interface Throttle {
  allowed: boolean
  retryAfterSeconds: number
}

export async function consumeToken(db: Kysely<DB>, key: string, limit: BucketLimit, now: Date): Promise<Throttle> {
  return writeTransaction(db, async (trx) => {
    await trx
      .insertInto('rate_limit_bucket')
      .values({ key, tokens: limit.capacity, refilled_at: now.toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute()
    const bucket = await forUpdate(
      trx,
      trx.selectFrom('rate_limit_bucket').select(['tokens', 'refilled_at']).where('key', '=', key),
    ).executeTakeFirstOrThrow()
    const elapsedMinutes = Math.max(0, now.getTime() - Date.parse(bucket.refilled_at)) / 60_000
    const tokens = Math.min(limit.capacity, bucket.tokens + elapsedMinutes * limit.refillPerMinute)
    const allowed = tokens >= 1
    await trx
      .updateTable('rate_limit_bucket')
      .set({ tokens: allowed ? tokens - 1 : tokens, refilled_at: now.toISOString() })
      .where('key', '=', key)
      .execute()
    const retryAfterSeconds = allowed ? 0 : Math.ceil(((1 - tokens) / limit.refillPerMinute) * 60)
    return { allowed, retryAfterSeconds }
  })
}

/**
 * Takes a token from each bucket in turn, or refuses with the translated
 * "too many attempts, try again in N minutes" (DomainError `throttled`, 429).
 */
export async function requireTokens(
  db: Kysely<DB>,
  buckets: readonly (readonly [key: string, limit: BucketLimit])[],
  now: Date,
  field?: string,
): Promise<void> {
  for (const [key, limit] of buckets) {
    const throttle = await consumeToken(db, key, limit, now)
    if (!throttle.allowed) {
      throw new DomainError('throttled', 'account.throttled', {
        ...(field ? { field } : {}),
        params: { minutes: Math.ceil(throttle.retryAfterSeconds / 60) },
      })
    }
  }
}

/** Forgets buckets that have long been full again; run now and then. */
export async function pruneBuckets(db: Kysely<DB>, now: Date): Promise<void> {
  const dayAgo = new Date(now.getTime() - 24 * 3600_000).toISOString()
  await db.deleteFrom('rate_limit_bucket').where('refilled_at', '<', dayAgo).execute()
}
