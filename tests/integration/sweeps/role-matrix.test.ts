/**
 * S7 — who may open what, for every route in the build's manifest × every
 * principal, against the access policy in ./policy.ts. A route no rule covers
 * fails. Every response is also searched for the other principals' names,
 * emails and phone numbers, which may appear only where the cell is meant to show them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import { loadRoutes, type SweptRoute } from './manifest'
import { PRINCIPALS, ruleFor, type Principal, type SignedIn, type Target } from './policy'
import { buildWorld, targets, type World } from './world'

const routes = await loadRoutes()
const pages = routes.filter((route) => route.hasLoader || route.hasPage)

/** What a cell may show of other people: `list` = every account's name and email (not phones); or these accounts' records. */
type Reveals = 'list' | SignedIn[]

const staff = (p: Principal) => p === 'coordinator' || p === 'admin'

const REVEALS: Record<string, (principal: Principal, target: Target) => Reveals | undefined> = {
  'admin/accounts': (p) => (p === 'admin' ? 'list' : undefined),
  'admin/accounts/:id': (p, target) => (staff(p) ? [target.record!] : undefined),
  // The roster shows staff who is on the shift (the world's volunteer is).
  'staff/shifts/:id': (p) => (staff(p) ? ['volunteer'] : undefined),
  // The register of issued certificates names whom each was issued to (the world's volunteer has one).
  'staff/certificates': (p) => (staff(p) ? ['volunteer'] : undefined),
  // The activity form offers every coordinator and admin as the one in charge.
  'staff/activities/new': (p) => (staff(p) ? ['coordinator', 'admin'] : undefined),
  'staff/activities/:id/edit': (p) => (staff(p) ? ['coordinator', 'admin'] : undefined),
  'staff/activities/:id': (p) => (staff(p) ? ['coordinator'] : undefined),
  // A visit's pages name its coordinator in charge (the world's coordinator planned its visit); the team lead gets their phone.
  'staff/visits': (p) => (staff(p) ? ['coordinator'] : undefined),
  'staff/visits/:id': (p) => (staff(p) ? ['coordinator'] : undefined),
  'visits/:id/team': (p) => (staff(p) ? ['coordinator'] : undefined),
  // Staff see who asked: the partner contact of organisation A made the world's card request.
  'staff/card-requests': (p) => (staff(p) ? ['partnerA'] : undefined),
  'staff/card-requests/:id': (p) => (staff(p) ? ['partnerA'] : undefined),
}

describeEachDialect('role × route matrix', (dialect) => {
  let app: TestApp
  let world: World
  let cells = 0

  beforeAll(async () => {
    app = await startTestApp(dialect)
    world = await buildWorld(app)
  })
  afterAll(async () => {
    console.log(`[sweeps ${dialect}] role × route matrix: ${pages.length} routes, ${cells} cells (URL × principal)`)
    await app?.close()
  })

  /** The strings `viewer` must not see, given what the cell may reveal. */
  function forbiddenStrings(viewer: Principal, reveals: Reveals | undefined): string[] {
    const out: string[] = []
    for (const [owner, data] of Object.entries(world.pii) as [SignedIn, World['pii'][SignedIn]][]) {
      if (owner === viewer) continue
      if (Array.isArray(reveals) && reveals.includes(owner)) continue
      const [name, email, ...others] = data.named
      if (reveals !== 'list') out.push(name!, email!)
      out.push(...others, ...data.phones)
    }
    return out
  }

  it('the manifest lists the routes (a sanity floor, not an exact count)', () => {
    expect(pages.length).toBeGreaterThanOrEqual(30)
    for (const pattern of ['', 'me', 'admin/accounts/:id', 'staff/shifts/:id/qr', 'shifts']) {
      expect(pages.map((route) => route.pattern)).toContain(pattern)
    }
  })

  for (const route of pages) {
    it(`GET /${route.pattern} (${route.id})`, async () => {
      const rule = ruleFor(route.pattern)
      expect(
        rule,
        `no access rule covers /${route.pattern}: add it to tests/integration/sweeps/policy.ts`,
      ).toBeDefined()
      await checkRoute(route)
    })
  }

  async function checkRoute(route: SweptRoute) {
    const rule = ruleFor(route.pattern)!
    for (const target of targets(route, world)) {
      for (const principal of PRINCIPALS) {
        const expected = rule(principal, target)
        const response = await world.client(principal).get(target.path)
        const body = await response.text()
        const cell = `GET ${target.path} as ${principal}`
        cells++
        if (expected === 'login') {
          expect(response.status, cell).toBe(302)
          expect(response.headers.get('location'), cell).toBe(`/login?redirectTo=${encodeURIComponent(target.path)}`)
        } else if (expected === 'denied') {
          expect([403, 404], cell).toContain(response.status)
        } else if (typeof expected === 'object') {
          expect(response.status, cell).toBe(302)
          expect(response.headers.get('location'), cell).toBe(expected.redirect)
        } else {
          expect(response.status, cell).toBe(expected)
        }
        for (const secret of forbiddenStrings(principal, REVEALS[route.pattern]?.(principal, target))) {
          expect(body.includes(secret), `${cell}: shows ${secret}`).toBe(false)
        }
      }
    }
  }

  it('the allowed cells do show what they are for', async () => {
    const admin = await (await world.client('admin').get('/admin/accounts')).text()
    for (const data of Object.values(world.pii)) expect(admin).toContain(data.named[1])
    const record = await (await world.client('coordinator').get(`/admin/accounts/${world.accounts.minor.id}`)).text()
    for (const value of [...world.pii.minor.named, ...world.pii.minor.phones]) expect(record).toContain(value)
  })

  it('staff opening the minor’s record is audited; opening the adult’s is not', async () => {
    const rows = await app.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'subject_id'])
      .where('action', '=', 'minor_record_viewed')
      .orderBy('id')
      .execute()
    const minor = String(world.accounts.minor.id)
    // The matrix (coordinator, admin) and the test just above (coordinator).
    expect(rows).toEqual([
      { actor_id: world.accounts.coordinator.id, subject_id: minor },
      { actor_id: world.accounts.admin.id, subject_id: minor },
      { actor_id: world.accounts.coordinator.id, subject_id: minor },
    ])
  })

  it('POST /me/export gives each signed-in principal their own data, and sends anonymous to sign in', async () => {
    const anonymous = await world.client('anonymous').post('/me/export', {})
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent('/me/export')}`)
    for (const principal of Object.keys(world.accounts) as SignedIn[]) {
      const response = await world.client(principal).post('/me/export', {})
      const body = await response.text()
      expect(response.status, principal).toBe(200)
      expect(response.headers.get('content-type'), principal).toMatch(/^application\/json/)
      expect((JSON.parse(body) as { account: { id: number } }).account.id, principal).toBe(world.accounts[principal].id)
      for (const secret of forbiddenStrings(principal, undefined)) {
        expect(body.includes(secret), `POST /me/export as ${principal}: shows ${secret}`).toBe(false)
      }
    }
  })

  // Last: the admin's change of the volunteer's role ends the volunteer's sessions.
  it('POST /admin/accounts (change a role): admins only, and it ends that account’s sessions', async () => {
    const db = app.database.db
    const target = world.accounts.volunteer
    const roleOf = async () =>
      (await db.selectFrom('account').select('role').where('id', '=', target.id).executeTakeFirstOrThrow()).role
    for (const principal of PRINCIPALS.filter((p) => p !== 'admin')) {
      const response = await world.client(principal).post('/admin/accounts', {
        accountId: String(target.id),
        role: 'coordinator',
      })
      const cell = `POST /admin/accounts as ${principal}`
      if (principal === 'anonymous') {
        expect(response.status, cell).toBe(302)
        expect(response.headers.get('location'), cell).toBe(
          `/login?redirectTo=${encodeURIComponent('/admin/accounts')}`,
        )
      } else expect(response.status, cell).toBe(403)
      expect(await roleOf(), cell).toBe('volunteer')
    }
    const response = await world.client('admin').post('/admin/accounts', {
      accountId: String(target.id),
      role: 'coordinator',
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toMatch(/^\/admin\/accounts/)
    const body = await (await world.client('admin').get(response.headers.get('location')!)).text()
    for (const data of Object.values(world.pii)) expect(body).not.toContain(data.phones[0])
    expect(await roleOf()).toBe('coordinator')
    expect(await db.selectFrom('session').select('id').where('account_id', '=', target.id).execute()).toEqual([])
  })
})
