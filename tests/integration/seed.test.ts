/**
 * The demo seed (db/seed) on both dialects: the 2021 summary's figures, the
 * invariants every sign-up row must keep, a home page with something on it, the
 * demo accounts, determinism, and seeding an empty database exactly once.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import path from 'node:path'
import { sql, type Kysely, type RawBuilder } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { verifyPassword } from '~/auth/password.server'
import { listUpcomingActivities } from '~/domain/activities/activities.server'
import { stockByProgramme } from '~/domain/books/stock.server'
import { findLastReportedYear, summarizeYear } from '~/domain/reports/year-summary.server'
import { listOpenShifts } from '~/domain/shifts/shifts.server'
import { createDatabase } from '#db/connect'
import { writeTransaction } from '#db/dialect'
import { migrateToLatest } from '#db/migrate'
import { ACTIVITY_TYPES, ROLES, type DB } from '#db/schema'
import {
  ACTIVITY_COUNTS_2021,
  DEMO_EMAILS,
  DEMO_PASSWORDS,
  SEEDED_2021_FIGURES,
  resetDatabase,
  seedDemoData,
  seedIfEmpty,
  type SeedSummary,
} from '#db/seed'
import { createEmptyDatabase, describeEachDialect, openTestDatabase, type TestDatabase } from '../support/databases'

const NOW = new Date('2026-11-25T05:53:00.000Z')
const DAY_MS = 86_400_000
const FROM_2021 = '2020-12-31T16:00:00.000Z'
const TO_2021 = '2021-12-31T16:00:00.000Z'

/** Every table the seed fills, with the order that makes a row dump stable. */
const DIGESTED: [keyof DB, string][] = [
  ['partner_organisation', 'id'],
  ['site', 'id'],
  ['programme', 'id'],
  ['account', 'id'],
  ['volunteer_profile', 'account_id'],
  ['training', 'id'],
  ['training_completion', 'account_id, training_id'],
  ['activity', 'id'],
  ['activity_beneficiary_count', 'activity_id, beneficiary_group'],
  ['shift_series', 'id'],
  ['shift', 'id'],
  ['signup', 'id'],
  ['book_donation', 'id'],
  ['book_shipment', 'id'],
  ['card_request', 'id'],
  ['card_request_line', 'id'],
  ['bulk_card', 'id'],
  ['visit_request', 'id'],
]

/** SHA-256 of every seeded row, except password hashes (argon2 salts them). */
async function digest(db: Kysely<DB>): Promise<string> {
  const hash = createHash('sha256')
  for (const [table, order] of DIGESTED) {
    const { rows } = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(table)} order by ${sql.raw(order)}`.execute(db)
    for (const row of rows) {
      // Secrets are made fresh for every database (password hashes are salted; QR check-in secrets are random).
      delete row.password_hash
      delete row.check_in_secret
      hash.update(`${table}:${JSON.stringify(row)}\n`)
    }
  }
  return hash.digest('hex')
}

async function count(db: Kysely<DB>, query: RawBuilder<unknown>): Promise<number> {
  const { rows } = await query.execute(db)
  return Number((rows[0] as { n?: number | string } | undefined)?.n ?? 0)
}

/**
 * Boots `count` Node processes that each run seedIfEmpty on `url` (as server/index.ts does at
 * start), releases them together once all are loaded, and resolves with what each returned.
 */
async function seedInChildren(url: string, count: number): Promise<boolean[]> {
  const root = path.resolve(import.meta.dirname, '../..')
  const code = `
    const { createDatabase } = await import(${JSON.stringify(path.join(root, 'db/connect.ts'))})
    const { seedIfEmpty } = await import(${JSON.stringify(path.join(root, 'db/seed/index.ts'))})
    process.stdout.write('ready\\n')
    await new Promise((resolve) => process.stdin.once('data', resolve))
    process.stdin.destroy()
    const database = createDatabase(process.argv[1], { poolSize: 2 })
    try {
      process.stdout.write(JSON.stringify({ seeded: await seedIfEmpty(database, new Date(${JSON.stringify(NOW.toISOString())})) }) + '\\n')
    } finally {
      await database.close()
    }`
  const ready: Promise<void>[] = []
  const results: Promise<boolean>[] = []
  const children = Array.from({ length: count }, () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code, url], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    })
    let stdout = ''
    let stderr = ''
    let markReady: () => void = () => {}
    ready.push(new Promise((resolve) => (markReady = resolve)))
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      if (stdout.includes('ready\n')) markReady()
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    results.push(
      new Promise((resolve, reject) =>
        child.on('close', (exitCode) => {
          markReady()
          if (exitCode !== 0) return reject(new Error(`seed child exited ${exitCode}: ${stderr}`))
          resolve((JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as { seeded: boolean }).seeded)
        }),
      ),
    )
    return child
  })
  await Promise.all(ready)
  for (const child of children) child.stdin.write('go\n')
  return Promise.all(results)
}

describeEachDialect('demo seed', (dialect) => {
  let database: TestDatabase
  let db: Kysely<DB>
  let summary: SeedSummary
  let firstDigest: string

  beforeAll(async () => {
    database = await openTestDatabase(dialect)
    db = database.db
    const started = performance.now()
    summary = await seedDemoData(db, { now: NOW })
    // Fast enough to seed at every boot of an empty database.
    expect(performance.now() - started).toBeLessThan(15_000)
    firstDigest = await digest(db)
  })
  afterAll(async () => {
    await database?.close()
  })

  it('files an outcome for every completed 2021 activity, with people served by group; reference data is filled in', async () => {
    const completed = db
      .selectFrom('activity')
      .where('status', '=', 'completed')
      .where('starts_at', '>=', FROM_2021)
      .where('starts_at', '<', TO_2021)
    const all = await completed.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(all.n)).toBe(Object.values(ACTIVITY_COUNTS_2021).reduce((a, b) => a + b, 0))
    const withoutOutcome = await completed
      .where((eb) =>
        eb.or([
          eb('outcome_filed_at', 'is', null),
          eb('outcome_filed_by', 'is', null),
          eb('participant_count', 'is', null),
          eb('materials_used', 'is', null),
          eb.not(
            eb.exists(
              eb
                .selectFrom('activity_beneficiary_count as b')
                .select('b.activity_id')
                .whereRef('b.activity_id', '=', 'activity.id'),
            ),
          ),
        ]),
      )
      .select('id')
      .execute()
    expect(withoutOutcome).toEqual([])
    const sites = await db.selectFrom('site').select(['opening_hours']).execute()
    expect(sites.every((s) => s.opening_hours)).toBe(true)
    const partners = await db
      .selectFrom('partner_organisation')
      .select(['region', 'agreement_signed_on', 'agreement_ends_on'])
      .execute()
    expect(partners.every((p) => p.region)).toBe(true)
    expect(
      partners.filter((p) => p.agreement_signed_on).every((p) => p.agreement_ends_on! > p.agreement_signed_on!),
    ).toBe(true)
    const projects = await db
      .selectFrom('programme')
      .select(['colour', 'parent_programme_id'])
      .where('kind', '=', 'project')
      .execute()
    expect(projects.length).toBeGreaterThanOrEqual(6)
    expect(projects.every((p) => /^#[0-9a-f]{6}$/i.test(p.colour) && p.parent_programme_id !== null)).toBe(true)
  })

  it('holds the summary’s 2021 activity counts per type, and 500余 in all', async () => {
    const rows = await db
      .selectFrom('activity')
      .select((eb) => ['type', eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'completed')
      .where('starts_at', '>=', FROM_2021)
      .where('starts_at', '<', TO_2021)
      .groupBy('type')
      .execute()
    const byType = Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]))
    expect(byType).toMatchObject({
      training: 71,
      lecture: 43,
      reading_promotion: 86,
      exhibition: 15,
      reading_service: 43,
      special_care: 9,
    })
    expect(byType).toEqual(ACTIVITY_COUNTS_2021)
    const total = Object.values(byType).reduce((a, b) => a + b, 0)
    expect(total).toBeGreaterThanOrEqual(501)
    expect(total).toBeLessThanOrEqual(540)
    expect(summary.year2021.byType).toEqual(byType)
    expect(summary.year2021.activities).toBe(total)
    expect(Object.keys(byType).sort()).toEqual([...ACTIVITY_TYPES].sort())
    // Every completed activity lies in 2021 (the year the home page reports).
    expect(
      await count(
        db,
        sql`select count(*) as n from activity where status = 'completed' and (starts_at < ${FROM_2021} or starts_at >= ${TO_2021})`,
      ),
    ).toBe(0)
  })

  it('reports the seeded 2021 figures in the year-end summary', async () => {
    expect(await summarizeYear(db, 2021)).toEqual({ year: 2021, ...SEEDED_2021_FIGURES })
    expect(await findLastReportedYear(db, NOW)).toBe(2021)
    expect(summary.year2021).toMatchObject(SEEDED_2021_FIGURES)
    // People served add up to the attendances; books on visits match what the partner received.
    expect(
      await count(
        db,
        sql`select count(*) as n from activity a where a.status = 'completed'
            and a.participant_count <> (select sum(b.people_count) from activity_beneficiary_count b where b.activity_id = a.id)`,
      ),
    ).toBe(0)
    expect(
      await count(
        db,
        sql`select count(*) as n from activity a join book_shipment s on s.activity_id = a.id
            where a.status = 'completed' and a.books_delivered <> s.received_book_count`,
      ),
    ).toBe(0)
  })

  it('ships no programme’s books it did not collect, with partner work in every state', async () => {
    const stock = await stockByProgramme(db)
    expect(stock.length).toBeGreaterThan(1)
    expect(stock.filter((s) => s.stock < 0)).toEqual([])
    const states = async (table: 'card_request' | 'visit_request' | 'book_shipment') =>
      (await db.selectFrom(table).select('status').distinct().execute()).map((r) => r.status).sort()
    expect(await states('card_request')).toEqual(['approved', 'issued', 'rejected', 'submitted', 'withdrawn'])
    expect(await states('visit_request')).toEqual(['accepted', 'declined', 'scheduled', 'submitted', 'withdrawn'])
    expect(await states('book_shipment')).toEqual(['cancelled', 'preparing', 'received', 'shipped'])
    expect(
      await count(
        db,
        sql`select count(*) as n from book_shipment where status = 'received' and received_on >= '2022-01-01' and (received_book_count < book_count or damage_reported = 1)`,
      ),
    ).toBeGreaterThanOrEqual(1)
    // Every card request has its class lines, and they add up to its cards.
    expect(
      await count(
        db,
        sql`select count(*) as n from card_request r where r.card_count <> (select coalesce(sum(l.card_count), 0) from card_request_line l where l.card_request_id = r.id)`,
      ),
    ).toBe(0)
  })

  it('keeps every shift’s confirmed_count equal to its confirmed sign-ups', async () => {
    expect(
      await count(
        db,
        sql`select count(*) as n from shift s
            where s.confirmed_count <> (select count(*) from signup g where g.shift_id = s.id and g.status = 'confirmed')`,
      ),
    ).toBe(0)
    expect(await count(db, sql`select count(*) as n from shift where confirmed_count > 0`)).toBeGreaterThan(1000)
    // A waitlist only forms behind a full shift, in positions 1, 2, …
    expect(
      await count(
        db,
        sql`select count(*) as n from shift s where s.confirmed_count < s.capacity
            and exists (select 1 from signup g where g.shift_id = s.id and g.status = 'waitlisted')`,
      ),
    ).toBe(0)
    expect(
      await count(
        db,
        sql`select count(*) as n from (select shift_id, max(waitlist_position) as top, count(*) as c from signup
            where status = 'waitlisted' group by shift_id) w where w.top <> w.c`,
      ),
    ).toBe(0)
    // Nobody holds two overlapping shifts.
    expect(
      await count(
        db,
        sql`select count(*) as n from signup a join shift sa on sa.id = a.shift_id
            join signup b on b.volunteer_id = a.volunteer_id and b.id > a.id join shift sb on sb.id = b.shift_id
            where a.status = 'confirmed' and b.status = 'confirmed' and sa.starts_at < sb.ends_at and sb.starts_at < sa.ends_at`,
      ),
    ).toBe(0)
    // Approved hours name their approver, a coordinator.
    expect(
      await count(
        db,
        sql`select count(*) as n from signup g join account c on c.id = g.hours_approved_by
            where g.hours_status = 'approved' and c.role <> 'coordinator'`,
      ),
    ).toBe(0)
  })

  it('gives the home page upcoming activities and open shifts within two weeks', async () => {
    const until = new Date(NOW.getTime() + 14 * DAY_MS)
    const activities = await listUpcomingActivities(db, { now: NOW, until, limit: 50 })
    expect(activities.length).toBeGreaterThanOrEqual(5)
    expect(activities.some((a) => a.is_outreach)).toBe(true)
    const shifts = (await listOpenShifts(db, { now: NOW, limit: 500 })).filter((s) => new Date(s.starts_at) < until)
    expect(shifts.length).toBeGreaterThanOrEqual(10)
    expect(shifts.some((s) => s.confirmed_count === s.capacity)).toBe(true)
    expect(shifts.some((s) => s.confirmed_count < s.capacity)).toBe(true)
    expect(shifts.some((s) => s.place_name === '丰财分馆')).toBe(true)
    expect(
      await count(
        db,
        sql`select count(*) as n from signup g join shift s on s.id = g.shift_id where g.status = 'waitlisted' and s.starts_at > ${NOW.toISOString()}`,
      ),
    ).toBeGreaterThan(0)
  })

  it('has every role’s demo account, signed in with the README’s password', async () => {
    for (const role of ROLES) {
      const account = await db
        .selectFrom('account')
        .selectAll()
        .where('email_normalised', '=', DEMO_EMAILS[role])
        .executeTakeFirstOrThrow()
      expect(account.role).toBe(role)
      expect(account.status).toBe('active')
      expect(account.locale).toBe('zh-CN')
      expect(account.email_verified_at).not.toBeNull()
      expect(await verifyPassword(account.password_hash!, DEMO_PASSWORDS[role])).toBe(true)
      expect(await verifyPassword(account.password_hash!, `${DEMO_PASSWORDS[role]}!`)).toBe(false)
      // More accounts of the role share its password (and its hash).
      const others = await db.selectFrom('account').select('password_hash').where('role', '=', role).execute()
      expect(others.length).toBeGreaterThan(1)
      expect(new Set(others.map((o) => o.password_hash)).size).toBe(1)
    }
    const partner = await db
      .selectFrom('account')
      .innerJoin('partner_organisation as p', 'p.id', 'account.partner_organisation_id')
      .select(['p.kind', 'p.id'])
      .where('account.email_normalised', '=', DEMO_EMAILS.partner_contact)
      .executeTakeFirstOrThrow()
    expect(partner.kind).toBe('school')
    const requests = await db
      .selectFrom('card_request')
      .select('status')
      .where('partner_organisation_id', '=', partner.id)
      .execute()
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set(['submitted', 'approved', 'issued']))
    const volunteer = await db
      .selectFrom('volunteer_profile')
      .innerJoin('account', 'account.id', 'volunteer_profile.account_id')
      .select('volunteer_number')
      .where('account.email_normalised', '=', DEMO_EMAILS.volunteer)
      .executeTakeFirstOrThrow()
    expect(volunteer.volunteer_number).toBe('GL-2021-0042')
    // Two young volunteers, 12 and 13, with their guardians' consent.
    const minors = await db
      .selectFrom('volunteer_profile')
      .select(['birth_date', 'guardian_consent_on'])
      .where('birth_date', '>', '2012-11-25')
      .execute()
    expect(minors).toHaveLength(2)
    for (const m of minors) expect(m.guardian_consent_on).not.toBeNull()
  })

  it('reports the rows it inserted', async () => {
    for (const [table, n] of Object.entries(summary.rows)) {
      expect(await count(db, sql`select count(*) as n from ${sql.table(table)}`), table).toBe(n)
    }
    expect(summary.rows.activity).toBeGreaterThan(512)
    expect(summary.rows.session).toBe(0)
  })

  it('seeds the same rows again for the same `now`, also after a reset (npm run db:seed)', async () => {
    const other = await openTestDatabase(dialect)
    try {
      await seedDemoData(other.db, { now: NOW })
      expect(await digest(other.db)).toBe(firstDigest)
    } finally {
      await other.close()
    }
    // scripts/db-seed.ts: reset and seed in one write transaction.
    await writeTransaction(db, async (trx) => {
      await resetDatabase(trx)
      await seedDemoData(trx, { now: NOW })
    })
    expect(await digest(db)).toBe(firstDigest)
  })

  it('seeds an empty database once: true, then false', async () => {
    const fresh = await openTestDatabase(dialect)
    try {
      expect(await seedIfEmpty(fresh, NOW)).toBe(true)
      const accounts = await count(fresh.db, sql`select count(*) as n from account`)
      expect(await seedIfEmpty(fresh, NOW)).toBe(false)
      expect(await count(fresh.db, sql`select count(*) as n from account`)).toBe(accounts)
    } finally {
      await fresh.close()
    }
  })

  it('seeds once when three processes boot an empty database at the same moment', async () => {
    const empty = dialect === 'sqlite' ? await createEmptyDatabase('sqlite') : undefined
    const target = empty ? undefined : await openTestDatabase(dialect)
    const url = empty?.url ?? target!.url
    try {
      if (empty) {
        // Migrated first, as server/index.ts does before it seeds.
        const migrating = createDatabase(url)
        await migrateToLatest(migrating)
        await migrating.close()
      }
      const results = await seedInChildren(url, 3)
      expect(results.filter(Boolean)).toHaveLength(1)
      const check = createDatabase(url)
      try {
        expect(await digest(check.db)).toBe(firstDigest)
      } finally {
        await check.close()
      }
    } finally {
      await empty?.drop()
      await target?.close()
    }
  })
})
