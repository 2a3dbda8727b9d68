/**
 * The outbox worker. One round: claim due rows in a short write transaction
 * (forUpdateSkipLocked, so several workers never take the same row; where the
 * database has a single writer, its lock serialises claims), commit, then send each row
 * with no transaction open, then record the outcome, guarded by the claim's
 * lease so a worker whose lease ran out cannot overwrite the row.
 *
 * Delivery is at-least-once: a worker that dies between the SMTP server's 250
 * and the `sent` update leaves the row `sending`; after `lease_until` another
 * round sends it again with the same Message-ID, which lets the receiving side
 * recognise the duplicate.
 */
import type { Kysely } from 'kysely'
import type { DB, Locale } from '#db/schema'
import { forUpdateSkipLocked, writeTransaction } from '#db/dialect'
import { EmailTemplateError, renderStoredEmail } from '#emails/index'
import { redactPayload } from '#emails/payloads'
import { pruneOutbox } from './outbox.server'
import type { MailTransport } from './transport.server'

export const MAX_ATTEMPTS = 8
export const BASE_RETRY_DELAY_MS = 60_000
export const MAX_RETRY_DELAY_MS = 3_600_000
export const DEFAULT_LEASE_MS = 5 * 60_000
export const DEFAULT_BATCH_SIZE = 20
/** A row whose lease has less than this left is handed back instead of sent: the send might outlive the lease. */
export const MIN_LEASE_LEFT_MS = 90_000
const MAX_ERROR_LENGTH = 1000

/** A row this worker holds: `leaseUntil` is the claim's token. */
export interface ClaimedEmail {
  id: number
  template: string
  to: string
  locale: Locale
  payload: string
  messageId: string
  /** Attempts including this one. */
  attempts: number
  leaseUntil: string
}

export interface ClaimOptions {
  now: Date
  limit?: number
  leaseMs?: number
  /** For logs only. */
  workerId?: string
}

/**
 * Claims up to `limit` rows that are due: pending with `next_attempt_at <= now`,
 * or `sending` with an expired lease (a worker died mid-send). Marks them
 * `sending` until `now + leaseMs` and counts the attempt.
 */
export async function claimDueEmails(db: Kysely<DB>, options: ClaimOptions): Promise<ClaimedEmail[]> {
  const now = options.now.toISOString()
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS
  // deliverClaimed hands back rows with less than MIN_LEASE_LEFT_MS left, so a shorter lease would never send.
  if (!(leaseMs >= 2 * MIN_LEASE_LEFT_MS)) throw new Error(`leaseMs must be at least ${2 * MIN_LEASE_LEFT_MS} ms`)
  // A re-claim happens only after the old lease ended, so the new lease is strictly later: a unique token.
  const leaseUntil = new Date(options.now.getTime() + leaseMs).toISOString()
  return writeTransaction(db, async (trx) => {
    const due = await forUpdateSkipLocked(
      trx,
      trx
        .selectFrom('email_outbox')
        .select(['id', 'template', 'to_address', 'locale', 'payload', 'message_id', 'attempts'])
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)]),
          ]),
        )
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(options.limit ?? DEFAULT_BATCH_SIZE),
    ).execute()
    if (due.length === 0) return []
    await trx
      .updateTable('email_outbox')
      .set((eb) => ({ status: 'sending', lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where(
        'id',
        'in',
        due.map((row) => row.id),
      )
      .execute()
    return due.map((row) => ({
      id: row.id,
      template: row.template,
      to: row.to_address,
      locale: row.locale,
      payload: row.payload,
      messageId: row.message_id,
      attempts: row.attempts + 1,
      leaseUntil,
    }))
  })
}

/** 1 min, 2 min, 4 min … after the 1st, 2nd, 3rd failed attempt, at most an hour. No jitter: tests can predict it. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(BASE_RETRY_DELAY_MS * 2 ** Math.max(0, failedAttempts - 1), MAX_RETRY_DELAY_MS)
}

/** SMTP 5xx, a bad template or payload: trying again will not help. */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof EmailTemplateError) return true
  const code = typeof error === 'object' && error !== null && 'responseCode' in error ? Number(error.responseCode) : NaN
  return code >= 500 && code < 600
}

function describeError(error: unknown): string {
  let text: string
  if (error instanceof Error) {
    const code = 'responseCode' in error ? String(error.responseCode) : 'code' in error ? String(error.code) : ''
    text = `${code ? `${code} ` : ''}${error.name}: ${error.message}`
  } else {
    text = String(error)
  }
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text
}

export interface DeliveryReport {
  sent: number
  /** Failed this time, will be retried. */
  retried: number
  /** Failed for good. */
  failed: number
  /** Handed back unsent because too little of the lease was left. */
  released: number
  /** The lease ran out and another worker re-claimed the row: its outcome was not recorded here. */
  lost: number
}

export interface DeliverOptions {
  /** Links in the mail's header and footer point here. */
  appOrigin: string
  /** The clock; a fixed Date in tests. */
  now?: Date | (() => Date)
  workerId?: string
  log?: Pick<Console, 'warn' | 'error'>
  /** Aborted at shutdown: rows not yet sent are handed back at once instead of waiting out their lease. */
  signal?: AbortSignal
}

function clockOf(now: DeliverOptions['now']): () => Date {
  if (typeof now === 'function') return now
  if (now) return () => now
  return () => new Date()
}

/**
 * Sends claimed rows one by one, outside any transaction, and records each
 * outcome: `sent`; or back to `pending` with exponential backoff; or `failed`
 * after MAX_ATTEMPTS or a permanent error. Each update only applies while the
 * row still carries this claim's lease.
 */
export async function deliverClaimed(
  db: Kysely<DB>,
  transport: MailTransport,
  rows: readonly ClaimedEmail[],
  options: DeliverOptions,
): Promise<DeliveryReport> {
  const clock = clockOf(options.now)
  const log = options.log ?? console
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0, released: 0, lost: 0 }
  const updateRow = () => db.updateTable('email_outbox')
  for (const row of rows) {
    const held = (qb: ReturnType<typeof updateRow>) =>
      qb.where('id', '=', row.id).where('status', '=', 'sending').where('lease_until', '=', row.leaseUntil)

    if (row.attempts > MAX_ATTEMPTS) {
      // Workers kept dying while sending this one (the lease ran out each time): stop trying.
      const result = await held(
        updateRow().set({
          status: 'failed',
          lease_until: null,
          last_error: 'delivery interrupted too many times',
          payload: redactPayload(row.template, row.payload),
        }),
      ).executeTakeFirst()
      if (Number(result.numUpdatedRows) > 0) report.failed++
      else report.lost++
      continue
    }

    if (options.signal?.aborted || new Date(row.leaseUntil).getTime() - clock().getTime() < MIN_LEASE_LEFT_MS) {
      // Give it back without counting the attempt; the next round (or another process) takes it again.
      const result = await held(
        updateRow().set((eb) => ({ status: 'pending', lease_until: null, attempts: eb('attempts', '-', 1) })),
      ).executeTakeFirst()
      if (Number(result.numUpdatedRows) > 0) report.released++
      else report.lost++
      continue
    }

    let error: unknown = null
    try {
      const rendered = renderStoredEmail(row.template, parsePayload(row.payload), {
        locale: row.locale,
        appOrigin: options.appOrigin,
      })
      await transport.send({ to: row.to, messageId: row.messageId, ...rendered })
    } catch (caught) {
      error = caught
    }

    const now = clock()
    let outcome: keyof DeliveryReport
    let update
    if (error === null) {
      outcome = 'sent'
      update = updateRow().set({
        status: 'sent',
        sent_at: now.toISOString(),
        lease_until: null,
        last_error: null,
        payload: redactPayload(row.template, row.payload),
      })
    } else if (isPermanentFailure(error) || row.attempts >= MAX_ATTEMPTS) {
      outcome = 'failed'
      update = updateRow().set({
        status: 'failed',
        lease_until: null,
        last_error: describeError(error),
        payload: redactPayload(row.template, row.payload),
      })
    } else {
      outcome = 'retried'
      update = updateRow().set({
        status: 'pending',
        lease_until: null,
        last_error: describeError(error),
        next_attempt_at: new Date(now.getTime() + retryDelayMs(row.attempts)).toISOString(),
      })
    }
    let recorded: boolean
    try {
      recorded = Number((await held(update).executeTakeFirst()).numUpdatedRows) > 0
    } catch (dbError) {
      // The mail went (or not) but the outcome could not be written: the lease will expire and
      // the row be tried again. Carry on with the rest of the batch.
      log.error(`[mail] could not record the ${outcome} of outbox row ${row.id}`, dbError)
      report.lost++
      continue
    }
    if (recorded) report[outcome]++
    else {
      report.lost++
      log.warn(
        `[mail] ${options.workerId ?? 'worker'}: lease on outbox row ${row.id} expired before its ${outcome} was recorded`,
      )
    }
    if (outcome !== 'sent') {
      log.warn(
        `[mail] outbox row ${row.id} (${row.template}) attempt ${row.attempts} ${outcome}: ${describeError(error)}`,
      )
    }
  }
  return report
}

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new EmailTemplateError('stored payload is not JSON')
  }
}

export interface RunOptions extends DeliverOptions {
  limit?: number
  leaseMs?: number
}

export interface RunReport extends DeliveryReport {
  claimed: number
}

/** One round: claim what is due, then deliver it. */
export async function runOutboxOnce(db: Kysely<DB>, transport: MailTransport, options: RunOptions): Promise<RunReport> {
  const clock = clockOf(options.now)
  const rows = await claimDueEmails(db, {
    now: clock(),
    limit: options.limit,
    leaseMs: options.leaseMs,
    workerId: options.workerId,
  })
  if (rows.length === 0) return { claimed: 0, sent: 0, retried: 0, failed: 0, released: 0, lost: 0 }
  const report = await deliverClaimed(db, transport, rows, { ...options, now: clock })
  return { claimed: rows.length, ...report }
}

export const DEFAULT_RETENTION_MS = 30 * 24 * 3600_000
const PRUNE_EVERY_MS = 3600_000

export interface WorkerOptions extends Omit<RunOptions, 'now'> {
  /** Pause between rounds when there was nothing (or less than a full batch) to send. */
  intervalMs?: number
  /** Sent and failed rows older than this are deleted (hourly); default 30 days. */
  retentionMs?: number
  now?: () => Date
}

/**
 * Stops the loop and resolves once the round in progress has finished: the mail being sent is
 * recorded, the rest of its batch handed back to `pending`. `wake()` starts a round now.
 */
export type StopOutboxWorker = (() => Promise<void>) & { wake(): void }

/**
 * Polls the outbox until stopped. Never throws: a failed round is logged and
 * the loop carries on after the interval. A full batch is followed at once by
 * another round. Once an hour it prunes rows older than `retentionMs`. The
 * timer does not keep the process alive.
 */
export function startOutboxWorker(db: Kysely<DB>, transport: MailTransport, options: WorkerOptions): StopOutboxWorker {
  const intervalMs = options.intervalMs ?? 5000
  const limit = options.limit ?? DEFAULT_BATCH_SIZE
  const log = options.log ?? console
  const clock = options.now ?? (() => new Date())
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS
  let lastPrune = -Infinity
  let stopped = false
  const stopping = new AbortController()
  let wakeUp: (() => void) | null = null
  let pendingWake = false

  const pause = () =>
    new Promise<void>((resolve) => {
      if (pendingWake || stopped) {
        pendingWake = false
        return resolve()
      }
      const timer = setTimeout(done, intervalMs)
      timer.unref()
      function done() {
        clearTimeout(timer)
        wakeUp = null
        resolve()
      }
      wakeUp = done
    })

  const loop = async () => {
    while (!stopped) {
      let fullBatch = false
      try {
        const report = await runOutboxOnce(db, transport, {
          ...options,
          limit,
          log,
          now: clock,
          signal: stopping.signal,
        })
        fullBatch = report.claimed >= limit
        const now = clock()
        if (now.getTime() - lastPrune >= PRUNE_EVERY_MS) {
          lastPrune = now.getTime()
          await pruneOutbox(db, new Date(now.getTime() - retentionMs))
        }
      } catch (error) {
        log.error(`[mail] ${options.workerId ?? 'worker'}: outbox round failed`, error)
      }
      if (!stopped && !fullBatch) await pause()
    }
  }
  const running = loop()

  const stop = (async () => {
    stopped = true
    stopping.abort()
    wakeUp?.()
    await running
  }) as StopOutboxWorker
  stop.wake = () => {
    if (wakeUp) wakeUp()
    else pendingWake = true
  }
  return stop
}
