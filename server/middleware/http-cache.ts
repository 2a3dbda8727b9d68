/**
 * HTTP caching for the dynamic app (docs/decisions/0011-scale.md):
 *
 * - Every dynamic response that does not say otherwise is `Cache-Control: private, no-store`, so
 *   seat counts, sign-up state and anything behind a session are always read fresh.
 * - Anonymous reads of public data (`paths`, e.g. the calendar's `/shifts.data`) with no cookie but
 *   the locale are kept in a small in-process cache for `ttlMs`, answered with a strong ETag
 *   (If-None-Match → 304) and `Cache-Control: public, max-age=<ttl>` with `Vary: Cookie`, so a
 *   browser that signs in stops using them. Concurrent misses for one key render once. HTML documents are never cached: each carries its own
 *   CSP nonce.
 */
import { createHash } from 'node:crypto'
import type { RequestHandler, Response } from 'express'

export interface HttpCacheOptions {
  /** Exact paths of public, anonymous-only data requests that may be cached. */
  paths: readonly string[]
  ttlMs: number
  maxEntries?: number
  /** Bodies larger than this are served but not kept. */
  maxBytes?: number
}

interface Entry {
  storedAt: number
  status: number
  contentType: string
  etag: string
  body: Buffer
}

const PRIVATE = 'private, no-store'
const LOCALE_COOKIE = 'lng'

/** The locale cookie's value when it is the only cookie sent; null when any other cookie is present. */
export function anonymousLocale(cookieHeader: string | undefined): string | null {
  let locale = ''
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, value = ''] = part.trim().split('=')
    if (!name) continue
    if (name !== LOCALE_COOKIE) return null
    locale = value
  }
  return locale
}

export function httpCache({ paths, ttlMs, maxEntries = 200, maxBytes = 1_000_000 }: HttpCacheOptions): RequestHandler {
  const cacheable = new Set(paths)
  const entries = new Map<string, Entry>()
  /** Misses being rendered: concurrent requests for the same key wait for the first instead of rendering too. */
  const inFlight = new Map<string, Promise<Entry | null>>()
  const publicControl = `public, max-age=${Math.floor(ttlMs / 1000)}`

  return (req, res, next) => {
    defaultToPrivate(res)
    if (req.method !== 'GET' || !cacheable.has(req.path)) return next()
    const locale = anonymousLocale(req.get('cookie'))
    if (locale === null) return next()

    const key = `${locale}|${req.originalUrl}`
    const now = Date.now()
    const entry = entries.get(key)
    if (entry && now - entry.storedAt < ttlMs) {
      res.set('Age', String(Math.floor((now - entry.storedAt) / 1000)))
      return send(req.get('if-none-match'), res, entry, publicControl)
    }
    if (entry) entries.delete(key)
    const rendering = inFlight.get(key)
    if (rendering) {
      void rendering.then((shared) => (shared ? send(req.get('if-none-match'), res, shared, publicControl) : next()))
      return
    }
    let settle: (entry: Entry | null) => void = () => {}
    inFlight.set(
      key,
      new Promise<Entry | null>((resolve) => (settle = resolve)).finally(() => inFlight.delete(key)),
    )
    res.once('close', () => settle(null))
    captureBody(res, (body) => {
      const status = res.statusCode
      const keep =
        status === 200 && !res.getHeader('set-cookie') && !res.getHeader('cache-control') && body.length <= maxBytes
      if (!keep) {
        settle(null)
        return false
      }
      const stored: Entry = {
        storedAt: now,
        status,
        contentType: String(res.getHeader('content-type') ?? 'application/octet-stream'),
        etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
        body,
      }
      entries.set(key, stored)
      settle(stored)
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!)
      res.set({ ETag: stored.etag, 'Cache-Control': publicControl, Vary: 'Cookie' })
      if (req.get('if-none-match') === stored.etag) {
        res.status(304)
        return true
      }
      return false
    })
    next()
  }
}

function send(ifNoneMatch: string | undefined, res: Response, entry: Entry, control: string) {
  res.set({ ETag: entry.etag, 'Cache-Control': control, Vary: 'Cookie', 'Content-Type': entry.contentType })
  if (ifNoneMatch === entry.etag) return res.status(304).end()
  res.status(entry.status).send(entry.body)
}

/** Responses that set no Cache-Control of their own are private and not stored. */
function defaultToPrivate(res: Response) {
  const writeHead = res.writeHead
  res.writeHead = function (this: Response, ...args: Parameters<typeof writeHead>) {
    if (!this.getHeader('cache-control')) this.setHeader('Cache-Control', PRIVATE)
    return writeHead.apply(this, args)
  } as typeof writeHead
}

/**
 * Buffers the response body and hands it to `onBody` before anything is written, so headers (the
 * ETag) can still change; `onBody` returning true means "answer without the body" (a 304).
 */
function captureBody(res: Response, onBody: (body: Buffer) => boolean) {
  const chunks: Buffer[] = []
  const end = res.end.bind(res)
  const toBuffer = (chunk: unknown, encoding?: unknown) =>
    Buffer.isBuffer(chunk)
      ? chunk
      : typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : Buffer.from(chunk as Uint8Array)
  res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    if (chunk !== undefined && chunk !== null) chunks.push(toBuffer(chunk, encoding))
    const done = typeof encoding === 'function' ? encoding : callback
    if (typeof done === 'function') process.nextTick(done as () => void)
    return true
  }) as Response['write']
  res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(toBuffer(chunk, encoding))
    const done = [chunk, encoding, callback].find((arg) => typeof arg === 'function') as (() => void) | undefined
    const body = Buffer.concat(chunks)
    const bodyless = onBody(body)
    res.removeHeader('content-length')
    if (bodyless) return end(done)
    res.setHeader('Content-Length', body.length)
    return end(body, done)
  }) as Response['end']
}
