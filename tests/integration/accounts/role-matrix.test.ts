/**
 * S7 — who may open what. Every cell of the table below is asserted: 200 where
 * allowed, a redirect to sign in for anonymous readers, 403 for everyone else.
 * Every response is also searched for the other principals' names, emails and
 * phone numbers, which may appear only where the cell is meant to show them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { hashSecret } from '~/auth/tokens.server'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import type { HttpClient } from '../../support/http-client'
import {
  MINOR_BIRTH_DATE,
  createAccount,
  createPartnerOrganisation,
  nextIp,
  nextPhone,
  sessionClient,
  type TestAccount,
} from './helpers'

const PRINCIPALS = ['anonymous', 'volunteerA', 'volunteerB', 'coordinator', 'partnerX', 'partnerY', 'admin'] as const
type Principal = (typeof PRINCIPALS)[number]

/** 200/403 as such; `login`: 302 to /login?redirectTo=<path>; `/me`: 302 to /me. */
type Expected = 200 | 302 | 403 | 'login' | '/me'

const signedIn = (cell: Expected): Record<Principal, Expected> => ({
  anonymous: 'login',
  volunteerA: cell,
  volunteerB: cell,
  coordinator: cell,
  partnerX: cell,
  partnerY: cell,
  admin: cell,
})
const adminOnly: Record<Principal, Expected> = { ...signedIn(403), admin: 200 }
const staffOnly: Record<Principal, Expected> = { ...signedIn(403), coordinator: 200, admin: 200 }

/** What a cell may show of other people: `list` = every account's name and email (not phones); an id = that account's record. */
type Reveals = 'list' | 'A' | 'B' | null

interface Row {
  name: string
  method: 'GET' | 'POST'
  path: (ids: { A: number; B: number }) => string
  body?: (ids: { A: number; B: number }) => Record<string, string>
  expected: Record<Principal, Expected>
  reveals?: Partial<Record<Principal, Reveals>>
}

const TABLE: Row[] = [
  { name: 'GET /me', method: 'GET', path: () => '/me', expected: signedIn(200) },
  { name: 'GET /me/security', method: 'GET', path: () => '/me/security', expected: signedIn(200) },
  { name: 'GET /me/privacy', method: 'GET', path: () => '/me/privacy', expected: signedIn(200) },
  {
    name: 'GET /admin/accounts',
    method: 'GET',
    path: () => '/admin/accounts',
    expected: adminOnly,
    reveals: { admin: 'list' },
  },
  { name: 'GET /admin/accounts/invite', method: 'GET', path: () => '/admin/accounts/invite', expected: adminOnly },
  {
    name: "GET /admin/accounts/<A's id>",
    method: 'GET',
    path: ({ A }) => `/admin/accounts/${A}`,
    expected: staffOnly,
    reveals: { coordinator: 'A', admin: 'A' },
  },
  {
    name: "GET /admin/accounts/<B's id>",
    method: 'GET',
    path: ({ B }) => `/admin/accounts/${B}`,
    expected: staffOnly,
    reveals: { coordinator: 'B', admin: 'B' },
  },
  // Volunteer A has a code waiting; everyone else is verified and is sent on to /me.
  {
    name: 'GET /verify-email',
    method: 'GET',
    path: () => '/verify-email',
    expected: { ...signedIn('/me'), volunteerA: 200 },
  },
  { name: 'POST /me/export', method: 'POST', path: () => '/me/export', body: () => ({}), expected: signedIn(200) },
  // Last: the admin's change of A's role ends A's sessions.
  {
    name: 'POST /admin/accounts (change the role of A)',
    method: 'POST',
    path: () => '/admin/accounts',
    body: ({ A }) => ({ accountId: String(A), role: 'coordinator' }),
    // Done: back to the list, with a toast.
    expected: { ...adminOnly, admin: 302 },
    reveals: { admin: 'list' },
  },
]

describeEachDialect('role × route matrix', (dialect) => {
  let app: TestApp
  const accounts = {} as Record<Exclude<Principal, 'anonymous'>, TestAccount>
  const clients = {} as Record<Principal, HttpClient>
  /** Each principal's personal data, as it could appear in a page. */
  const pii = {} as Record<Exclude<Principal, 'anonymous'>, { named: string[]; phones: string[] }>

  beforeAll(async () => {
    app = await startTestApp(dialect)
    const db = app.database.db
    const orgX = await createPartnerOrganisation(db, '鼓楼实验小学')
    const orgY = await createPartnerOrganisation(db, '丰财敬老院')
    const emergencyPhone = nextPhone()
    const guardianPhone = nextPhone()
    accounts.volunteerA = await createAccount(db, {
      name: '志愿者甲',
      email: 'jia.volunteer@example.org',
      verified: false,
      emergencyContact: { name: '紧急联系人子', phone: emergencyPhone },
    })
    accounts.volunteerB = await createAccount(db, {
      name: '少年乙',
      email: 'yi.minor@example.org',
      birthDate: MINOR_BIRTH_DATE(),
      guardian: { name: '监护人丑', relation: '母亲', phone: guardianPhone, consent: true },
    })
    accounts.coordinator = await createAccount(db, {
      role: 'coordinator',
      name: '协调员丙',
      email: 'bing.coordinator@example.org',
    })
    accounts.partnerX = await createAccount(db, {
      role: 'partner_contact',
      partnerOrganisationId: orgX,
      name: '联系人丁',
      email: 'ding.partner@example.org',
    })
    accounts.partnerY = await createAccount(db, {
      role: 'partner_contact',
      partnerOrganisationId: orgY,
      name: '联系人戊',
      email: 'wu.partner@example.org',
    })
    accounts.admin = await createAccount(db, { role: 'admin', name: '管理员己', email: 'ji.admin@example.org' })
    const now = new Date()
    await db
      .insertInto('email_verification')
      .values({
        account_id: accounts.volunteerA.id,
        email: accounts.volunteerA.email,
        code_hash: hashSecret('12345678'),
        attempts: 0,
        expires_at: new Date(now.getTime() + 600_000).toISOString(),
        created_at: now.toISOString(),
      })
      .execute()
    for (const [principal, account] of Object.entries(accounts) as [Exclude<Principal, 'anonymous'>, TestAccount][]) {
      pii[principal] = { named: [account.name, account.email], phones: [account.phone!] }
      clients[principal] = await sessionClient(app, account)
    }
    pii.volunteerA.named.push('紧急联系人子')
    pii.volunteerA.phones.push(emergencyPhone)
    pii.volunteerB.named.push('监护人丑')
    pii.volunteerB.phones.push(guardianPhone)
    clients.anonymous = app.client({ ip: nextIp() })
  })
  afterAll(async () => {
    await app?.close()
  })

  const ids = () => ({ A: accounts.volunteerA.id, B: accounts.volunteerB.id })
  const roleOfA = async () =>
    (
      await app.database.db
        .selectFrom('account')
        .select('role')
        .where('id', '=', accounts.volunteerA.id)
        .executeTakeFirstOrThrow()
    ).role

  /** The strings `viewer` must not see in `body`, given what the cell may reveal. */
  function forbiddenStrings(viewer: Principal, reveals: Reveals): string[] {
    const out: string[] = []
    for (const [owner, data] of Object.entries(pii) as [
      Exclude<Principal, 'anonymous'>,
      { named: string[]; phones: string[] },
    ][]) {
      if (owner === viewer) continue
      const [name, email, ...others] = data.named
      const record = (reveals === 'A' && owner === 'volunteerA') || (reveals === 'B' && owner === 'volunteerB')
      if (record) continue
      if (reveals !== 'list') out.push(name!, email!)
      out.push(...others, ...data.phones)
    }
    return out
  }

  for (const row of TABLE) {
    it(row.name, async () => {
      for (const principal of PRINCIPALS) {
        const expected = row.expected[principal]
        const path = row.path(ids())
        const roleBefore = await roleOfA()
        const response =
          row.method === 'GET'
            ? await clients[principal].get(path)
            : await clients[principal].post(path, row.body!(ids()))
        const body = await response.text()
        const cell = `${row.name} as ${principal}`
        if (expected === 'login') {
          expect(response.status, cell).toBe(302)
          expect(response.headers.get('location'), cell).toBe(`/login?redirectTo=${encodeURIComponent(path)}`)
        } else if (expected === '/me') {
          expect(response.status, cell).toBe(302)
          expect(response.headers.get('location'), cell).toBe('/me')
        } else {
          expect(response.status, cell).toBe(expected)
        }
        for (const secret of forbiddenStrings(principal, row.reveals?.[principal] ?? null)) {
          expect(body.includes(secret), `${cell}: shows ${secret}`).toBe(false)
        }
        if (row.name.startsWith('POST /admin/accounts')) {
          expect(await roleOfA(), cell).toBe(expected === 302 ? 'coordinator' : roleBefore)
        }
        if (row.name === 'POST /me/export' && expected === 200) {
          expect(response.headers.get('content-type'), cell).toMatch(/^application\/json/)
          const exported = JSON.parse(body) as { account: { id: number; email: string } }
          expect(exported.account.id, cell).toBe(accounts[principal as Exclude<Principal, 'anonymous'>].id)
        }
      }
    })
  }

  it('the allowed cells do show what they are for', async () => {
    const admin = await (await clients.admin.get('/admin/accounts')).text()
    for (const data of Object.values(pii)) expect(admin).toContain(data.named[1])
    const record = await (await clients.coordinator.get(`/admin/accounts/${accounts.volunteerB.id}`)).text()
    for (const value of [...pii.volunteerB.named, ...pii.volunteerB.phones]) expect(record).toContain(value)
  })

  it('staff opening the minor B’s record is audited; opening A’s is not', async () => {
    const rows = await app.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'subject_id'])
      .where('action', '=', 'minor_record_viewed')
      .orderBy('id')
      .execute()
    const b = String(accounts.volunteerB.id)
    // The matrix (coordinator, admin) and the test just above (coordinator).
    expect(rows).toEqual([
      { actor_id: accounts.coordinator.id, subject_id: b },
      { actor_id: accounts.admin.id, subject_id: b },
      { actor_id: accounts.coordinator.id, subject_id: b },
    ])
  })

  it('the role change ended A’s sessions', async () => {
    expect(
      await app.database.db
        .selectFrom('session')
        .select('id')
        .where('account_id', '=', accounts.volunteerA.id)
        .execute(),
    ).toEqual([])
  })
})
