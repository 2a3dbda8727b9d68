/**
 * `npm run bench`: a large dataset (5,000 volunteers, 20,000 shifts, 200,000
 * sign-ups) in a fresh SQLite file, then in one run, each row at 10 and 50
 * connections (autocannon on loopback, BENCH_SECONDS per row, default 5):
 *   - the disk's limit: a raw BEGIN IMMEDIATE; INSERT; COMMIT loop (WAL, synchronous=FULL);
 *   - a bare `node:http` server sending the same month payload (the framework's cost shows as a ratio);
 *   - the BUILT app (`node build/host/index.js`) with WEB_CONCURRENCY=1 and one worker per core:
 *     month page, month data anonymous (cached) and signed in (fresh), a shift page, the sign-up action;
 *   - the same routes on PostgreSQL with one worker per core, where the server binaries exist
 *     (the dataset copied over; BENCH_PG=0 skips it).
 * Then the sign-up invariants are checked on the SQLite file, and the reports rows run on their own
 * ten-year dataset (scripts/bench-reports.ts). BENCH_ONLY=reports runs only those. BENCH_KEEP=1 keeps the files.
 *
 * The bare server is this same file run with `--bare <db> <port>` in a child
 * process, so it does not share a thread with autocannon.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import Sqlite from 'better-sqlite3'
import pg from 'pg'
import { createDatabase } from '../db/connect'
import { migrateToLatest } from '../db/migrate'
import { createSession } from '../app/auth/session.server'
import { databaseUrl, startPostgres, withAdminClient } from '../tests/support/postgres'
import { loadMonth } from '../app/domain/shifts/calendar.server'
import { MONTH_CELL_SHIFTS } from '../app/domain/shifts/calendar-view.server'
import { reportsBench, type BenchTools } from './bench-reports'
import { shanghaiDay, shanghaiInstant } from '../app/lib/dates'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
/** Connections per row. */
const LEVELS = [10, 50]
const VOLUNTEERS = 5_000
const SHIFTS = 20_000
const SIGNUPS_PER_SHIFT = 10 // 200,000 sign-ups
const SITES = 20
const PROGRAMMES = 10
const ACTIVITIES = 2_000
/** Far-future shifts the sign-up run writes to, a day apart so a volunteer can take them all. */
const BENCH_SHIFTS = 20
const BENCH_CAPACITY = 100
const DAY = 86_400_000
const HOUR = 3_600_000

// ---------------------------------------------------------------------------
// Bare mode: the calendar query behind plain node:http, JSON out.

if (process.argv[2] === '--bare') {
  const [file, port] = process.argv.slice(3) as [string, string]
  const database = createDatabase(file)
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const from = url.searchParams.get('from') ?? shanghaiDay(new Date())
    const to = url.searchParams.get('to') ?? from
    loadMonth(
      database.db,
      { from: new Date(shanghaiInstant(from, '00:00')), to: new Date(shanghaiInstant(to, '00:00')) },
      MONTH_CELL_SHIFTS,
    ).then(
      (days) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(days))
      },
      (error: unknown) => {
        res.writeHead(500)
        res.end(String(error))
      },
    )
  })
  server.listen(Number(port), '127.0.0.1', () => process.send?.('ready'))
} else {
  await main()
}

// ---------------------------------------------------------------------------

async function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  process.chdir(root)
  if (!existsSync('build/host/index.js') || !existsSync('build/server/index.js')) {
    console.log('[bench] no build: npm run build')
    const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' })
    if (built.status !== 0) throw new Error('build failed')
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tongxing-bench-'))
  const file = path.join(dir, 'bench.db')
  const children: ChildProcess[] = []
  const rows: Row[] = []
  const load = [os.loadavg()[0]!]
  let postgres: Awaited<ReturnType<typeof startPostgres>>
  const tools: BenchTools = { dir, startApp, stop, copyToPostgres }
  const reportsOnPostgres = async () => {
    if (!postgres) return undefined
    const url = databaseUrl(postgres.url, 'city')
    await withAdminClient(postgres.url, (client) => client.query('create database city'))
    return url
  }
  try {
    if (process.env.BENCH_ONLY === 'reports') {
      postgres = process.env.BENCH_PG === '0' ? undefined : await startPostgres()
      rows.push(...(await reportsBench(tools, await reportsOnPostgres())))
      printTable(rows)
      return
    }
    const started = Date.now()
    const data = await generate(file)
    console.log(`[bench] dataset in ${((Date.now() - started) / 1000).toFixed(1)} s: ${file}`)
    rows.push(rawCommitRate(path.join(dir, 'commit-rate.db')))

    const barePort = await freePort()
    const bare = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--bare', file, String(barePort)],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    )
    children.push(bare)
    await new Promise((r) => bare.once('message', r))
    const { from, to } = data.range
    for (const connections of LEVELS) {
      rows.push(
        await run('-', 'bare node:http: month payload → JSON', connections, {
          url: `http://127.0.0.1:${barePort}/calendar.json?from=${from}&to=${to}`,
        }),
      )
    }
    bare.kill('SIGTERM')

    const cookies = await sessionCookies(file, data.volunteerIds)
    const signups = signupPicker(cookies, data.benchShiftIds)
    const workers = os.availableParallelism()
    for (const concurrency of [1, workers]) {
      const label = concurrency === 1 ? 'SQLite, 1 process' : `SQLite, ${concurrency} workers`
      const host = await startApp(file, dir, concurrency)
      children.push(host.child)
      rows.push(...(await routeRows(label, host.origin, data, cookies, signups)))
      load.push(os.loadavg()[0]!)
      await stop(host.child)
    }
    printTable(rows)
    checkInvariants(file, data.benchShiftIds)

    postgres = process.env.BENCH_PG === '0' ? undefined : await startPostgres()
    if (postgres) {
      const url = databaseUrl(postgres.url, 'bench')
      await withAdminClient(postgres.url, (client) => client.query('create database bench'))
      const copied = Date.now()
      await copyToPostgres(file, url)
      console.log(`[bench] dataset copied to PostgreSQL in ${((Date.now() - copied) / 1000).toFixed(1)} s`)
      const pgCookies = await sessionCookies(url, data.volunteerIds)
      const host = await startApp(url, dir, workers)
      children.push(host.child)
      const pgRows = await routeRows(
        `PostgreSQL, ${workers} workers`,
        host.origin,
        data,
        pgCookies,
        signupPicker(pgCookies, data.benchShiftIds),
      )
      load.push(os.loadavg()[0]!)
      await stop(host.child)
      rows.push(...pgRows)
      printTable(rows)
    } else console.log('[bench] no PostgreSQL binaries (or BENCH_PG=0): PostgreSQL rows skipped')
    rows.push(...(await reportsBench(tools, await reportsOnPostgres())))
    printTable(rows)
    console.log(`\nload average (1 min) at the start and after each block: ${load.map((l) => l.toFixed(1)).join(', ')}`)
  } finally {
    for (const child of children) child.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 500))
    await postgres?.stop()
    if (process.env.BENCH_KEEP === '1') console.log(`[bench] kept ${dir}`)
    else rmSync(dir, { recursive: true, force: true })
  }
}

async function startApp(databaseUrl: string, dir: string, concurrency: number) {
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const child = spawn('node', ['build/host/index.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      WEB_CONCURRENCY: String(concurrency),
      SEED_DEMO_DATA: 'false',
      DATABASE_URL: databaseUrl,
      // Each worker's pool; PostgreSQL's max_connections in the harness is 200.
      DATABASE_POOL_SIZE: '10',
      MAIL_WORKER: 'false',
      MAIL_DIR: path.join(dir, 'mail'),
      HOST: '127.0.0.1',
      PORT: String(port),
      APP_ORIGIN: origin,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  await waitFor(`${origin}/resources/healthcheck`)
  return { origin, child }
}

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await exited
}

async function sessionCookies(databaseUrl: string, volunteerIds: number[]): Promise<string[]> {
  const database = createDatabase(databaseUrl)
  const cookies: string[] = []
  for (const id of volunteerIds) {
    const session = await createSession(database.db, { id, role: 'volunteer' }, new Date())
    cookies.push(`session=${session.token}`)
  }
  await database.close()
  return cookies
}

/** Each sign-up a new (volunteer, bench shift) pair, across every sign-up row of the run. */
function signupPicker(cookies: string[], benchShiftIds: number[]) {
  let n = 0
  return () => {
    const k = n++
    return {
      cookie: cookies[k % cookies.length]!,
      shift: benchShiftIds[Math.floor(k / cookies.length) % benchShiftIds.length]!,
    }
  }
}

async function routeRows(
  setup: string,
  origin: string,
  data: Awaited<ReturnType<typeof generate>>,
  cookies: string[],
  nextSignup: () => { cookie: string; shift: number },
): Promise<Row[]> {
  const { from, to, today } = data.range
  const rows: Row[] = []
  const dataPath = `/shifts.data?view=month&date=${today}&from=${from}&to=${to}`
  for (const connections of LEVELS) {
    rows.push(
      await run(setup, 'month page HTML (anonymous)', connections, {
        url: `${origin}/shifts?view=month&date=${today}`,
      }),
    )
    rows.push(await run(setup, 'month data (anonymous: 10 s cache)', connections, { url: `${origin}${dataPath}` }))
    rows.push(
      await run(setup, 'month data (signed in: fresh)', connections, {
        url: `${origin}${dataPath}`,
        headers: { cookie: cookies[0]! },
      }),
    )
    let page = 0
    rows.push(
      await run(setup, 'shift page (signed in)', connections, {
        url: origin,
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => ({
              ...request,
              path: `/shifts/${data.futureShiftIds[page++ % data.futureShiftIds.length]}`,
              headers: { cookie: cookies[page % cookies.length]! },
            }),
          },
        ],
      }),
    )
    rows.push(
      await run(setup, 'sign-up action (POST, 302)', connections, {
        url: origin,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const { cookie, shift } = nextSignup()
              return {
                ...request,
                path: `/shifts/${shift}`,
                headers: {
                  'content-type': 'application/x-www-form-urlencoded',
                  'sec-fetch-site': 'same-origin',
                  cookie,
                },
                body: 'intent=signup',
              }
            },
          },
        ],
      }),
    )
  }
  return rows
}

/** The disk's limit for one small transaction: BEGIN IMMEDIATE; INSERT; COMMIT in WAL with synchronous=FULL. */
function rawCommitRate(file: string): Row {
  const db = new Sqlite(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec('create table t (id integer primary key, v text)')
  const begin = db.prepare('begin immediate')
  const insert = db.prepare('insert into t (v) values (?)')
  const commit = db.prepare('commit')
  const latencies: number[] = []
  const until = Date.now() + Math.min(SECONDS, 5) * 1000
  const started = performance.now()
  while (Date.now() < until) {
    const t = performance.now()
    begin.run()
    insert.run('x')
    commit.run()
    latencies.push(performance.now() - t)
  }
  const seconds = (performance.now() - started) / 1000
  db.close()
  latencies.sort((a, b) => a - b)
  const at = (q: number) => Number(latencies[Math.floor(q * (latencies.length - 1))]!.toFixed(2))
  const row = {
    setup: 'SQLite file',
    route: 'raw commit rate (1 writer, same disk)',
    connections: 1,
    rps: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    non2xx: 0,
    errors: 0,
    total: latencies.length,
  }
  console.log(`[bench] raw commit rate … ${Math.round(row.rps)} commits/s`)
  return row
}

/** The SQLite dataset into PostgreSQL, table by table, then the identity sequences past the copied ids. */
async function copyToPostgres(
  file: string,
  url: string,
  tables = [
    'site',
    'programme',
    'account',
    'volunteer_profile',
    'activity',
    'shift',
    'signup',
    'shift_service_total',
    'volunteer_service_day',
  ],
) {
  const database = createDatabase(url)
  await migrateToLatest(database)
  await database.close()
  const source = new Sqlite(file, { readonly: true })
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    // Rows as they are, derived tables included: no triggers, no foreign-key checks while copying.
    await client.query('set session_replication_role = replica')
    for (const table of tables) {
      const all = source.prepare(`select * from ${table}`).all() as Record<string, unknown>[]
      if (all.length === 0) continue
      const columns = Object.keys(all[0]!)
      const batch = Math.floor(60_000 / columns.length)
      for (let i = 0; i < all.length; i += batch) {
        const chunk = all.slice(i, i + batch)
        const values: unknown[] = []
        const tuples = chunk.map((row) => `(${columns.map((c) => `$${values.push(row[c])}`).join(',')})`)
        await client.query(`insert into ${table} (${columns.join(',')}) values ${tuples.join(',')}`, values)
      }
      if (columns.includes('id') && table !== 'volunteer_profile') {
        await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`)
      }
    }
    // As autovacuum leaves a settled database: statistics, and the visibility map that lets a count
    // read an index alone instead of visiting each row it names.
    await client.query('vacuum analyze')
  } finally {
    await client.end()
    source.close()
  }
}

interface Row {
  setup: string
  route: string
  connections: number
  rps: number
  p50: number
  p99: number
  non2xx: number
  errors: number
  total: number
  /** The body of one response, for the calendar rows (a plain GET). */
  bytes?: number
}

async function run(
  setup: string,
  route: string,
  connections: number,
  options: Partial<autocannon.Options>,
): Promise<Row> {
  process.stdout.write(`[bench] ${setup}: ${route} @${connections} … `)
  const bytes = options.requests ? undefined : await bodyBytes(options.url!, options.headers)
  const result = await autocannon({
    url: options.url!,
    connections,
    duration: SECONDS,
    ...options,
  })
  const row = {
    setup,
    route,
    connections,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    total: result.requests.total,
    bytes,
  }
  console.log(`${Math.round(row.rps)} req/s`)
  return row
}

async function bodyBytes(url: string, headers: autocannon.Options['headers']): Promise<number> {
  const response = await fetch(url, { headers: headers as Record<string, string> | undefined })
  return (await response.arrayBuffer()).byteLength
}

function printTable(rows: Row[]) {
  const bare = new Map(rows.filter((r) => r.route.startsWith('bare')).map((r) => [r.connections, r.rps]))
  const header = [
    'setup',
    'route',
    'conns',
    'req/s',
    'p50 ms',
    'p99 ms',
    'vs bare',
    'KB',
    'requests',
    'non-2xx',
    'errors',
  ]
  const lines = rows.map((r) => {
    const base = bare.get(r.connections)
    return [
      r.setup,
      r.route,
      String(r.connections),
      Math.round(r.rps).toLocaleString('en'),
      String(r.p50),
      String(r.p99),
      base && r.setup !== 'SQLite file' ? (r.rps / base).toFixed(2) : '',
      r.bytes === undefined ? '' : (r.bytes / 1024).toFixed(1),
      r.total.toLocaleString('en'),
      String(r.non2xx),
      String(r.errors),
    ]
  })
  console.log(
    `\n${SECONDS} s per row, loopback, ${os.availableParallelism()} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n`,
  )
  console.log(`| ${header.join(' | ')} |`)
  console.log(`|${header.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`)
  for (const line of lines) console.log(`| ${line.join(' | ')} |`)
}

function checkInvariants(file: string, benchShiftIds: number[]) {
  const db = new Sqlite(file, { readonly: true })
  const over = db.prepare('select count(*) as n from shift where confirmed_count > capacity').get() as { n: number }
  const mismatched = db
    .prepare(
      `select count(*) as n from shift s
       where s.confirmed_count <> (select count(*) from signup where shift_id = s.id and status = 'confirmed')`,
    )
    .get() as { n: number }
  const duplicates = db
    .prepare(
      `select count(*) as n from (select shift_id, volunteer_id from signup where status <> 'cancelled'
       group by shift_id, volunteer_id having count(*) > 1)`,
    )
    .get() as { n: number }
  const marks = benchShiftIds.map(() => '?').join(',')
  const bench = db
    .prepare(`select status, count(*) as n from signup where shift_id in (${marks}) group by status order by status`)
    .all(...benchShiftIds) as { status: string; n: number }[]
  db.close()
  console.log('\nInvariants after the sign-up run:')
  console.log(`  shifts over capacity:                    ${over.n}`)
  console.log(`  shifts whose confirmed_count != rows:    ${mismatched.n}`)
  console.log(`  duplicate active sign-ups:               ${duplicates.n}`)
  console.log(`  bench shifts' sign-ups by status:        ${bench.map((b) => `${b.status} ${b.n}`).join(', ')}`)
  console.log(
    `  bench shifts: ${benchShiftIds.length} × capacity ${BENCH_CAPACITY} = ${benchShiftIds.length * BENCH_CAPACITY} seats`,
  )
  if (over.n || mismatched.n || duplicates.n) {
    console.log('INVARIANTS BROKEN')
    process.exitCode = 1
  } else console.log('  all hold')
}

// ---------------------------------------------------------------------------
// The dataset

async function generate(file: string) {
  const database = createDatabase(file)
  await migrateToLatest(database)
  await database.close()

  const db = new Sqlite(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = OFF')
  const now = new Date()
  const nowIso = now.toISOString()
  const today = shanghaiDay(now)
  const firstDay = Date.parse(shanghaiInstant(today, '00:00')) - 200 * DAY
  const volunteerIds: number[] = []
  const futureShiftIds: number[] = []
  const benchShiftIds: number[] = []

  db.transaction(() => {
    const site = db.prepare(
      `insert into site (name, kind, address, created_at, updated_at) values (?, 'branch', ?, ?, ?)`,
    )
    for (let i = 1; i <= SITES; i++) site.run(`测试分馆 ${i}`, `鼓楼区测试路 ${i} 号`, nowIso, nowIso)
    const programme = db.prepare(
      `insert into programme (name, kind, colour, created_at, updated_at) values (?, 'brand', ?, ?, ?)`,
    )
    for (let i = 1; i <= PROGRAMMES; i++) {
      programme.run(`测试项目 ${i}`, `#${((i * 2_654_435) & 0xffffff).toString(16).padStart(6, '0')}`, nowIso, nowIso)
    }
    const account = db.prepare(
      `insert into account (name, email, email_normalised, phone, role, password_hash, email_verified_at, locale, status, created_at, updated_at)
       values (?, ?, ?, ?, ?, null, ?, 'zh-CN', 'active', ?, ?)`,
    )
    const profile = db.prepare(
      `insert into volunteer_profile (account_id, volunteer_number, birth_date, skills, interests, availability, privacy_consent_at, created_at, updated_at)
       values (?, ?, '1990-05-01', '[]', '[]', '[]', ?, ?, ?)`,
    )
    const coordinator = Number(
      account.run(
        '协调员',
        'coord@bench.test',
        'coord@bench.test',
        '13900000000',
        'coordinator',
        nowIso,
        nowIso,
        nowIso,
      ).lastInsertRowid,
    )
    for (let i = 1; i <= VOLUNTEERS; i++) {
      const email = `v${i}@bench.test`
      const phone = `138${String(i).padStart(8, '0')}`
      const id = Number(
        account.run(`志愿者${i}`, email, email, phone, 'volunteer', nowIso, nowIso, nowIso).lastInsertRowid,
      )
      profile.run(id, `GL-B-${i}`, nowIso, nowIso, nowIso)
      volunteerIds.push(id)
    }
    const activity = db.prepare(
      `insert into activity (title, type, programme_id, site_id, mode, starts_at, ends_at, status, description, is_public, requires_insurance, coordinator_id, created_at, updated_at)
       values (?, 'reading_promotion', ?, ?, 'offline', ?, ?, 'published', '测试活动', 1, 0, ?, ?, ?)`,
    )
    const activityIds: number[] = []
    for (let i = 0; i < ACTIVITIES; i++) {
      const start = firstDay + Math.floor((i / ACTIVITIES) * 400) * DAY + 6 * HOUR
      activityIds.push(
        Number(
          activity.run(
            `测试活动 ${i + 1}`,
            (i % PROGRAMMES) + 1,
            (i % SITES) + 1,
            new Date(start).toISOString(),
            new Date(start + 3 * HOUR).toISOString(),
            coordinator,
            nowIso,
            nowIso,
          ).lastInsertRowid,
        ),
      )
    }
    const shift = db.prepare(
      `insert into shift (site_id, activity_id, role, starts_at, ends_at, capacity, confirmed_count, cancel_cutoff_hours, status, what_to_bring, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, 12, 'open', '工作证', ?, ?)`,
    )
    const signup = db.prepare(
      `insert into signup (shift_id, volunteer_id, status, attendance, service_minutes, hours_status, hours_approved_by, hours_approved_at, created_at, updated_at)
       values (?, ?, 'confirmed', ?, ?, ?, ?, ?, ?, ?)`,
    )
    const roles = ['lending_desk', 'reading_guide', 'activity_assistant', 'newspaper_reading', 'book_handling']
    // 20,000 shifts over 400 days (50 a day), from 200 days ago; one in five belongs to an activity.
    for (let i = 0; i < SHIFTS; i++) {
      const day = Math.floor(i / (SHIFTS / 400))
      const start = firstDay + day * DAY + (1 + (i % 3) * 4) * HOUR // 09:00, 13:00 or 17:00 in Shanghai
      const withActivity = i % 5 === 0
      const past = start + 3 * HOUR < now.getTime()
      const id = Number(
        shift.run(
          withActivity ? null : (i % SITES) + 1,
          withActivity ? activityIds[Math.min(ACTIVITIES - 1, Math.floor((day / 400) * ACTIVITIES))]! : null,
          roles[i % roles.length]!,
          new Date(start).toISOString(),
          new Date(start + 3 * HOUR).toISOString(),
          SIGNUPS_PER_SHIFT + (i % 5),
          SIGNUPS_PER_SHIFT,
          nowIso,
          nowIso,
        ).lastInsertRowid,
      )
      if (!past && futureShiftIds.length < 1000) futureShiftIds.push(id)
      for (let j = 0; j < SIGNUPS_PER_SHIFT; j++) {
        const volunteer = volunteerIds[(i * SIGNUPS_PER_SHIFT + j * 7) % VOLUNTEERS]!
        signup.run(
          id,
          volunteer,
          past ? (j === 0 ? 'no_show' : 'attended') : 'pending',
          past && j !== 0 ? 180 : null,
          past && j !== 0 ? (j % 3 === 0 ? 'pending' : 'approved') : 'none',
          past && j !== 0 && j % 3 !== 0 ? coordinator : null,
          past && j !== 0 && j % 3 !== 0 ? nowIso : null,
          nowIso,
          nowIso,
        )
      }
    }
    // The sign-up run's shifts: after everything else, a day apart, no sign-ups yet.
    for (let i = 0; i < BENCH_SHIFTS; i++) {
      const start = firstDay + (420 + i) * DAY + HOUR
      benchShiftIds.push(
        Number(
          shift.run(
            1,
            null,
            'lending_desk',
            new Date(start).toISOString(),
            new Date(start + 3 * HOUR).toISOString(),
            BENCH_CAPACITY,
            0,
            nowIso,
            nowIso,
          ).lastInsertRowid,
        ),
      )
    }
  })()
  db.pragma('synchronous = FULL')
  db.exec('analyze')
  db.close()

  // The calendar's month around today, as the page asks for it (Monday-start weeks).
  const monday = (day: string) => {
    const d = new Date(`${day}T00:00:00Z`)
    return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10)
  }
  const first = `${today.slice(0, 8)}01`
  const next = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 1))
  const lastMonday = monday(new Date(next.getTime() - DAY).toISOString().slice(0, 10))
  const range = {
    today,
    from: monday(first),
    to: new Date(Date.parse(`${lastMonday}T00:00:00Z`) + 7 * DAY).toISOString().slice(0, 10),
  }
  return { volunteerIds, futureShiftIds, benchShiftIds, range }
}

// ---------------------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = http.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })
}

async function waitFor(url: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url} did not come up`)
}
