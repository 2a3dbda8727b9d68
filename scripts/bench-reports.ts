/**
 * The reports rows of `npm run bench` (alone with BENCH_ONLY=reports): ten
 * years of a city network (100,000 volunteers, 60,000 activities, 200,000
 * shifts, 2,000,000 sign-ups, 3,000 certificates) in a throwaway SQLite file,
 * then, against the built app in one process:
 *   - the year report page: its first view (a scope not yet built), the open
 *     year (live), a past year live, the same year once closed (its snapshot),
 *     and the open year filtered to a branch;
 *   - the XLSX export, with the server's resident memory sampled during the run;
 *   - a certificate PDF drawn on request.
 * The same on PostgreSQL when its binaries exist (BENCH_PG=0 skips it).
 * BENCH_CITY=<file> keeps the dataset there (with <file>.json beside it) and
 * reuses it on later runs instead of building it again (minutes).
 */
import type { ChildProcess } from 'node:child_process'
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Sqlite from 'better-sqlite3'
import { sql } from 'kysely'
import { ACTIVITY_THEMES, ACTIVITY_TYPES, BENEFICIARY_GROUPS, CAMPAIGNS, PARTNER_KINDS } from '#db/schema'
import { createDatabase } from '../db/connect'
import { migrateToLatest } from '../db/migrate'
import { fillReportTallies } from '../db/migrations/20261204T0900_add_report_tallies'
import { createSession } from '../app/auth/session.server'
import type { Actor } from '../app/domain/actor'
import { issueCertificateFor } from '../app/domain/certificates/issue.server'
import { closeYear } from '../app/domain/reports/report.server'
import { shanghaiInstant } from '../app/lib/dates'

const VOLUNTEERS = 100_000
const ACTIVITIES = 60_000
const SHIFTS = 200_000
const SIGNUPS_PER_SHIFT = 10 // 2,000,000 sign-ups
const CERTIFICATES = 3_000
const YEARS = 10
const PARTNERS = 300
const SITE_KINDS = [
  ['main_library', 1],
  ['branch', 12],
  ['book_room', 40],
  ['reading_point', 60],
] as const
const PROGRAMMES = 20
const HOUR = 3_600_000
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)

export interface BenchRow {
  setup: string
  route: string
  connections: number
  rps: number
  p50: number
  p99: number
  non2xx: number
  errors: number
  total: number
}

export interface BenchTools {
  dir: string
  startApp(databaseUrl: string, dir: string, concurrency: number): Promise<{ origin: string; child: ChildProcess }>
  stop(child: ChildProcess): Promise<void>
  /** Copies `tables` of the SQLite file into a fresh PostgreSQL database at `url`. */
  copyToPostgres?(file: string, url: string, tables: string[]): Promise<void>
}

export interface CityData {
  thisYear: number
  coordinatorId: number
  adminId: number
  branchId: number
  /** A volunteer with a year of approved service, for the certificate. */
  volunteerNumber: string
}

/** Every table the city dataset fills, parents first (the order PostgreSQL needs). */
export const CITY_TABLES = [
  'site',
  'programme',
  'partner_organisation',
  'account',
  'volunteer_profile',
  'activity',
  'activity_beneficiary_count',
  'shift',
  'signup',
  'shift_service_total',
  'volunteer_service_day',
  'certificate_sequence',
  'certificate',
]

/** Ten years up to today, in a few big transactions through prepared statements. */
export async function generateCity(file: string, now: Date): Promise<CityData> {
  const database = createDatabase(file)
  await migrateToLatest(database)
  await database.close()
  const db = new Sqlite(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = OFF')
  // Loading without the indexes and building them afterwards is several times faster; the report
  // tallies' triggers are off too, and the tallies filled in one pass at the end.
  const indexes = db
    .prepare(
      `select type, name, sql from sqlite_master where type in ('index', 'trigger') and sql is not null and tbl_name in ('shift', 'signup', 'account', 'activity')`,
    )
    .all() as { type: string; name: string; sql: string }[]
  for (const index of indexes) db.exec(`drop ${index.type} ${index.name}`)
  const nowIso = now.toISOString()
  const thisYear = new Date(now.getTime() + 8 * HOUR).getUTCFullYear()
  const firstYear = thisYear - YEARS + 1
  const start = Date.parse(shanghaiInstant(`${firstYear}-01-01`, '00:00'))
  const span = now.getTime() - start
  const at = (fraction: number) => start + Math.floor(fraction * span)
  const iso = (ms: number) => new Date(ms).toISOString()
  let coordinatorId = 0
  let adminId = 0
  let branchId = 0
  const siteIds: number[] = []
  const partnerIds: number[] = []
  const volunteerIds: number[] = []

  db.transaction(() => {
    const site = db.prepare(`insert into site (name, kind, address, created_at, updated_at) values (?, ?, ?, ?, ?)`)
    for (const [kind, count] of SITE_KINDS) {
      for (let i = 1; i <= count; i++) {
        const id = Number(
          site.run(`${kind} ${i}`, kind, `测试路 ${siteIds.length + 1} 号`, nowIso, nowIso).lastInsertRowid,
        )
        siteIds.push(id)
        if (kind === 'branch' && !branchId) branchId = id
      }
    }
    const programme = db.prepare(
      `insert into programme (name, kind, colour, created_at, updated_at) values (?, 'brand', '#336699', ?, ?)`,
    )
    for (let i = 1; i <= PROGRAMMES; i++) programme.run(`城市项目 ${i}`, nowIso, nowIso)
    const partner = db.prepare(
      `insert into partner_organisation (name, kind, agreement_signed_on, active, created_at, updated_at) values (?, ?, ?, 1, ?, ?)`,
    )
    for (let i = 0; i < PARTNERS; i++) {
      const signed = i % 3 === 0 ? `${firstYear + (i % YEARS)}-03-01` : null
      partnerIds.push(
        Number(
          partner.run(`合作单位 ${i + 1}`, PARTNER_KINDS[i % PARTNER_KINDS.length], signed, nowIso, nowIso)
            .lastInsertRowid,
        ),
      )
    }
    const account = db.prepare(
      `insert into account (name, email, email_normalised, phone, role, password_hash, email_verified_at, locale, status, created_at, updated_at)
       values (?, ?, ?, ?, ?, null, ?, 'zh-CN', 'active', ?, ?)`,
    )
    const staff = (name: string, role: string) =>
      Number(
        account.run(name, `${role}@city.test`, `${role}@city.test`, null, role, nowIso, nowIso, nowIso).lastInsertRowid,
      )
    coordinatorId = staff('协调员', 'coordinator')
    adminId = staff('管理员', 'admin')
    const profile = db.prepare(
      `insert into volunteer_profile (account_id, volunteer_number, birth_date, privacy_consent_at, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?)`,
    )
    for (let i = 0; i < VOLUNTEERS; i++) {
      const created = iso(at(i / VOLUNTEERS))
      const email = `v${i}@city.test`
      const id = Number(
        account.run(
          `志愿者${i}`,
          email,
          email,
          `139${String(i).padStart(8, '0')}`,
          'volunteer',
          created,
          created,
          created,
        ).lastInsertRowid,
      )
      const birth = i % 9 === 0 ? null : `${1950 + (i % 60)}-0${1 + (i % 9)}-15`
      profile.run(id, `GL-C-${i + 1}`, birth, created, created, created)
      volunteerIds.push(id)
    }
  })()

  const activityIds: number[] = []
  const activityStarts: number[] = []
  db.transaction(() => {
    const activity = db.prepare(
      `insert into activity (title, type, theme, campaign, programme_id, site_id, partner_organisation_id, mode, starts_at, ends_at,
         status, is_public, requires_insurance, coordinator_id, participant_count, books_delivered, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
    )
    const beneficiaries = db.prepare(
      `insert into activity_beneficiary_count (activity_id, beneficiary_group, people_count) values (?, ?, ?)`,
    )
    for (let i = 0; i < ACTIVITIES; i++) {
      const begins = at(i / ACTIVITIES) + 9 * HOUR
      const past = begins + 2 * HOUR < now.getTime()
      const visit = i % 10 === 0
      const id = Number(
        activity.run(
          `城市活动 ${i + 1}`,
          ACTIVITY_TYPES[i % ACTIVITY_TYPES.length],
          i % 4 === 0 ? null : ACTIVITY_THEMES[i % ACTIVITY_THEMES.length],
          i % 5 === 0 ? CAMPAIGNS[i % CAMPAIGNS.length] : null,
          (i % PROGRAMMES) + 1,
          siteIds[i % siteIds.length],
          visit ? partnerIds[i % partnerIds.length] : null,
          i % 6 === 0 ? 'online' : 'offline',
          iso(begins),
          iso(begins + 2 * HOUR),
          !past ? 'published' : i % 37 === 0 ? 'cancelled' : 'completed',
          i % 7 === 0 ? 1 : 0,
          coordinatorId,
          past ? 20 + (i % 80) : null,
          past && visit ? 50 : null,
          nowIso,
          nowIso,
        ).lastInsertRowid,
      )
      if (past && visit) beneficiaries.run(id, BENEFICIARY_GROUPS[i % BENEFICIARY_GROUPS.length], 30 + (i % 40))
      activityIds.push(id)
      activityStarts.push(begins)
    }
  })()

  let volunteerNumber = ''
  const shift = db.prepare(
    `insert into shift (site_id, activity_id, role, starts_at, ends_at, capacity, confirmed_count, cancel_cutoff_hours, status, created_at, updated_at)
     values (?, ?, 'activity_assistant', ?, ?, 12, ?, 12, 'open', ?, ?)`,
  )
  const signup = db.prepare(
    `insert into signup (shift_id, volunteer_id, status, attendance, service_minutes, hours_status, hours_approved_by, hours_approved_at, created_at, updated_at)
     values (?, ?, 'confirmed', ?, ?, ?, ?, ?, ?, ?)`,
  )
  // Sign-ups in ten transactions of 200,000 rows each.
  const batch = SHIFTS / 10
  for (let b = 0; b < SHIFTS; b += batch) {
    db.transaction(() => {
      for (let i = b; i < b + batch; i++) {
        const withActivity = i % 2 === 0
        const a = Math.min(ACTIVITIES - 1, Math.floor((i / SHIFTS) * ACTIVITIES))
        const begins = withActivity ? activityStarts[a]! : at(i / SHIFTS) + 14 * HOUR
        const past = begins + 3 * HOUR < now.getTime()
        const id = Number(
          shift.run(
            withActivity ? null : siteIds[i % siteIds.length],
            withActivity ? activityIds[a] : null,
            iso(begins),
            iso(begins + 3 * HOUR),
            SIGNUPS_PER_SHIFT,
            nowIso,
            nowIso,
          ).lastInsertRowid,
        )
        for (let j = 0; j < SIGNUPS_PER_SHIFT; j++) {
          const approved = past && j !== 0 && j % 4 !== 3
          signup.run(
            id,
            volunteerIds[(i * SIGNUPS_PER_SHIFT + j * 7_919) % VOLUNTEERS],
            past ? (j === 0 ? 'no_show' : 'attended') : 'pending',
            past && j !== 0 ? 180 : null,
            approved ? 'approved' : past && j !== 0 ? 'pending' : 'none',
            approved ? coordinatorId : null,
            approved ? nowIso : null,
            nowIso,
            nowIso,
          )
        }
      }
    })()
  }
  volunteerNumber = 'GL-C-2'

  db.transaction(() => {
    const certificate = db.prepare(
      `insert into certificate (number, verification_code, volunteer_id, issued_by, period_from, period_to, total_minutes, content,
         status, issued_at, revoked_at, revoked_by, revoke_reason, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, 1800, '{}', ?, ?, ?, ?, ?, ?, ?)`,
    )
    for (let i = 0; i < CERTIFICATES; i++) {
      const issued = iso(at(i / CERTIFICATES))
      const year = Number(issued.slice(0, 4))
      const revoked = i % 20 === 0
      certificate.run(
        `BENCH-${i + 1}`,
        `bench-code-${i + 1}`,
        volunteerIds[(i * 31) % VOLUNTEERS],
        coordinatorId,
        `${year}-01-01`,
        issued.slice(0, 10),
        revoked ? 'revoked' : 'valid',
        issued,
        revoked ? issued : null,
        revoked ? coordinatorId : null,
        revoked ? '测试撤销' : null,
        issued,
        issued,
      )
    }
  })()
  for (const index of indexes) db.exec(index.sql)
  db.close()
  const tallied = createDatabase(file)
  await fillReportTallies(tallied.db, 'sqlite')
  await sql`analyze`.execute(tallied.db)
  await tallied.close()
  return { thisYear, coordinatorId, adminId, branchId, volunteerNumber }
}

const actor = (accountId: number, role: 'coordinator' | 'admin'): Actor => ({
  accountId,
  role,
  partnerOrganisationId: null,
  name: role,
  email: `${role}@city.test`,
  locale: 'zh-CN',
  emailVerified: true,
})

/** A closed year, a certificate and a staff session, made through the domain as the app would. */
async function prepare(databaseUrl: string, data: CityData, now: Date) {
  const database = createDatabase(databaseUrl)
  try {
    const settings = {
      idKey: Buffer.alloc(32, 7),
      personInCharge: '馆长',
      contact: '025-00000000',
      appOrigin: 'http://bench',
    }
    const certificate = await issueCertificateFor(
      database.db,
      actor(data.coordinatorId, 'coordinator'),
      data.volunteerNumber,
      { from: `${data.thisYear - 1}-01-01`, to: `${data.thisYear - 1}-12-31` },
      settings,
      { now, ip: '127.0.0.1', appOrigin: 'http://bench' },
    )
    const closed = Date.now()
    await closeYear(database.db, actor(data.adminId, 'admin'), data.thisYear - 2, now)
    const closingMs = Date.now() - closed
    const session = await createSession(database.db, { id: data.coordinatorId, role: 'coordinator' }, now)
    return { certificateId: certificate.id, cookie: `session=${session.token}`, closingMs }
  } finally {
    await database.close()
  }
}

/** Resident memory of a process in MiB, from /proc (Linux). */
function residentMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  return Math.round(kb / 1024)
}

/**
 * One request at a time (these are per-request latencies, not throughput): at
 * least 20 requests, or as many as fit in BENCH_SECONDS.
 */
async function timed(
  setup: string,
  route: string,
  url: string | ((i: number) => string),
  cookie: string,
): Promise<BenchRow> {
  process.stdout.write(`[bench] ${setup}: ${route} … `)
  const latencies: number[] = []
  let non2xx = 0
  const until = Date.now() + SECONDS * 1000
  const started = performance.now()
  while (latencies.length < 20 || Date.now() < until) {
    const t = performance.now()
    const response = await fetch(typeof url === 'string' ? url : url(latencies.length), { headers: { cookie } })
    await response.arrayBuffer()
    latencies.push(performance.now() - t)
    if (!response.ok) non2xx++
  }
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const q = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!)
  const row = {
    setup,
    route,
    connections: 1,
    rps: latencies.length / seconds,
    p50: q(0.5),
    p99: q(0.99),
    non2xx,
    errors: 0,
    total: latencies.length,
  }
  console.log(`p50 ${row.p50} ms, p99 ${row.p99} ms`)
  return row
}

async function rowsFor(label: string, databaseUrl: string, data: CityData, tools: BenchTools): Promise<BenchRow[]> {
  const now = new Date()
  const { certificateId, cookie, closingMs } = await prepare(databaseUrl, data, now)
  console.log(`[bench] ${label}: closing year ${data.thisYear - 2} (building its snapshot) took ${closingMs} ms`)
  const host = await tools.startApp(databaseUrl, tools.dir, 1)
  const rows: BenchRow[] = []
  try {
    const get = (route: string, url: string | ((i: number) => string)) =>
      timed(label, route, typeof url === 'string' ? `${host.origin}${url}` : (i) => `${host.origin}${url(i)}`, cookie)
    const { thisYear } = data
    await fetch(`${host.origin}/reports/${thisYear}`, { headers: { cookie } }) // warm-up
    // A report is reused until the data changes: each request here asks for a scope not yet built.
    const day = (i: number) => new Date(Date.UTC(thisYear, 0, 2 + (i % 360))).toISOString().slice(0, 10)
    rows.push(await get(`year report ${thisYear}, first view (built)`, (i) => `/reports/${thisYear}?from=${day(i)}`))
    rows.push(await get(`year report ${thisYear} (open year, live)`, `/reports/${thisYear}`))
    rows.push(await get(`year report ${thisYear - 1} (past year, live)`, `/reports/${thisYear - 1}`))
    rows.push(await get(`year report ${thisYear - 2} (closed: snapshot)`, `/reports/${thisYear - 2}`))
    rows.push(await get(`year report ${thisYear}, one branch`, `/reports/${thisYear}?site=${data.branchId}`))
    const pid = host.child.pid!
    const before = residentMiB(pid, 'VmRSS')
    let peak = before
    const sampler = setInterval(() => (peak = Math.max(peak, residentMiB(pid, 'VmRSS'))), 10)
    rows.push(await get(`year report ${thisYear}.xlsx (streamed)`, `/reports/${thisYear}.xlsx`))
    clearInterval(sampler)
    console.log(
      `[bench] ${label}: server RSS ${before} MiB before the XLSX run, peak ${peak} MiB during it (process high-water mark ${residentMiB(pid, 'VmHWM')} MiB)`,
    )
    rows.push(await get('certificate PDF (1 year of service)', `/certificates/${certificateId}.pdf`))
  } finally {
    await tools.stop(host.child)
  }
  return rows
}

/** The reports rows on SQLite, then PostgreSQL when `postgresUrl` is given. */
export async function reportsBench(tools: BenchTools, postgresUrl?: string): Promise<BenchRow[]> {
  const file = path.join(tools.dir, 'city.db')
  const kept = process.env.BENCH_CITY
  const started = Date.now()
  let data: CityData
  if (kept && existsSync(kept) && existsSync(`${kept}.json`)) {
    copyFileSync(kept, file)
    const database = createDatabase(file)
    await migrateToLatest(database) // a dataset kept from an earlier schema
    await database.close()
    data = JSON.parse(readFileSync(`${kept}.json`, 'utf8')) as CityData
    console.log(`[bench] city dataset reused from ${kept}`)
  } else {
    data = await generateCity(file, new Date())
    if (kept) {
      copyFileSync(file, kept)
      writeFileSync(`${kept}.json`, JSON.stringify(data))
    }
  }
  console.log(
    `[bench] city dataset (${VOLUNTEERS.toLocaleString('en')} volunteers, ${ACTIVITIES.toLocaleString('en')} activities, ` +
      `${(SHIFTS * SIGNUPS_PER_SHIFT).toLocaleString('en')} sign-ups) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
  const rows = await rowsFor('reports, SQLite', file, data, tools)
  if (postgresUrl && tools.copyToPostgres) {
    const copied = Date.now()
    await tools.copyToPostgres(file, postgresUrl, CITY_TABLES)
    console.log(`[bench] city dataset copied to PostgreSQL in ${((Date.now() - copied) / 1000).toFixed(1)} s`)
    rows.push(...(await rowsFor('reports, PostgreSQL', postgresUrl, data, tools)))
  }
  return rows
}
