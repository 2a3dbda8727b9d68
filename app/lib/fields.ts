/** Id and day fields shared by forms on the client and route parsing on the server. */
import { z } from 'zod'

/** The largest id both databases store (a 32-bit `integer` column). */
export const MAX_ID = 2_147_483_647

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

/** A calendar day `YYYY-MM-DD` that exists (2021-02-30 does not). */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const [y, m, d] = value.split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return y >= 1900 && y <= 2200 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

export const DayField = z.string().refine(isCalendarDay, 'errors.badRequestTitle')
