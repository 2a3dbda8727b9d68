import crypto from 'node:crypto'
import type { RequestHandler } from 'express'

/**
 * Headers on every response, with a fresh CSP nonce per request in
 * `res.locals.nonce` for the inline scripts Remix renders.
 */
export function securityHeaders(options: { production: boolean; hsts: boolean }): RequestHandler {
  return (_req, res, next) => {
    const nonce = crypto.randomBytes(16).toString('base64')
    res.locals.nonce = nonce
    const scriptSrc = options.production ? `'self' 'nonce-${nonce}'` : `'self' 'nonce-${nonce}' 'unsafe-eval'`
    const connectSrc = options.production ? "'self'" : "'self' ws://localhost:* ws://127.0.0.1:*"
    res.setHeader(
      'Content-Security-Policy',
      [
        "default-src 'self'",
        `script-src ${scriptSrc}`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        `connect-src ${connectSrc}`,
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join('; '),
    )
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    res.setHeader('Permissions-Policy', 'camera=(self), geolocation=(), microphone=()')
    // Browsers ignore HSTS over plain HTTP; it is sent wherever the app is served over HTTPS.
    if (options.hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    next()
  }
}
