import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anonymousLocale, httpCache } from '../../../server/middleware/http-cache'

describe('http cache', () => {
  let server: http.Server
  let url: string
  let renders = 0

  beforeAll(async () => {
    const app = express()
    app.use(httpCache({ paths: ['/public.data', '/cookie.data'], ttlMs: 10_000 }))
    app.get('/public.data', (req, res) => {
      renders++
      // Slow enough that concurrent requests overlap; streamed in two writes like Remix does.
      setTimeout(() => {
        res.type('text/x-script')
        res.write(`{"n":${renders},`)
        res.end(`"q":"${String(req.query.q ?? '')}"}`)
      }, 50)
    })
    app.get('/cookie.data', (_req, res) => {
      renders++
      res.cookie('toast', 'x').send('with a cookie')
    })
    app.get('/page', (_req, res) => res.send('<html></html>'))
    server = http.createServer(app)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise((resolve) => server.close(resolve)))

  it('serves anonymous public data from one render with an ETag, and 304 on a match', async () => {
    const before = renders
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => fetch(`${url}/public.data?q=1`)))
    const bodies = await Promise.all([a!, b!, c!].map((r) => r.text()))
    expect(renders - before, 'concurrent misses render once').toBe(1)
    expect(new Set(bodies).size).toBe(1)
    expect(a!.headers.get('cache-control')).toBe('public, max-age=10')
    expect(a!.headers.get('vary')).toBe('Cookie')
    const etag = a!.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]+"$/)
    const again = await fetch(`${url}/public.data?q=1`, { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(renders - before).toBe(1)
    // Another query is another entry; the locale cookie alone keeps it anonymous but is part of the key.
    await fetch(`${url}/public.data?q=2`)
    await fetch(`${url}/public.data?q=1`, { headers: { cookie: 'lng=en' } })
    expect(renders - before).toBe(3)
  })

  it('never caches a request with a session, nor a response that sets a cookie', async () => {
    const before = renders
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${url}/public.data?q=s`, { headers: { cookie: 'lng=en; session=abc' } })
      expect(response.headers.get('cache-control')).toBe('private, no-store')
      expect(response.headers.get('etag')).toBeNull()
      await response.text()
    }
    await fetch(`${url}/cookie.data`)
    await fetch(`${url}/cookie.data`)
    expect(renders - before).toBe(4)
  })

  it('marks every other dynamic response private, no-store', async () => {
    expect((await fetch(`${url}/page`)).headers.get('cache-control')).toBe('private, no-store')
  })

  it('reads the locale only when it is the sole cookie', () => {
    expect(anonymousLocale(undefined)).toBe('')
    expect(anonymousLocale('lng=en')).toBe('en')
    expect(anonymousLocale('lng=en; __Host-session=x')).toBeNull()
  })
})
