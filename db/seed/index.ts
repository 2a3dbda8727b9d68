/**
 * Demo data for 同行, drawn from 鼓楼图书馆's 2021 work summary (see
 * library-2021.ts): the library's sites and programmes, its partners, accounts of
 * every role, the year 2021 with the summary's activity counts, and the weeks
 * around `now` so the home page has something to offer.
 *
 * Deterministic: the rows depend only on DEFAULT_SEED and `now` (password
 * hashes are salted, so they differ from run to run).
 */
import { sql, type Kysely } from 'kysely'
import { hashPassword } from '../../app/auth/password.server'
import type { Database } from '../connect'
import { advisoryTransactionLock, dialectOf, isForeignKeyViolation, writeTransaction } from '../dialect'
import { withSqliteFileLock } from '../migrate'
import type { ActivityType, DB, Role } from '../schema'
import { planComingWeeks } from './coming-weeks'
import { SEEDED_2021_FIGURES } from './library-2021'
import { completePartnerWork } from './partner-work'
import { planPeople, PASSWORD_PLACEHOLDER } from './people'
import { planPlaces, requireId } from './places'
import { emptyPlan, type Plan } from './plan'
import { DEFAULT_SEED, Random } from './random'
import { ShiftBook } from './shifts'
import { shanghaiDay } from './time'
import { writePlan } from './write'
import { planYear2021 } from './year-2021'

export { DEMO_EMAILS } from './people'
export { ACTIVITY_COUNTS_2021, SEEDED_2021_FIGURES, TOTAL_ACTIVITIES_2021 } from './library-2021'

/** Every seeded account of a role shares its role's password (README: demo accounts). */
export const DEMO_PASSWORDS = {
  admin: 'tongxing-admin-demo',
  coordinator: 'tongxing-staff-demo',
  volunteer: 'tongxing-volunteer-demo',
  partner_contact: 'tongxing-partner-demo',
} as const satisfies Record<Role, string>

export interface SeedSummary {
  /** Rows inserted per table (0 for the tables the seed leaves empty). */
  rows: Record<keyof DB, number>
  year2021: {
    activities: number
    byType: Record<ActivityType, number>
    online: number
    offline: number
    attendances: number
    volunteerHours: number
    booksDelivered: number
  }
}

/** Serialises seeding across processes on PostgreSQL (the SQLite lock file does it there). */
const SEED_LOCK_KEY = 0x7e_ed_5eed

const ALL_TABLES: readonly (keyof DB)[] = [
  'calendar_feed',
  'holiday_override',
  'signup_offer',
  'session',
  'email_verification',
  'password_reset',
  'invitation',
  'rate_limit_bucket',
  'email_outbox',
  'audit_log',
  'bulk_card',
  'card_request_line',
  'card_request',
  'visit_request',
  'shipment_receipt_token',
  'book_shipment',
  'book_donation',
  'signup',
  'shift',
  'shift_series',
  'activity_beneficiary_count',
  'activity',
  'activity_series',
  'training_completion',
  'training',
  'volunteer_profile',
  'account',
  'site',
  'programme',
  'partner_organisation',
]

/** The whole seed as rows, before any database is involved. Pure: same `now`, same plan. */
export function buildSeedPlan(now: Date): { plan: Plan; year2021: SeedSummary['year2021'] } {
  const today = shanghaiDay(now)
  if (today < '2022-01-01') throw new Error('seed: `now` must be after 2021, the year the demo data looks back on')
  const root = new Random(DEFAULT_SEED)
  const plan = emptyPlan()
  const places = planPlaces(plan)
  const people = planPeople(plan, places, root.fork('people'), today)
  const shifts = new ShiftBook(plan, people, root.fork('shifts'), now.toISOString())
  const cardNumbers = { next: 1 }
  const year = planYear2021({ plan, places, people, shifts, r: root.fork('2021'), cardNumbers })
  planComingWeeks({
    plan,
    places,
    people,
    shifts,
    r: root.fork('coming-weeks'),
    now: now.toISOString(),
    today,
    cardNumbers,
  })
  completePartnerWork(plan, requireId(places.site, '鼓楼图书馆'))
  return {
    plan,
    year2021: {
      activities: year.online + year.offline,
      byType: year.byType,
      online: year.online,
      offline: year.offline,
      attendances: SEEDED_2021_FIGURES.attendances,
      volunteerHours: SEEDED_2021_FIGURES.volunteerHours,
      booksDelivered: SEEDED_2021_FIGURES.booksDelivered,
    },
  }
}

/** Hashes each role's password once (argon2 is slow on purpose) and puts it on every account. */
async function withPasswords(plan: Plan): Promise<Plan> {
  const roles = Object.keys(DEMO_PASSWORDS) as Role[]
  const hashes = new Map(
    await Promise.all(
      roles.map(async (role) => [PASSWORD_PLACEHOLDER(role), await hashPassword(DEMO_PASSWORDS[role])] as const),
    ),
  )
  return {
    ...plan,
    account: plan.account.map((a) => ({ ...a, password_hash: hashes.get(a.password_hash ?? '') ?? null })),
  }
}

async function insertSeed(trx: Kysely<DB>, now: Date): Promise<SeedSummary> {
  const { plan, year2021 } = buildSeedPlan(now)
  const counts = await writePlan(trx, await withPasswords(plan))
  // Parents first, as they were inserted; then the tables the seed leaves empty.
  const rows = { ...counts } as Record<keyof DB, number>
  for (const table of [...ALL_TABLES].reverse()) rows[table] ??= 0
  return { rows, year2021 }
}

/** Inserts the demo data into an empty database, in one write transaction (or the caller's). */
export async function seedDemoData(db: Kysely<DB>, options: { now: Date }): Promise<SeedSummary> {
  return writeTransaction(db, (trx) => insertSeed(trx, options.now))
}

/**
 * Seeds when the database has no account yet; returns whether it did. Two processes
 * starting at once seed once: the SQLite lock file or the PostgreSQL advisory lock
 * serialises them, and the second finds accounts.
 */
export async function seedIfEmpty(database: Database, now: Date): Promise<boolean> {
  return withSqliteFileLock(database, () =>
    writeTransaction(database.db, async (trx) => {
      await advisoryTransactionLock(trx, SEED_LOCK_KEY)
      const existing = await trx.selectFrom('account').select('id').limit(1).executeTakeFirst()
      if (existing) return false
      await insertSeed(trx, now)
      return true
    }),
  )
}

/**
 * Deletes every row of every table (not the migration bookkeeping), children first,
 * and restarts PostgreSQL's identity counters so a reseeded database gets the same ids.
 */
export async function resetDatabase(db: Kysely<DB>): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const anyTrx = trx as Kysely<any>
    const known = new Set<string>(ALL_TABLES)
    const tables = (await trx.introspection.getTables())
      .filter((t) => !t.isView && !t.name.startsWith('kysely_') && (t.schema ?? 'public') === 'public')
      .map((t) => t.name)
    // Tables added after this list was written go last, retried until their references are gone.
    let pending = [...ALL_TABLES.filter((t) => tables.includes(t)), ...tables.filter((t) => !known.has(t)).sort()]
    for (let pass = 0; pending.length > 0; pass++) {
      const failed: string[] = []
      for (const table of pending) {
        try {
          // A savepoint keeps PostgreSQL's transaction usable after a refused delete.
          await sql`savepoint seed_reset`.execute(trx)
          // Projects before their brands.
          if (table === 'programme')
            await anyTrx.deleteFrom(table).where('parent_programme_id', 'is not', null).execute()
          await anyTrx.deleteFrom(table).execute()
          await sql`release savepoint seed_reset`.execute(trx)
        } catch (error) {
          if (!isForeignKeyViolation(error) || pass > pending.length) throw error
          await sql`rollback to savepoint seed_reset`.execute(trx)
          failed.push(table)
        }
      }
      pending = failed
    }
    if (dialectOf(trx) === 'postgres') {
      const identities = await sql<{ table_name: string }>`
        select table_name from information_schema.columns
        where table_schema = current_schema() and column_name = 'id' and is_identity = 'YES'`.execute(trx)
      for (const { table_name } of identities.rows) {
        await sql`alter table ${sql.table(table_name)} alter column id restart with 1`.execute(trx)
      }
    }
  })
}
