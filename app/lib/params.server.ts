/**
 * Route params and search params, parsed before anything else runs: a value a
 * user (or a bookmark, or a fuzzer) can type never reaches the database or a
 * date function unchecked. Bad input answers the translated 400/404 page.
 */
import type { Params } from '@remix-run/react'
import { z } from 'zod'

/** The largest id both databases store (a 32-bit signed integer column). */
export const MAX_ID = 2_147_483_647

export function badRequest(): never {
  throw new Response(null, { status: 400, statusText: 'Bad Request' })
}

export function notFoundPage(): never {
  throw new Response(null, { status: 404, statusText: 'Not Found' })
}

/** A positive database id written in plain digits ("1e3", "+7", "07" and " 7" are not ids). */
export function parseId(value: unknown): number | null {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,9}$/.test(value)) return null
  const id = Number(value)
  return id <= MAX_ID ? id : null
}

/** A zod field for an id in a form or search params, with the same rule as `parseId`. */
export const IdField = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const id = parseId(value)
    if (id === null) {
      ctx.addIssue({ code: 'custom', message: 'errors.badRequestTitle' })
      return z.NEVER
    }
    return id
  })

/** The id in a route param (`$id`, `$shiftId`): a missing or malformed one is a 404, like an unknown one. */
export function idParam(params: Params, name = 'id'): number {
  return parseId(params[name]) ?? notFoundPage()
}

/**
 * Search params through a zod object schema; the first value of each name is
 * used. Anything the schema refuses answers 400. Give optional fields defaults
 * in the schema, so a bare URL parses.
 */
export function searchParams<T extends z.ZodType>(request: Request, schema: T): z.output<T> {
  const url = new URL(request.url)
  const raw: Record<string, string> = {}
  for (const [key, value] of url.searchParams) if (!(key in raw)) raw[key] = value
  const result = schema.safeParse(raw)
  if (!result.success) badRequest()
  return result.data
}

/** A calendar day `YYYY-MM-DD` that exists (2021-02-30 does not). */
export const DayField = z.string().refine((value) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const [y, m, d] = value.split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return y >= 1900 && y <= 2200 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}, 'errors.badRequestTitle')

/** An optional search param: absent or empty (a form's "all" choice) is `undefined`; anything else must parse. */
export function optionalField<T extends z.ZodType>(field: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), field.optional())
}

/** A page number: plain digits from 1 to 10 000. */
export const PageField = z
  .string()
  .regex(/^[1-9][0-9]{0,4}$/, 'errors.badRequestTitle')
  .transform(Number)
  .refine((page) => page <= 10_000, 'errors.badRequestTitle')
