import { describe, expect, it } from 'vitest'
import { isSameOriginRequest } from '../../../server/middleware/csrf'

const APP = 'https://tongxing.example.org'

describe('isSameOriginRequest', () => {
  const table: [string, string, { secFetchSite?: string; origin?: string }, boolean][] = [
    // Safe methods never change state and always pass.
    ['GET, cross-site', 'GET', { secFetchSite: 'cross-site', origin: 'https://evil.example' }, true],
    ['HEAD, no headers', 'HEAD', {}, true],
    ['OPTIONS, cross-site', 'OPTIONS', { secFetchSite: 'cross-site' }, true],
    ['get (lower case)', 'get', { secFetchSite: 'cross-site' }, true],
    // Sec-Fetch-Site decides when present.
    ['POST same-origin', 'POST', { secFetchSite: 'same-origin' }, true],
    ['POST same-origin, foreign Origin', 'POST', { secFetchSite: 'same-origin', origin: 'https://evil.example' }, true],
    ['POST same-site', 'POST', { secFetchSite: 'same-site', origin: APP }, false],
    ['POST cross-site', 'POST', { secFetchSite: 'cross-site', origin: APP }, false],
    ['POST none', 'POST', { secFetchSite: 'none', origin: APP }, false],
    ['POST unknown value', 'POST', { secFetchSite: 'Same-Origin', origin: APP }, false],
    // Without it, Origin must be the configured origin.
    ['POST Origin == app', 'POST', { origin: APP }, true],
    ['POST Origin == app with a trailing slash', 'POST', { origin: `${APP}/` }, true],
    ['POST Origin foreign', 'POST', { origin: 'https://evil.example' }, false],
    ['POST Origin http instead of https', 'POST', { origin: 'http://tongxing.example.org' }, false],
    ['POST Origin on another port', 'POST', { origin: 'https://tongxing.example.org:8443' }, false],
    ['POST Origin a subdomain', 'POST', { origin: 'https://evil.tongxing.example.org' }, false],
    ['POST Origin extending the host', 'POST', { origin: 'https://tongxing.example.org.evil.example' }, false],
    ['POST Origin null', 'POST', { origin: 'null' }, false],
    ['POST Origin garbage', 'POST', { origin: 'not a url' }, false],
    ['POST Origin empty', 'POST', { origin: '' }, false],
    ['POST no headers at all', 'POST', {}, false],
    ['PUT no headers', 'PUT', {}, false],
    ['DELETE cross-site', 'DELETE', { secFetchSite: 'cross-site' }, false],
    ['PATCH Origin == app', 'PATCH', { origin: APP }, true],
  ]
  for (const [name, method, headers, allowed] of table) {
    it(`${name} → ${allowed ? 'allowed' : 'refused'}`, () => {
      expect(isSameOriginRequest(method, headers, APP)).toBe(allowed)
    })
  }

  it('compares with the configured origin, whatever form it was written in', () => {
    expect(isSameOriginRequest('POST', { origin: 'http://127.0.0.1:3000' }, 'http://127.0.0.1:3000/')).toBe(true)
    expect(isSameOriginRequest('POST', { origin: 'http://localhost:3000' }, 'http://127.0.0.1:3000')).toBe(false)
  })
})
