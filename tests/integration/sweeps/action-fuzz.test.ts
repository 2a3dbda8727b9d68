/**
 * S9 — every route with an action in the build's manifest is posted, as every
 * principal, with fast-check bodies: field names read from the route's own
 * forms (and the layout's), intents found in its pages, hostile values. The
 * answer is never 5xx; a principal the access policy denies gets the sign-in
 * redirect or 403/404 and changes nothing at all; an allowed volunteer,
 * partner or anonymous poster changes no row that belongs to someone else.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import type { HttpClient } from '../../support/http-client'
import { dumpDatabase, type Dump } from '../accounts/helpers'
import { loadRoutes, type SweptRoute } from './manifest'
import { PRINCIPALS, mayPost, type Principal } from './policy'
import { changes, describeChange } from './snapshot'
import { buildWorld, targets, type World } from './world'

/** Runs a cell: a principal the policy turns away at the door needs fewer to show it. */
const NUM_RUNS = 10
const DENIED_RUNS = 3
const routes = (await loadRoutes()).filter((route) => route.hasAction)

/** Bookkeeping any request may write: rate-limit buckets (a refused attempt is still counted). */
const BOOKKEEPING = new Set(['rate_limit_bucket'])

/** Rows that belong to one account, by the column naming it: nobody but staff may change another's. */
const OWNER_COLUMN: Record<string, string> = {
  account: 'id',
  volunteer_profile: 'account_id',
  signup: 'volunteer_id',
  session: 'account_id',
  calendar_feed: 'account_id',
  email_verification: 'account_id',
  password_reset: 'account_id',
}
/** What only staff may change at all. */
const STAFF_TABLES = new Set([
  'site',
  'partner_organisation',
  'programme',
  'training',
  'training_completion',
  'activity',
  'shift_series',
  'invitation',
  'holiday_override',
])
/** Of a shift, a volunteer's sign-up or cancellation changes only its count. */
const SHIFT_COLUMNS_ANYONE_CHANGES = new Set(['confirmed_count', 'updated_at'])

/** The token in these URLs is a credential for its account: posting there may change that account. */
const TOKEN_OWNER: Record<string, (w: World) => number> = {
  'reset-password/:token': (w) => w.accounts.volunteer.id,
}
/** …or that staff-made row: whoever holds an invitation's link may accept it. */
const TOKEN_TABLE: Record<string, string> = { 'invitations/:token': 'invitation' }

const HUGE = 'x'.repeat(100_000)
const HOSTILE_VALUES = [
  HUGE,
  '\u0000',
  'a\u0000b',
  '\u202e\u200f',
  '😀👨‍👩‍👧‍👦',
  'e\u0301\u0308\u0327',
  '-1',
  '0',
  String(2 ** 31),
  String(2 ** 53),
  '1e309',
  'NaN',
  '',
  ' ',
  "' OR 1=1 --",
  "'; drop table signup; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '2021-13-45',
  '25:61',
  'true',
  '[]',
  '{"__proto__":{"admin":true}}',
]
/** Percent-encoded byte sequences that are not UTF-8 (a lone surrogate, a stray byte, a cut character). */
const RAW_VALUES = ['%ED%A0%80', '%FF', '%E4%B8', '%']

const plain = (value: string) => new URLSearchParams([['', value]]).toString().slice(1)

function bodyArbitrary(fields: string[], intents: string[], ids: string[]): fc.Arbitrary<string> {
  const value = fc.oneof(
    fc.constantFrom(...HOSTILE_VALUES).map(plain),
    fc.constantFrom(...ids).map(plain),
    fc.constantFrom(...RAW_VALUES),
    fc.string({ unit: 'grapheme', maxLength: 40 }).map(plain),
    fc.string({ unit: 'binary', maxLength: 40 }).map(plain),
  )
  const name = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...fields) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  )
  const pair = fc.tuple(name.map(plain), value).map(([n, v]) => `${n}=${v}`)
  // Repeated names arrive as arrays; an intent from the page picks a branch of the action.
  const intent = intents.length
    ? fc.option(
        fc.constantFrom(...intents).map((i) => `intent=${plain(i)}`),
        { nil: undefined },
      )
    : fc.constant(undefined)
  return fc
    .tuple(intent, fc.array(pair, { maxLength: 8 }), fc.boolean())
    .map(([i, pairs, repeat]) => [...(i ? [i] : []), ...pairs, ...(repeat && pairs[0] ? [pairs[0]] : [])].join('&'))
}

/** Field names and intent values in a page's forms. */
function formFields(html: string): { names: string[]; intents: string[] } {
  const names = new Set<string>()
  const intents = new Set<string>()
  for (const tag of html.match(/<(input|button|select|textarea)\b[^>]*>/g) ?? []) {
    const name = tag.match(/\bname="([^"]*)"/)?.[1]
    if (!name) continue
    names.add(name)
    const value = tag.match(/\bvalue="([^"]*)"/)?.[1]
    if (name === 'intent' && value) intents.add(value)
  }
  return { names: [...names], intents: [...intents] }
}

describeEachDialect('action fuzz', (dialect) => {
  let app: TestApp
  let world: World
  let runs = 0
  let cells = 0

  beforeAll(async () => {
    app = await startTestApp(dialect)
    world = await buildWorld(app)
  })
  afterAll(async () => {
    console.log(
      `[sweeps ${dialect}] action fuzz: ${routes.length} action routes × ${PRINCIPALS.length} principals = ${cells} cells, ${runs} POSTs (${NUM_RUNS} runs an allowed cell, ${DENIED_RUNS} a denied one)`,
    )
    await app?.close()
  })

  /** What a principal's GETs of the route (and of the layout, whose forms post elsewhere) name. */
  async function knownFields(route: SweptRoute, path: string) {
    const names = new Set<string>()
    const intents = new Set<string>()
    for (const principal of PRINCIPALS) {
      for (const page of [path, '/']) {
        const response = await world.client(principal).get(page)
        if (response.status !== 200 || !response.headers.get('content-type')?.includes('html')) {
          await response.arrayBuffer()
          continue
        }
        const found = formFields(await response.text())
        found.names.forEach((n) => names.add(n))
        found.intents.forEach((i) => intents.add(i))
      }
    }
    expect(names.size, `no form fields found for /${route.pattern}`).toBeGreaterThan(0)
    return { names: [...names], intents: [...intents] }
  }

  /** Rows this poster changed that were not theirs to change. */
  function trespasses(
    before: Dump,
    after: Dump,
    principal: Principal,
    self: number[],
    allowed: boolean,
    tokenTable: string | undefined,
  ): string[] {
    const out: string[] = []
    const staff = principal === 'coordinator' || principal === 'admin'
    const existing = new Set(
      (before.account ?? []).map((row) => Number(JSON.parse(row).find(([k]: [string]) => k === 'id')[1])),
    )
    for (const change of changes(before, after)) {
      if (BOOKKEEPING.has(change.table)) continue
      if (!allowed) {
        out.push(`changed ${describeChange(change)}`)
        continue
      }
      if (staff) continue
      if (STAFF_TABLES.has(change.table) && change.table !== tokenTable)
        out.push(`changed staff data ${describeChange(change)}`)
      const owner = OWNER_COLUMN[change.table]
      if (owner) {
        const others = [...change.removed, ...change.added].filter((row) => {
          const id = Number(row[owner])
          return !self.includes(id) && existing.has(id)
        })
        if (others.length)
          out.push(`changed another account's ${change.table}: ${JSON.stringify(others[0]).slice(0, 200)}`)
      }
      if (change.table === 'shift') {
        for (const row of change.added) {
          const old = change.removed.find((r) => r.id === row.id)
          const moved = Object.keys(row).filter((k) => !SHIFT_COLUMNS_ANYONE_CHANGES.has(k) && old?.[k] !== row[k])
          if (!old || moved.length) out.push(`changed shift ${String(row.id)}: ${moved.join(', ') || 'created'}`)
        }
      }
    }
    return out
  }

  for (const route of routes) {
    it(`POST /${route.pattern} (${route.id})`, { timeout: 300_000 }, async () => {
      const db = app.database.db
      const target = targets(route, world)[0]!
      const { names, intents } = await knownFields(route, target.path)
      const ids = [world.shiftId, ...Object.values(world.accounts).map((a) => a.id)].map(String)
      const failures: string[] = []
      for (const principal of PRINCIPALS) {
        cells++
        const allowed = mayPost(route.pattern, principal, target)
        const { client, account } = await world.freshPrincipal(principal)
        const self = [account?.id ?? -1, ...(TOKEN_OWNER[route.pattern] ? [TOKEN_OWNER[route.pattern]!(world)] : [])]
        const before = await dumpDatabase(db)
        let seen = ''
        const result = await fc.check(
          fc.asyncProperty(bodyArbitrary(names, intents, ids), async (body) => {
            runs++
            const response = await post(client, target.path, body)
            const text = await response.text()
            const status = response.status
            const location = response.headers.get('location')
            seen = `${status}${location ? ` → ${location}` : ''}${status >= 500 ? ` ${text.slice(0, 120)}` : ''}`
            if (status >= 500) return false
            if (allowed) return true
            if (principal === 'anonymous') {
              return status === 302 && location === `/login?redirectTo=${encodeURIComponent(target.path)}`
            }
            return status === 403 || status === 404
          }),
          { numRuns: allowed ? NUM_RUNS : DENIED_RUNS, endOnFailure: true },
        )
        if (result.failed) {
          const body = String(result.counterexample?.[0] ?? '')
          const error = result.errorInstance ? ` threw ${String(result.errorInstance)}` : ''
          failures.push(
            `POST ${target.path} as ${principal} (${allowed ? 'allowed' : 'denied'}): ${seen}${error}; body ${body.slice(0, 160)}${body.length > 160 ? `… (${body.length} chars)` : ''}`,
          )
        }
        const after = await dumpDatabase(db)
        for (const line of trespasses(before, after, principal, self, allowed, TOKEN_TABLE[route.pattern]))
          failures.push(`POST ${target.path} as ${principal}: ${line}`)
      }
      if (failures.length) console.log(`[sweeps ${dialect}] fuzz failures:\n${failures.join('\n')}`)
      expect(failures).toEqual([])
    })
  }

  /**
   * A same-origin form post, as the browser sends it, with the body exactly as
   * generated. A pooled connection the server closed as idle (keep-alive race
   * while a cell takes its snapshot) is retried once on a new one; a second
   * network failure is a real one and is reported with its cause.
   */
  async function post(client: HttpClient, path: string, body: string, retry = true): Promise<Response> {
    try {
      return await client.request(path, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: client.origin },
      })
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause
      if (retry && error instanceof TypeError) return post(client, path, body, false)
      throw new Error(`network failure (${cause?.code ?? cause?.message ?? String(error)})`)
    }
  }
})
