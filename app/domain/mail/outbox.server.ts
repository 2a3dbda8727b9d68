/**
 * The transactional outbox: a change that should cause mail writes a row here in
 * its own transaction, so the mail exists exactly when the change committed. The
 * worker (worker.server.ts) sends it afterwards, never inside a transaction.
 */
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { DB, Locale } from '#db/schema'
import { payloadSchemas, type EmailPayloads, type TemplateName } from '#emails/payloads'

export const DEFAULT_MESSAGE_ID_DOMAIN = 'tongxing.local'

interface EnqueueCommon {
  /** Same key, same mail: a second enqueue with it does nothing (e.g. `password-reset:<token hash>`). */
  dedupeKey: string
  to: string
  toAccountId: number | null
  /** The recipient's language; the worker renders in it. */
  locale: Locale
  /** The domain part of the Message-ID, e.g. the host of APP_ORIGIN; defaults to tongxing.local. */
  messageIdDomain?: string
  /** Send no earlier than this (reminders); defaults to now. */
  notBefore?: Date
}

export type EnqueueEmailInput = {
  [K in TemplateName]: EnqueueCommon & { template: K; payload: EmailPayloads[K] }
}[TemplateName]

export interface EnqueueResult {
  /** False when a row with this dedupe key already existed. */
  enqueued: boolean
}

const address = z.email().max(320)
const dedupeKey = z.string().min(1).max(300)
const domain = z.string().regex(/^[A-Za-z0-9.-]{1,253}$/)

export function newMessageId(domainName: string = DEFAULT_MESSAGE_ID_DOMAIN): string {
  return `<${randomBytes(16).toString('hex')}@${domain.parse(domainName)}>`
}

/**
 * Queues one mail in the caller's transaction (`trx`); it is sent only if that
 * transaction commits. Idempotent on `dedupeKey` on both dialects
 * (`insert … on conflict (dedupe_key) do nothing`). The payload is checked
 * against the template now, so a mistake fails the request rather than the worker.
 */
export async function enqueueEmail(trx: Kysely<DB>, input: EnqueueEmailInput, now: Date): Promise<EnqueueResult> {
  const payload = payloadSchemas[input.template].parse(input.payload)
  const result = await trx
    .insertInto('email_outbox')
    .values({
      dedupe_key: dedupeKey.parse(input.dedupeKey),
      template: input.template,
      to_address: address.parse(input.to),
      to_account_id: input.toAccountId,
      locale: input.locale,
      payload: JSON.stringify(payload),
      status: 'pending',
      attempts: 0,
      next_attempt_at: (input.notBefore ?? now).toISOString(),
      lease_until: null,
      message_id: newMessageId(input.messageIdDomain),
      last_error: null,
      sent_at: null,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst()
  return { enqueued: Number(result.numInsertedOrUpdatedRows ?? 0) > 0 }
}

/** The host of an origin, for `messageIdDomain`: `https://tongxing.example.org` → `tongxing.example.org`. */
export function messageIdDomainOf(appOrigin: string): string {
  try {
    const host = new URL(appOrigin).hostname
    return /^[A-Za-z0-9.-]+$/.test(host) && host.includes('.') && !/^[\d.]+$/.test(host)
      ? host
      : DEFAULT_MESSAGE_ID_DOMAIN
  } catch {
    return DEFAULT_MESSAGE_ID_DOMAIN
  }
}

/**
 * Forgets mail to a person (account deletion): removes their queued, sent and
 * failed rows, matched by account or by address, except `keepDedupeKeys` (the
 * goodbye mail). Rows being sent right now are left to finish.
 */
export async function forgetOutboxRecipient(
  trx: Kysely<DB>,
  recipient: { accountId?: number; addresses?: readonly string[] },
  options: { keepDedupeKeys?: readonly string[] } = {},
): Promise<number> {
  const addresses = [...(recipient.addresses ?? [])]
  if (recipient.accountId === undefined && addresses.length === 0) return 0
  let query = trx
    .deleteFrom('email_outbox')
    .where('status', '<>', 'sending')
    .where((eb) => {
      const matches = []
      if (recipient.accountId !== undefined) matches.push(eb('to_account_id', '=', recipient.accountId))
      if (addresses.length > 0) matches.push(eb('to_address', 'in', addresses))
      return eb.or(matches)
    })
  if (options.keepDedupeKeys?.length) query = query.where('dedupe_key', 'not in', [...options.keepDedupeKeys])
  const result = await query.executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** Deletes sent and failed rows created before `before`: the outbox is a queue, not an archive of personal data. */
export async function pruneOutbox(db: Kysely<DB>, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('email_outbox')
    .where('status', 'in', ['sent', 'failed'])
    .where('created_at', '<', before.toISOString())
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
