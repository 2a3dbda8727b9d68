/**
 * The session cookie. Over HTTPS it is `__Host-session` with `Secure`; over
 * plain HTTP (a laptop demo) the prefix cannot be used, so it is `session`.
 */
export interface CookieOptions {
  secure: boolean
}

export function sessionCookieName({ secure }: CookieOptions): string {
  return secure ? '__Host-session' : 'session'
}

export function serializeSessionCookie(token: string, maxAgeSeconds: number, options: CookieOptions): string {
  return [
    `${sessionCookieName(options)}=${token}`,
    'HttpOnly',
    'SameSite=Lax',
    'Path=/',
    `Max-Age=${maxAgeSeconds}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ')
}

export function clearSessionCookie(options: CookieOptions): string {
  return serializeSessionCookie('', 0, options)
}

/** Tokens come only from the cookie, never from the URL or a form field. */
export function readSessionToken(request: Request, options: CookieOptions): string | null {
  const name = sessionCookieName(options)
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const index = part.indexOf('=')
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim() || null
  }
  return null
}
