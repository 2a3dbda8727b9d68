import type { RequestHandler } from 'express'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Whether a state-changing request may proceed: `Sec-Fetch-Site` must say
 * `same-origin`; a browser that sends no such header must send an `Origin`
 * equal to the configured app origin. Request-derived host headers are never
 * trusted (QUALITY.md §1.4).
 */
export function isSameOriginRequest(
  method: string,
  headers: { secFetchSite?: string; origin?: string },
  appOrigin: string,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true
  if (headers.secFetchSite) return headers.secFetchSite === 'same-origin'
  if (!headers.origin || headers.origin === 'null') return false
  try {
    return new URL(headers.origin).origin === new URL(appOrigin).origin
  } catch {
    return false
  }
}

export function csrfProtection(appOrigin: string): RequestHandler {
  return (req, res, next) => {
    const allowed = isSameOriginRequest(
      req.method,
      { secFetchSite: req.get('sec-fetch-site'), origin: req.get('origin') },
      appOrigin,
    )
    if (allowed) return next()
    console.warn(`[csrf] refused ${req.method} ${req.path} (sec-fetch-site=${req.get('sec-fetch-site') ?? '-'})`)
    res.status(403).type('text/plain; charset=utf-8').send('403 跨站请求被拒绝 / Cross-site request refused')
  }
}
