/**
 * Approved service records of a period as CSV, for re-entering them by hand
 * into the national or Jiangsu volunteer systems (which offer no API). Columns
 * are documented in docs/certificates.md. Streamed in keyset pages, so memory
 * stays flat however long the period. Staff only; the export is audited.
 */
import { Readable } from 'node:stream'
import { stringify } from 'csv-stringify'
import { format } from 'date-fns'
import type { Kysely } from 'kysely'
import type { DB, Locale } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { recordAudit } from '~/domain/audit/audit.server'
import { DomainError, forbidden } from '~/domain/errors'
import { isStaff } from '~/domain/policy'
import { createI18n } from '~/i18n/i18n'
import { inShanghai, shanghaiDay } from '~/lib/dates'
import { approvedServiceQuery, type Period } from './approved-service.server'
import { fallbackVolunteerNumber, periodProblem } from './content'

const PAGE = 1000
export const EXPORT_COLUMNS = [
  'volunteerNumber',
  'name',
  'activity',
  'role',
  'place',
  'date',
  'start',
  'end',
  'hours',
] as const

const clock = (instant: string) => format(inShanghai(instant), 'HH:mm')

async function* records(db: Kysely<DB>, period: Period, locale: Locale) {
  const { t } = createI18n(locale)
  let after: { startsAt: string; id: number } | null = null
  for (;;) {
    let query = approvedServiceQuery(db, period)
      .innerJoin('account as v', 'v.id', 'su.volunteer_id')
      .leftJoin('volunteer_profile as vp', 'vp.account_id', 'su.volunteer_id')
      .select(['v.name', 'vp.volunteer_number'])
      .where('v.status', '<>', 'deleted')
    if (after) {
      const { startsAt, id } = after
      query = query.where((eb) =>
        eb.or([
          eb('shift.starts_at', '>', startsAt),
          eb.and([eb('shift.starts_at', '=', startsAt), eb('su.id', '>', id)]),
        ]),
      )
    }
    const rows = await query.limit(PAGE).execute()
    for (const r of rows) {
      yield [
        r.volunteer_number ?? fallbackVolunteerNumber(r.volunteer_id),
        r.name,
        r.activity ?? '',
        t(`shift.role.${r.role}`),
        r.place ?? '',
        shanghaiDay(r.starts_at),
        clock(r.starts_at),
        clock(r.ends_at),
        Math.round(((r.service_minutes ?? 0) / 60) * 100) / 100,
      ]
    }
    if (rows.length < PAGE) return
    const last = rows[rows.length - 1]!
    after = { startsAt: last.starts_at, id: last.signup_id }
  }
}

export async function exportServiceRecords(
  db: Kysely<DB>,
  actor: Actor,
  period: Period,
  locale: Locale,
  meta: RequestMeta,
): Promise<Readable> {
  if (!isStaff(actor)) throw forbidden()
  const problem = periodProblem(period.from, period.to, shanghaiDay(meta.now))
  if (problem) throw new DomainError('rule', problem)
  await recordAudit(
    db,
    {
      actorId: actor.accountId,
      action: 'service_records_exported',
      subjectType: 'period',
      subjectId: `${period.from}..${period.to}`,
      ip: meta.ip,
    },
    meta.now,
  )
  const { t } = createI18n(locale)
  const csv = stringify({
    bom: true,
    escape_formulas: true,
    header: true,
    columns: EXPORT_COLUMNS.map((key) => t(`certificates.export.column.${key}`)),
  })
  return Readable.from(records(db, period, locale)).pipe(csv)
}
