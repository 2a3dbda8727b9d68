/**
 * The reminder about 24 hours before a shift. A scheduler enqueues one per
 * confirmed sign-up whose open shift starts between now+23h and now+25h, with
 * the dedupe key `shift-reminder:<signupId>`, so running it every few minutes
 * still sends one. A cancellation deletes the pending reminder in its own
 * transaction (forgetPendingReminders), and the sign-up rows are locked while
 * reminders are enqueued, so a cancellation racing the scheduler either runs
 * first (no reminder) or second (it deletes the reminder).
 */
import { sql, type Kysely } from 'kysely'
import { forUpdate, writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import { enqueueEmail, messageIdDomainOf } from '~/domain/mail/outbox.server'
import { confirmationPayload, loadShiftMailInfo, reminderKey, type ShiftMailInfo } from './mail.server'

export const REMINDER_FROM_MS = 23 * 3_600_000
export const REMINDER_UNTIL_MS = 25 * 3_600_000
const BATCH = 200

export interface ReminderOptions {
  /** Links in the mail point here. */
  appOrigin: string
}

/** Enqueues the reminders that are due; returns how many new ones were queued. */
export async function enqueueDueReminders(db: Kysely<DB>, now: Date, options: ReminderOptions): Promise<number> {
  const from = new Date(now.getTime() + REMINDER_FROM_MS).toISOString()
  const until = new Date(now.getTime() + REMINDER_UNTIL_MS).toISOString()
  const nowIso = now.toISOString()
  let queued = 0
  let afterId = 0
  for (;;) {
    const candidates = await db
      .selectFrom('signup as su')
      .innerJoin('shift', 'shift.id', 'su.shift_id')
      .select('su.id')
      .where('su.status', '=', 'confirmed')
      .where('su.id', '>', afterId)
      .where('shift.status', '=', 'open')
      .where('shift.starts_at', '>=', from)
      .where('shift.starts_at', '<', until)
      .where('shift.starts_at', '>', nowIso)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('email_outbox as o')
              .select('o.id')
              .where('o.template', '=', 'shift-reminder')
              .where('o.dedupe_key', '=', sql<string>`${sql.lit('shift-reminder:')} || ${sql.ref('su.id')}`),
          ),
        ),
      )
      .orderBy('su.id')
      .limit(BATCH)
      .execute()
    if (candidates.length === 0) break
    afterId = candidates[candidates.length - 1]!.id
    queued += await writeTransaction(db, async (trx) => {
      // Lock the sign-ups and look again: one cancelled since the read above gets no reminder.
      const rows = await forUpdate(
        trx,
        trx
          .selectFrom('signup')
          .select(['id', 'shift_id', 'volunteer_id'])
          .where(
            'id',
            'in',
            candidates.map((c) => c.id),
          )
          .where('status', '=', 'confirmed'),
      ).execute()
      let count = 0
      const shifts = new Map<number, ShiftMailInfo>()
      for (const row of rows) {
        const shift = shifts.get(row.shift_id) ?? (await loadShiftMailInfo(trx, row.shift_id))
        shifts.set(row.shift_id, shift)
        const to = await trx
          .selectFrom('account')
          .select(['id', 'name', 'email', 'locale', 'status'])
          .where('id', '=', row.volunteer_id)
          .executeTakeFirst()
        if (!to || to.status !== 'active') continue
        const result = await enqueueEmail(
          trx,
          {
            dedupeKey: reminderKey(row.id),
            template: 'shift-reminder',
            to: to.email,
            toAccountId: to.id,
            locale: to.locale,
            messageIdDomain: messageIdDomainOf(options.appOrigin),
            payload: confirmationPayload(shift, to, row.id, options.appOrigin),
          },
          now,
        )
        if (result.enqueued) count++
      }
      return count
    })
    if (candidates.length < BATCH) break
  }
  return queued
}

export interface ReminderSchedulerOptions extends ReminderOptions {
  /** How often to look; default five minutes. */
  intervalMs?: number
  now?: () => Date
  log?: Pick<Console, 'error'>
}

/**
 * Runs enqueueDueReminders now and then every `intervalMs` until stopped. Never
 * throws; a failed round is logged. The timer does not keep the process alive.
 * `stop()` resolves once a round in progress has finished.
 */
export function startReminderScheduler(db: Kysely<DB>, options: ReminderSchedulerOptions): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 5 * 60_000
  const clock = options.now ?? (() => new Date())
  const log = options.log ?? console
  let running: Promise<void> = Promise.resolve()
  let busy = false
  let stopped = false
  const round = () => {
    if (busy || stopped) return
    busy = true
    running = enqueueDueReminders(db, clock(), options)
      .then(() => undefined)
      .catch((error: unknown) => log.error('[reminders] round failed', error))
      .finally(() => {
        busy = false
      })
  }
  round()
  const timer = setInterval(round, intervalMs)
  timer.unref()
  return async () => {
    stopped = true
    clearInterval(timer)
    await running
  }
}
