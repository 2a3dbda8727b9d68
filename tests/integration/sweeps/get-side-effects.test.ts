/**
 * S2 — GET changes nothing: every route with a loader in the build's manifest,
 * with real ids, with hostile ids and query strings, and as a single-fetch data
 * request, as every principal, leaves every row of every table as it was
 * (counts, values, `updated_at`) and never answers 5xx. The writes that are
 * allowed are listed below with a reason; sessions are not even renewed within the hour.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import { addedRows, dumpDatabase } from '../accounts/helpers'
import { FindingLedger, HOSTILE_QUERY } from './findings'
import { fill, loadRoutes, type SweptRoute } from './manifest'
import { PRINCIPALS } from './policy'
import { changes, describeChange, type TableChange } from './snapshot'
import { buildWorld, targets, type World } from './world'

const routes = (await loadRoutes()).filter((route) => route.hasLoader)

/** Values put in each dynamic segment in turn. */
const HOSTILE_SEGMENTS = [
  '0',
  '-1',
  '2147483648',
  '9007199254740993',
  '1e309',
  'not-a-number',
  encodeURIComponent("' OR 1=1 --"),
  '%E4%B8',
]

/** Bad values one at a time, where they once crashed a page. */
const EXTRA_PATHS = [
  '/shifts?view=month&date=2021-13-45',
  '/shifts?view=week&date=2021-02-30',
  '/shifts?from=2021-01-01&to=2099-01-01',
  '/login?redirectTo=%2Fme',
  '/admin/accounts?role=volunteer&q=%25',
]

interface AllowedWrite {
  pattern: string
  reason: string
  /** True when the write is what the request is for; a finding's write is a bug kept visible here. */
  allows: (change: TableChange) => boolean
}

const ALLOWED_WRITES: AllowedWrite[] = [
  {
    pattern: 'admin/accounts/:id',
    reason: 'staff opening a minor’s record is audited (PIPL: access to a minor’s data is logged)',
    allows: (change) =>
      change.table === 'audit_log' &&
      change.removed.length === 0 &&
      change.added.every((row) => row.action === 'minor_record_viewed' && row.subject_type === 'account'),
  },
]

interface Request {
  route: SweptRoute
  path: string
}

function requests(world: World): Request[] {
  const out: Request[] = []
  for (const route of routes) {
    for (const target of targets(route, world)) {
      out.push({ route, path: target.path })
      out.push({ route, path: target.path + HOSTILE_QUERY })
      // Single-fetch data requests run the same loaders (`/_root.data` for the home page).
      out.push({ route, path: target.path === '/' ? '/_root.data' : `${target.path}.data` })
    }
    const first = targets(route, world)[0]!
    for (const param of route.params) {
      for (const value of HOSTILE_SEGMENTS)
        out.push({ route, path: fill(route.pattern, { ...first.params, [param]: value }) })
    }
  }
  for (const path of EXTRA_PATHS) {
    const route = routes.find((r) => r.pattern === path.slice(1).split('?')[0])
    if (route) out.push({ route, path })
  }
  return out
}

describeEachDialect('GET has no side effects', (dialect) => {
  let app: TestApp
  let world: World
  const ledger = new FindingLedger(dialect)

  beforeAll(async () => {
    app = await startTestApp(dialect)
    world = await buildWorld(app)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('every GET as every principal: no 5xx, no write outside the allowed ones', { timeout: 300_000 }, async () => {
    const db = app.database.db
    const list = requests(world)
    const failures: string[] = []
    const allowedSeen = new Map<AllowedWrite, number>()
    const requested = new Set<string>()
    let before = await dumpDatabase(db)
    const start = before
    // One snapshot per URL (after all principals): a per-request dump would triple the run time.
    for (const { route, path } of list) {
      requested.add(path)
      for (const principal of PRINCIPALS) {
        const response = await world.client(principal).get(path)
        await response.arrayBuffer()
        if (ledger.unexpected5xx('GET', path, response.status, principal)) {
          failures.push(`GET ${path} as ${principal}: ${response.status}`)
        }
      }
      const after = await dumpDatabase(db)
      for (const change of changes(before, after)) {
        const allowed = ALLOWED_WRITES.find((a) => a.pattern === route.pattern && a.allows(change))
        if (allowed) allowedSeen.set(allowed, (allowedSeen.get(allowed) ?? 0) + 1)
        else failures.push(`GET ${path} (as any principal) wrote ${describeChange(change)}`)
      }
      before = after
    }
    console.log(
      `[sweeps ${dialect}] GET crawl: ${routes.length} routes with a loader, ${list.length} URLs × ${PRINCIPALS.length} principals = ${list.length * PRINCIPALS.length} GETs`,
    )
    for (const [allowed, count] of allowedSeen)
      console.log(`[sweeps ${dialect}] allowed write ×${count} on /${allowed.pattern}: ${allowed.reason}`)
    for (const line of ledger.report()) console.log(`[sweeps ${dialect}] known finding: ${line}`)
    expect(failures).toEqual([])
    expect(
      ledger.unseen('GET', requested),
      'known findings that no longer happen: remove them from findings.ts',
    ).toEqual([])
    // Every allowed write is still exercised (an entry whose route stopped writing is dead).
    expect(ALLOWED_WRITES.filter((a) => !allowedSeen.has(a)).map((a) => a.pattern)).toEqual([])
    // Sessions are part of the comparison above; none ended or was added.
    expect(before.session).toEqual(start.session)
    // The audit rows are staff opening the minor's record (page, hostile query, data request), nobody else's.
    const audited = addedRows(start, before, 'audit_log')
    const staff = [world.accounts.coordinator.id, world.accounts.admin.id]
    expect(audited).toHaveLength(6)
    for (const row of audited) {
      expect(row).toMatchObject({ action: 'minor_record_viewed', subject_id: String(world.accounts.minor.id) })
      expect(staff).toContain(row.actor_id)
    }
  })
})
