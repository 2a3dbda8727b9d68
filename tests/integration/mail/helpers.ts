import type { Kysely } from 'kysely'
import type { DB, Locale } from '#db/schema'
import { enqueueEmail } from '~/domain/mail/outbox.server'

export const APP_ORIGIN = 'https://tongxing.example.org'
export const T0 = new Date('2026-11-25T06:00:00.000Z')
export const MINUTE = 60_000

export const at = (ms: number) => new Date(T0.getTime() + ms)

/** Queues a verification mail with `db` (a transaction, or autocommit). */
export async function enqueueVerification(
  db: Kysely<DB>,
  options: { key: string; to?: string; name?: string; code?: string; locale?: Locale; now?: Date },
) {
  return enqueueEmail(
    db,
    {
      dedupeKey: options.key,
      template: 'email-verification',
      to: options.to ?? 'li.ming@example.org',
      toAccountId: null,
      locale: options.locale ?? 'zh-CN',
      payload: {
        name: options.name ?? '李明',
        code: options.code ?? '04718263',
        verifyUrl: `${APP_ORIGIN}/verify-email`,
        expiresMinutes: 10,
      },
    },
    options.now ?? T0,
  )
}

export async function outboxRows(db: Kysely<DB>) {
  return db.selectFrom('email_outbox').selectAll().orderBy('id').execute()
}

export async function outboxRow(db: Kysely<DB>, dedupeKey: string) {
  return db.selectFrom('email_outbox').selectAll().where('dedupe_key', '=', dedupeKey).executeTakeFirstOrThrow()
}

/** A console stand-in that keeps what was logged. */
export function recordingLog() {
  const lines: { level: 'warn' | 'error'; text: string }[] = []
  return {
    lines,
    warn: (...args: unknown[]) => void lines.push({ level: 'warn', text: args.map(String).join(' ') }),
    error: (...args: unknown[]) => void lines.push({ level: 'error', text: args.map(String).join(' ') }),
  }
}
