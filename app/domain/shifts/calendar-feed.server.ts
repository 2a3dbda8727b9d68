/**
 * A volunteer's secret calendar subscription: `/calendar/<token>.ics`. Like
 * every other token, only its SHA-256 is stored; creating a new one replaces
 * (and so invalidates) the old one.
 */
import type { Kysely } from 'kysely'
import type { DB, ShiftRole } from '#db/schema'
import { generateSecret, hashSecret } from '~/auth/tokens.server'
import type { Actor } from '~/domain/actor'
import { placeAddress, placeName, shiftWithPlace } from '~/domain/shifts/queries.server'

const DAY_MS = 24 * 3600_000
/** The feed carries the last 90 days and everything ahead. */
const FEED_PAST_DAYS = 90

/** Creates the account's feed token, or rotates it. Returns the token: shown once, never stored. */
export async function rotateCalendarFeed(db: Kysely<DB>, actor: Actor, now: Date): Promise<string> {
  const token = generateSecret()
  const row = { account_id: actor.accountId, token_hash: hashSecret(token), created_at: now.toISOString() }
  await db
    .insertInto('calendar_feed')
    .values(row)
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ token_hash: row.token_hash, created_at: row.created_at }))
    .execute()
  return token
}

/** When the account's feed was created, if it has one (the token itself cannot be shown again). */
export async function getCalendarFeedCreatedAt(db: Kysely<DB>, actor: Actor): Promise<string | null> {
  const row = await db
    .selectFrom('calendar_feed')
    .select('created_at')
    .where('account_id', '=', actor.accountId)
    .executeTakeFirst()
  return row?.created_at ?? null
}

/** Tokens are 52 characters of lower-case base32; anything else is refused before hashing. */
const TOKEN_SHAPE = /^[a-z2-7]{52}$/

export interface FeedOwner {
  accountId: number
  locale: 'zh-CN' | 'en'
}

/** The active account a feed token belongs to, or null for an unknown token. */
export async function findCalendarFeedOwner(db: Kysely<DB>, token: string): Promise<FeedOwner | null> {
  if (!TOKEN_SHAPE.test(token)) return null
  const row = await db
    .selectFrom('calendar_feed')
    .innerJoin('account', 'account.id', 'calendar_feed.account_id')
    .select(['account.id', 'account.locale'])
    .where('calendar_feed.token_hash', '=', hashSecret(token))
    .where('account.status', '=', 'active')
    .executeTakeFirst()
  return row ? { accountId: Number(row.id), locale: row.locale } : null
}

export interface FeedShift {
  id: number
  signup_id: number
  role: ShiftRole
  title: string | null
  starts_at: string
  ends_at: string
  status: 'open' | 'cancelled'
  place_name: string | null
  address: string | null
  activity_title: string | null
  what_to_bring: string | null
  notes: string | null
}

/** The confirmed shifts of an account, from 90 days ago on, for its calendar feed. */
export async function listFeedShifts(db: Kysely<DB>, accountId: number, now: Date): Promise<FeedShift[]> {
  const rows = await shiftWithPlace(db)
    .innerJoin('signup', 'signup.shift_id', 'shift.id')
    .select([
      'shift.id',
      'signup.id as signup_id',
      'shift.role',
      'shift.title',
      'shift.starts_at',
      'shift.ends_at',
      'shift.status',
      placeName.as('place_name'),
      placeAddress.as('address'),
      'a.title as activity_title',
      'shift.what_to_bring',
      'shift.notes',
    ])
    .where('signup.volunteer_id', '=', accountId)
    .where('signup.status', '=', 'confirmed')
    .where('shift.starts_at', '>=', new Date(now.getTime() - FEED_PAST_DAYS * DAY_MS).toISOString())
    .orderBy('shift.starts_at')
    .limit(1000)
    .execute()
  return rows.map((row) => ({ ...row, id: Number(row.id), signup_id: Number(row.signup_id) }))
}
