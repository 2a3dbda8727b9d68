import { describe, expect, it } from 'vitest'
import { clearSessionCookie, readSessionToken, serializeSessionCookie, sessionCookieName } from '~/auth/cookie.server'

const request = (cookie?: string) =>
  new Request('http://127.0.0.1/', { headers: cookie === undefined ? {} : { cookie } })

describe('session cookie', () => {
  it('over https: __Host-session with Secure', () => {
    expect(sessionCookieName({ secure: true })).toBe('__Host-session')
    expect(serializeSessionCookie('abc.def', 2592000, { secure: true })).toBe(
      '__Host-session=abc.def; HttpOnly; SameSite=Lax; Path=/; Max-Age=2592000; Secure',
    )
    expect(clearSessionCookie({ secure: true })).toBe(
      '__Host-session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0; Secure',
    )
  })

  it('over http: session without Secure', () => {
    expect(sessionCookieName({ secure: false })).toBe('session')
    expect(serializeSessionCookie('abc.def', 604800, { secure: false })).toBe(
      'session=abc.def; HttpOnly; SameSite=Lax; Path=/; Max-Age=604800',
    )
    expect(clearSessionCookie({ secure: false })).toBe('session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0')
  })

  it('reads the token from the Cookie header only, by exact name', () => {
    const insecure = { secure: false }
    const secure = { secure: true }
    expect(readSessionToken(request(), insecure)).toBeNull()
    expect(readSessionToken(request(''), insecure)).toBeNull()
    expect(readSessionToken(request('session=abc.def'), insecure)).toBe('abc.def')
    expect(readSessionToken(request('lng=en; session=abc.def; other=1'), insecure)).toBe('abc.def')
    expect(readSessionToken(request('lng=en;session=abc.def'), insecure)).toBe('abc.def')
    expect(readSessionToken(request('  session = abc.def  '), insecure)).toBe('abc.def')
    expect(readSessionToken(request('session='), insecure)).toBeNull()
    expect(readSessionToken(request('xsession=abc.def; session_old=1'), insecure)).toBeNull()
    // The other environment's name does not count.
    expect(readSessionToken(request('__Host-session=abc.def'), insecure)).toBeNull()
    expect(readSessionToken(request('session=abc.def'), secure)).toBeNull()
    expect(readSessionToken(request('session=a; __Host-session=abc.def'), secure)).toBe('abc.def')
    // Never from the URL.
    expect(readSessionToken(new Request('http://127.0.0.1/?session=abc.def'), insecure)).toBeNull()
  })

  it('round-trips what it serialises', () => {
    for (const secure of [true, false]) {
      const header = serializeSessionCookie('id123.secret456', 60, { secure })
      const pair = header.split(';')[0]!
      expect(readSessionToken(request(pair), { secure })).toBe('id123.secret456')
    }
  })
})
