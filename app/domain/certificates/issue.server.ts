/**
 * Issuing a certificate: a volunteer for themself (self-service, free), or a
 * coordinator for any volunteer. What it says is read and frozen in the same
 * transaction that allocates its number, so it is exactly the approved hours
 * of the period at that moment, and later approvals never change it.
 */
import { randomBytes } from 'node:crypto'
import { format } from 'date-fns'
import type { Kysely } from 'kysely'
import { writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import { requireTokens } from '~/auth/rate-limit.server'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { recordAudit } from '~/domain/audit/audit.server'
import { DomainError, forbidden } from '~/domain/errors'
import { isStaff } from '~/domain/policy'
import { inShanghai, shanghaiDay } from '~/lib/dates'
import { approvedServiceQuery, type Period } from './approved-service.server'
import {
  certificateNumber,
  fallbackVolunteerNumber,
  periodProblem,
  type CertificateContent,
  type CertificateRow,
} from './content'
import type { CertificateSettings } from './settings.server'

/** Self-service is free but not a flood: ten in a burst, then one every ten minutes. */
const SELF_SERVICE_LIMIT = { capacity: 10, refillPerMinute: 0.1 }

export interface IssuedCertificate {
  id: number
  number: string
}

const clock = (instant: string) => format(inShanghai(instant), 'HH:mm')

function checkPeriod(period: Period, now: Date) {
  const problem = periodProblem(period.from, period.to, shanghaiDay(now))
  if (problem) throw new DomainError('rule', problem, { field: problem.endsWith('fromAfterTo') ? 'from' : 'to' })
}

/** The next number of the Shanghai year of issue: the counter row is locked by the increment itself. */
async function allocateNumber(trx: Kysely<DB>, year: number): Promise<string> {
  await trx
    .insertInto('certificate_sequence')
    .values({ year, last_number: 0 })
    .onConflict((oc) => oc.column('year').doNothing())
    .execute()
  const row = await trx
    .updateTable('certificate_sequence')
    .set((eb) => ({ last_number: eb('last_number', '+', 1) }))
    .where('year', '=', year)
    .returning('last_number')
    .executeTakeFirstOrThrow()
  return certificateNumber(year, row.last_number)
}

async function issue(
  db: Kysely<DB>,
  actor: Actor,
  volunteerId: number,
  period: Period,
  settings: CertificateSettings,
  meta: RequestMeta,
): Promise<IssuedCertificate> {
  return writeTransaction(db, async (trx) => {
    const volunteer = await trx
      .selectFrom('account')
      .leftJoin('volunteer_profile as vp', 'vp.account_id', 'account.id')
      .select(['account.id', 'account.name', 'vp.volunteer_number', 'vp.id_type', 'vp.id_number_encrypted'])
      .where('account.id', '=', volunteerId)
      .where('account.role', '=', 'volunteer')
      .where('account.status', '<>', 'deleted')
      .executeTakeFirst()
    if (!volunteer) throw new DomainError('rule', 'certificates.issue.volunteerUnknown', { field: 'volunteer' })

    const service = await approvedServiceQuery(trx, period, volunteerId).execute()
    if (service.length === 0) throw new DomainError('rule', 'certificates.issue.noService', { field: 'from' })
    const rows: CertificateRow[] = service.map((s) => ({
      date: shanghaiDay(s.starts_at),
      start: clock(s.starts_at),
      end: clock(s.ends_at),
      activity: s.activity ?? null,
      role: s.role,
      place: s.place ?? null,
      minutes: s.service_minutes ?? 0,
    }))
    const totalMinutes = rows.reduce((sum, r) => sum + r.minutes, 0)
    const issuedOn = shanghaiDay(meta.now)
    const content: CertificateContent = {
      version: 1,
      volunteer: {
        name: volunteer.name,
        volunteerNumber: volunteer.volunteer_number ?? fallbackVolunteerNumber(volunteer.id),
      },
      period,
      totalMinutes,
      rows,
      issuer: {
        personInCharge: settings.personInCharge,
        handledBy: actor.accountId === volunteerId ? null : actor.name,
        contact: settings.contact,
      },
      issuedOn,
    }
    const number = await allocateNumber(trx, Number(issuedOn.slice(0, 4)))
    const at = meta.now.toISOString()
    const hasId = Boolean(volunteer.id_type && volunteer.id_number_encrypted)
    const inserted = await trx
      .insertInto('certificate')
      .values({
        number,
        verification_code: randomBytes(32).toString('base64url'),
        volunteer_id: volunteerId,
        issued_by: actor.accountId === volunteerId ? null : actor.accountId,
        period_from: period.from,
        period_to: period.to,
        total_minutes: totalMinutes,
        content: JSON.stringify(content),
        // The ciphertext is bound to the volunteer, not to the row, so the certificate keeps its own copy as given.
        holder_id_type: hasId ? volunteer.id_type : null,
        holder_id_number_encrypted: hasId ? volunteer.id_number_encrypted : null,
        status: 'valid',
        issued_at: at,
        revoked_at: null,
        revoked_by: null,
        revoke_reason: null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'certificate_issued',
        subjectType: 'certificate',
        subjectId: inserted.id,
        details: { number, volunteerId, from: period.from, to: period.to, totalMinutes },
        ip: meta.ip,
      },
      meta.now,
    )
    return { id: inserted.id, number }
  })
}

/** A volunteer's own certificate for a period, free and on request. */
export async function requestOwnCertificate(
  db: Kysely<DB>,
  actor: Actor,
  period: Period,
  settings: CertificateSettings,
  meta: RequestMeta,
): Promise<IssuedCertificate> {
  if (actor.role !== 'volunteer') throw forbidden()
  checkPeriod(period, meta.now)
  await requireTokens(db, [[`certificate:account:${actor.accountId}`, SELF_SERVICE_LIMIT]], meta.now, 'from')
  return issue(db, actor, actor.accountId, period, settings, meta)
}

/** A coordinator issues one for a volunteer named by volunteer number or email. */
export async function issueCertificateFor(
  db: Kysely<DB>,
  actor: Actor,
  volunteerRef: string,
  period: Period,
  settings: CertificateSettings,
  meta: RequestMeta,
): Promise<IssuedCertificate> {
  if (!isStaff(actor)) throw forbidden()
  checkPeriod(period, meta.now)
  const ref = volunteerRef.trim()
  const found = await db
    .selectFrom('account')
    .leftJoin('volunteer_profile as vp', 'vp.account_id', 'account.id')
    .select('account.id')
    .where((eb) => eb.or([eb('vp.volunteer_number', '=', ref), eb('account.email_normalised', '=', ref.toLowerCase())]))
    .executeTakeFirst()
  if (!found) throw new DomainError('rule', 'certificates.issue.volunteerUnknown', { field: 'volunteer' })
  return issue(db, actor, found.id, period, settings, meta)
}
