/**
 * S10 — security headers on every kind of response (HTML page, single-fetch
 * data request, resource route, 404 page, static file, CSRF refusal, 500
 * page), a CSP nonce that is fresh per request and is the one on the page's
 * scripts, and production error pages without stack traces.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import { nextIp, rawRequest } from './helpers'

function nonceOf(response: Response): string {
  const csp = response.headers.get('content-security-policy') ?? ''
  const match = csp.match(/script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/)
  expect(match, `a nonce in ${csp}`).not.toBeNull()
  return match![1]!
}

function expectSecurityHeaders(response: Response, what: string) {
  const csp = response.headers.get('content-security-policy')
  expect(csp, what).toBeTruthy()
  const directives = Object.fromEntries(
    csp!.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/)
      return [name!, values.join(' ')]
    }),
  )
  expect(directives['default-src'], what).toBe("'self'")
  expect(directives['script-src'], what).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]{24}'$/) // production: no 'unsafe-eval', no 'unsafe-inline'
  expect(directives['object-src'], what).toBe("'none'")
  expect(directives['base-uri'], what).toBe("'self'")
  expect(directives['form-action'], what).toBe("'self'")
  expect(directives['frame-ancestors'], what).toBe("'none'")
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff')
  expect(response.headers.get('referrer-policy'), what).toMatch(/^strict-origin-when-cross-origin/)
  expect(response.headers.get('x-frame-options'), what).toBe('DENY')
  expect(response.headers.get('cross-origin-opener-policy'), what).toBe('same-origin')
  expect(response.headers.get('x-powered-by'), what).toBeNull()
}

/** What a production error page must never show. */
const LEAKS = [
  /\n\s+at .+:\d+:\d+/,
  /\/work\//,
  /node_modules/,
  /build\/server/,
  /SqliteError|no such table|does not exist|relation "/i,
  /"stack"/,
]

describeEachDialect('security headers', (dialect) => {
  let app: TestApp

  beforeAll(async () => {
    app = await startTestApp(dialect)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('an HTML page: all headers, a nonce on every <script>, a different nonce on the next request', async () => {
    const client = app.client({ ip: nextIp() })
    const first = await client.get('/login')
    expect(first.status).toBe(200)
    expectSecurityHeaders(first, 'GET /login')
    const html = await first.text()
    const nonce = nonceOf(first)
    const scripts = html.match(/<script\b[^>]*>/g) ?? []
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)

    const second = await client.get('/login')
    const nonce2 = nonceOf(second)
    expect(nonce2).not.toBe(nonce)
    const html2 = await second.text()
    expect(html2).toContain(`nonce="${nonce2}"`)
    expect(html2).not.toContain(nonce)
  })

  it('a single-fetch data request, a resource route, a 404 page, static files and a CSRF refusal carry them too', async () => {
    const client = app.client({ ip: nextIp() })
    const page = await (await client.get('/')).text()
    const asset = page.match(/\/assets\/[\w.-]+\.js/)?.[0]
    expect(asset, 'a script under /assets in the page').toBeTruthy()

    const cases: [string, Promise<Response>, number][] = [
      ['GET /login.data', client.get('/login.data'), 200],
      ['GET /_root.data', client.get('/_root.data'), 200],
      ['GET /resources/healthcheck', client.get('/resources/healthcheck'), 200],
      ['GET /no-such-page', client.get('/no-such-page'), 404],
      [`GET ${asset}`, client.get(asset!), 200],
      ['GET /favicon.svg', client.get('/favicon.svg'), 200],
      [
        'cross-site POST /login',
        rawRequest(app, '/login', { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' }, body: '' }),
        403,
      ],
    ]
    const nonces = new Set<string>()
    for (const [what, pending, status] of cases) {
      const response = await pending
      await response.arrayBuffer()
      expect(response.status, what).toBe(status)
      expectSecurityHeaders(response, what)
      nonces.add(nonceOf(response))
    }
    expect(nonces.size).toBe(cases.length)
  })

  it('the 404 page is translated and shows no internals', async () => {
    const response = await app.client({ ip: nextIp() }).get('/no-such-page')
    expect(response.status).toBe(404)
    const html = await response.text()
    expect(html).toContain('页面不存在')
    for (const leak of LEAKS) expect(html).not.toMatch(leak)
  })

  it('token pages keep their URL out of the Referer of anything they link to', async () => {
    for (const path of ['/reset-password/sometoken', '/invitations/sometoken']) {
      const response = await app.client({ ip: nextIp() }).get(path)
      await response.arrayBuffer()
      // Several values: the last one the browser knows wins.
      const policies = (response.headers.get('referrer-policy') ?? '').split(',').map((value) => value.trim())
      expect(['strict-origin', 'no-referrer'], path).toContain(policies[policies.length - 1])
      expect(response.headers.get('cache-control'), path).toBe('no-store')
    }
  })

  it('a production 500 page (the database broke) is translated, has the headers and no stack trace', async () => {
    const db = app.database.db
    await sql`alter table activity rename to activity_gone`.execute(db)
    const errors: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => void errors.push(args)
    try {
      const client = app.client({ ip: nextIp() })
      const response = await client.get('/')
      expect(response.status).toBe(500)
      expectSecurityHeaders(response, 'GET / (500)')
      const html = await response.text()
      expect(html).toContain('出错了')
      for (const leak of LEAKS) expect(html).not.toMatch(leak)

      const data = await client.get('/_root.data')
      await data.arrayBuffer()
      const index = await client.get('/_index.data')
      const text = await index.text()
      expectSecurityHeaders(index, 'GET /_index.data (500)')
      for (const leak of LEAKS) expect(text).not.toMatch(leak)
      // The error went to the server log instead.
      expect(errors.length).toBeGreaterThan(0)
    } finally {
      console.error = original
      await sql`alter table activity_gone rename to activity`.execute(db)
    }
    expect((await app.client({ ip: nextIp() }).get('/')).status).toBe(200)
  })
})
