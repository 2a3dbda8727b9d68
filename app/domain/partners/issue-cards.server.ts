/**
 * Issuing the cards of an approved request: one card number per card of each
 * class line, generated in the library's format or entered from the ILS.
 *
 * Format: `GL` + two-digit year + six digits (GL26004217). Generated numbers
 * are random within the year; the unique index on bulk_card.card_number is the
 * guarantee, and a collision (another issue committing the same number) rolls
 * the whole issue back and retries it with fresh numbers.
 */
import { randomInt } from 'node:crypto'
import type { Kysely } from 'kysely'
import { isUniqueViolation, writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import type { Actor } from '~/domain/actor'
import { recordAudit } from '~/domain/audit/audit.server'
import { DomainError } from '~/domain/errors'
import { shanghaiDay } from '~/lib/dates'
import { conflictFor, mailCardRequestStep } from './card-requests.server'
import { requireStaff } from './scope.server'

export const CARD_NUMBER_PATTERN = /^GL\d{8}$/
/** What the ILS may hand out: letters, digits and dashes. */
const IMPORTED_NUMBER = /^[A-Za-z0-9-]{4,32}$/
const MAX_ATTEMPTS = 5

export function generateCardNumber(now: Date): string {
  return `GL${shanghaiDay(now).slice(2, 4)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`
}

/** Card numbers pasted from the ILS, one per line (or separated by commas/spaces). */
export function parseImportedNumbers(text: string): string[] {
  return text
    .split(/[\s,，;；]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean)
}

export async function issueCards(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  input: { imported: string[] | null },
  meta: RequestMeta,
  /** The number generator; tests pass one that collides on purpose. */
  generate: (now: Date) => string = generateCardNumber,
): Promise<{ cards: number }> {
  requireStaff(actor)
  for (let attempt = 1; ; attempt++) {
    try {
      return await issueOnce(db, actor, id, input.imported, meta, generate)
    } catch (error) {
      if (input.imported || !isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) {
        if (input.imported && isUniqueViolation(error))
          throw new DomainError('conflict', 'partners.cards.numberTaken', { field: 'numbers' })
        throw error
      }
    }
  }
}

async function issueOnce(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  imported: string[] | null,
  meta: RequestMeta,
  generate: (now: Date) => string,
) {
  return writeTransaction(db, async (trx) => {
    const now = meta.now.toISOString()
    const result = await trx
      .updateTable('card_request')
      .set({ status: 'issued', issued_by: actor.accountId, issued_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'approved')
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) await conflictFor(trx, id)
    const lines = await trx
      .selectFrom('card_request_line')
      .select(['class_name', 'card_count'])
      .where('card_request_id', '=', id)
      .orderBy('line_no')
      .execute()
    const slots = lines.flatMap((l) => Array.from({ length: l.card_count }, () => l.class_name))
    const numbers = imported
      ? checkImported(imported, slots.length)
      : await freshNumbers(trx, slots.length, meta.now, generate)
    if (imported) {
      const taken = await trx
        .selectFrom('bulk_card')
        .select('card_number')
        .where('card_number', 'in', numbers)
        .execute()
      if (taken.length)
        throw new DomainError('conflict', 'partners.cards.numberTaken', {
          field: 'numbers',
          params: { number: taken[0]!.card_number },
        })
    }
    await trx
      .insertInto('bulk_card')
      .values(
        slots.map((className, i) => ({
          card_request_id: id,
          card_number: numbers[i]!,
          class_name: className,
          issued_at: now,
        })),
      )
      .execute()
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'cards_issued',
        subjectType: 'card_request',
        subjectId: id,
        details: { cards: slots.length, imported: imported !== null },
        ip: meta.ip,
      },
      meta.now,
    )
    await mailCardRequestStep(trx, id, 'cards_issued', null, meta)
    return { cards: slots.length }
  })
}

function checkImported(numbers: string[], needed: number): string[] {
  if (numbers.length !== needed)
    throw new DomainError('rule', 'partners.cards.numberCount', {
      field: 'numbers',
      params: { needed, count: numbers.length },
    })
  const bad = numbers.find((n) => !IMPORTED_NUMBER.test(n))
  if (bad)
    throw new DomainError('rule', 'partners.cards.numberFormat', {
      field: 'numbers',
      params: { number: bad.slice(0, 40) },
    })
  const seen = new Set<string>()
  for (const n of numbers) {
    if (seen.has(n))
      throw new DomainError('rule', 'partners.cards.numberRepeated', { field: 'numbers', params: { number: n } })
    seen.add(n)
  }
  return numbers
}

/** Distinct new numbers not yet in the table (a concurrent issue may still take one: the index decides). */
async function freshNumbers(
  trx: Kysely<DB>,
  count: number,
  now: Date,
  generate: (now: Date) => string,
): Promise<string[]> {
  const result = new Set<string>()
  while (result.size < count) {
    const batch = new Set<string>()
    while (batch.size < count - result.size) {
      const n = generate(now)
      if (!result.has(n)) batch.add(n)
    }
    const taken = new Set(
      (
        await trx
          .selectFrom('bulk_card')
          .select('card_number')
          .where('card_number', 'in', [...batch])
          .execute()
      ).map((r) => r.card_number),
    )
    for (const n of batch) if (!taken.has(n)) result.add(n)
  }
  return [...result]
}
