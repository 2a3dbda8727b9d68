/**
 * Route params and search params, parsed before anything else runs: a value a
 * user (or a bookmark, or a fuzzer) can type never reaches the database or a
 * date function unchecked. Bad input answers the translated 400/404 page.
 */
import type { Params } from '@remix-run/react'
import { z } from 'zod'
import { parseId } from './fields'

export { DayField, IdField, MAX_ID, parseId } from './fields'

export function badRequest(): never {
  throw new Response(null, { status: 400, statusText: 'Bad Request' })
}

export function notFoundPage(): never {
  throw new Response(null, { status: 404, statusText: 'Not Found' })
}

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
