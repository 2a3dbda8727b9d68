/**
 * Attendance and hours: roll call, marking one volunteer, QR self check-in and
 * check-out, hours computed from the times and capped at the shift's length
 * (unless a coordinator overrides with a reason), and approval by a coordinator.
 *
 * Approved hours are final here: marking, roll call and overrides leave an
 * approved sign-up alone, so recorded work is never lost by a later click.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import { forUpdate, writeTransaction } from '#db/dialect'
import type { Attendance, DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { DomainError, forbidden, notFound } from '~/domain/errors'
import { isStaff } from '~/domain/policy'
import { shanghaiDay, shanghaiInstant } from '~/lib/dates'
import { TIME_PATTERN } from './schema'
import { requireStaff } from './shifts.server'
import { LIMITS, requireTokens } from '~/auth/rate-limit.server'
import { recordAudit } from '~/domain/audit/audit.server'
import { APPROVED_HOURS } from '~/domain/shifts/queries.server'
import { leadsTeamOfShift } from '~/domain/visits/team-lead.server'

// ---------------------------------------------------------------------------
// Hours

interface ShiftTimes {
  starts_at: string
  ends_at: string
}

export const shiftMinutes = (shift: ShiftTimes) =>
  Math.round((Date.parse(shift.ends_at) - Date.parse(shift.starts_at)) / 60_000)

/**
 * Minutes served: checked out − checked in, or the shift's length when attended
 * without both times; never more than the shift's length (an override is a
 * separate, reasoned act: overrideHours). Null when not attended.
 */
export function computeServiceMinutes(
  signup: { attendance: Attendance; checked_in_at: string | null; checked_out_at: string | null },
  shift: ShiftTimes,
): number | null {
  if (signup.attendance !== 'attended') return null
  const length = shiftMinutes(shift)
  if (!signup.checked_in_at || !signup.checked_out_at) return length
  const served = Math.floor((Date.parse(signup.checked_out_at) - Date.parse(signup.checked_in_at)) / 60_000)
  return Math.max(0, Math.min(served, length))
}

// ---------------------------------------------------------------------------
// QR check-in codes

export const CHECK_IN_BUCKET_MS = 10 * 60_000
export const CHECK_IN_MARGIN_MS = 30 * 60_000

interface CodeShift extends ShiftTimes {
  id: number
  check_in_secret: string | null
}

/** From 30 minutes before the start to 30 minutes after the end. */
export function checkInWindow(shift: ShiftTimes): { opens: Date; closes: Date } {
  return {
    opens: new Date(Date.parse(shift.starts_at) - CHECK_IN_MARGIN_MS),
    closes: new Date(Date.parse(shift.ends_at) + CHECK_IN_MARGIN_MS),
  }
}

export function inCheckInWindow(shift: ShiftTimes, now: Date): boolean {
  const { opens, closes } = checkInWindow(shift)
  return now >= opens && now <= closes
}

function codeForBucket(secret: string, shiftId: number, bucket: number): string {
  const mac = createHmac('sha256', secret).update(`check-in:${shiftId}:${bucket}`).digest()
  // Dynamic truncation as in HOTP (RFC 4226): six digits.
  const offset = mac[mac.length - 1]! & 0x0f
  const value = mac.readUInt32BE(offset) & 0x7fffffff
  return String(value % 1_000_000).padStart(6, '0')
}

/** The code shown at the site now; null outside the window or before the shift has a secret. */
export function checkInCode(shift: CodeShift, now: Date): string | null {
  if (!shift.check_in_secret || !inCheckInWindow(shift, now)) return null
  return codeForBucket(shift.check_in_secret, shift.id, Math.floor(now.getTime() / CHECK_IN_BUCKET_MS))
}

/** A code is good in the window, for the current ten minutes and the ten before (a scan just as it changes). */
export function isValidCheckInCode(shift: CodeShift, code: string, now: Date): boolean {
  if (!shift.check_in_secret || !inCheckInWindow(shift, now) || !/^\d{6}$/.test(code)) return false
  const bucket = Math.floor(now.getTime() / CHECK_IN_BUCKET_MS)
  const given = Buffer.from(code)
  let ok = false
  for (const b of [bucket, bucket - 1]) {
    ok = timingSafeEqual(Buffer.from(codeForBucket(shift.check_in_secret, shift.id, b)), given) || ok
  }
  return ok
}

/** The shift and its secret (set when the shift is made; see the check-in secrets migration). Reads only: a GET. */
async function codeShift(db: Kysely<DB>, shiftId: number): Promise<CodeShift> {
  const shift = await db
    .selectFrom('shift')
    .select(['id', 'starts_at', 'ends_at', 'check_in_secret'])
    .where('id', '=', shiftId)
    .executeTakeFirst()
  if (!shift) throw notFound()
  return shift
}

/** What the QR page shows coordinators: the current code, or when it will work. */
export async function checkInDisplay(db: Kysely<DB>, actor: Actor, shiftId: number, meta: RequestMeta) {
  requireStaff(actor)
  const shift = await codeShift(db, shiftId)
  const code = checkInCode(shift, meta.now)
  const { opens, closes } = checkInWindow(shift)
  return {
    shiftId,
    code,
    opensAt: opens.toISOString(),
    closesAt: closes.toISOString(),
    url: code ? `${meta.appOrigin}/check-in/${shiftId}?code=${code}` : null,
    /** When the code changes next (the page reloads then). */
    refreshAt: new Date((Math.floor(meta.now.getTime() / CHECK_IN_BUCKET_MS) + 1) * CHECK_IN_BUCKET_MS).toISOString(),
  }
}

// ---------------------------------------------------------------------------
// Coordinator marking

async function lockSignup(trx: Kysely<DB>, signupId: number) {
  const row = await forUpdate(
    trx,
    trx
      .selectFrom('signup')
      .innerJoin('shift', 'shift.id', 'signup.shift_id')
      .selectAll('signup')
      .select(['shift.starts_at', 'shift.ends_at']),
  )
    .where('signup.id', '=', signupId)
    .executeTakeFirst()
  if (!row) throw notFound()
  return row
}

const hoursApproved = () => new DomainError('conflict', 'planning.hours.alreadyApproved')

/**
 * Everyone confirmed on the shift: ticked → attended (hours from their times,
 * awaiting approval), not ticked → no-show. From the check-in window's opening
 * (as marking one volunteer), by staff or the visit's team lead; sign-ups whose
 * hours are approved are left as they are.
 */
export async function recordRollCall(
  db: Kysely<DB>,
  actor: Actor,
  shiftId: number,
  attendedSignupIds: readonly number[],
  meta: RequestMeta,
): Promise<{ attended: number; noShows: number }> {
  if (!isStaff(actor) && !(await leadsTeamOfShift(db, actor, shiftId))) throw forbidden()
  return writeTransaction(db, async (trx) => {
    const shift = await trx
      .selectFrom('shift')
      .select(['id', 'starts_at', 'ends_at'])
      .where('id', '=', shiftId)
      .executeTakeFirst()
    if (!shift) throw notFound()
    if (meta.now < checkInWindow(shift).opens) throw new DomainError('rule', 'planning.rollCall.notStarted')
    const confirmed = await forUpdate(
      trx,
      trx
        .selectFrom('signup')
        .selectAll()
        .where('shift_id', '=', shiftId)
        .where('status', '=', 'confirmed')
        .where('hours_status', '<>', 'approved'),
    ).execute()
    const ticked = new Set(attendedSignupIds)
    const at = meta.now.toISOString()
    let attended = 0
    for (const s of confirmed) {
      if (ticked.has(s.id)) {
        attended++
        const keepOverride = s.attendance === 'attended' && s.hours_override_reason !== null
        await trx
          .updateTable('signup')
          .set({
            attendance: 'attended',
            service_minutes: keepOverride
              ? s.service_minutes
              : computeServiceMinutes({ ...s, attendance: 'attended' }, shift),
            hours_status: 'pending',
            updated_at: at,
          })
          .where('id', '=', s.id)
          .execute()
      } else {
        await trx
          .updateTable('signup')
          .set({
            attendance: 'no_show',
            service_minutes: null,
            hours_status: 'none',
            hours_override_reason: null,
            updated_at: at,
          })
          .where('id', '=', s.id)
          .execute()
      }
    }
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'roll_call_recorded',
        subjectType: 'shift',
        subjectId: shiftId,
        details: { attended, noShows: confirmed.length - attended },
        ip: meta.ip,
      },
      meta.now,
    )
    return { attended, noShows: confirmed.length - attended }
  })
}

/** `HH:MM` on the shift's (Shanghai) day, or an ISO instant, or null. */
function instantOn(day: string, value: string | null | undefined): string | null {
  if (!value) return null
  if (TIME_PATTERN.test(value)) return shanghaiInstant(day, value)
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw new DomainError('rule', 'planning.form.timeInvalid')
  return new Date(ms).toISOString()
}

export async function markAttendance(
  db: Kysely<DB>,
  actor: Actor,
  signupId: number,
  input: { attendance: Attendance; checkedInAt?: string | null; checkedOutAt?: string | null },
  meta: RequestMeta,
): Promise<void> {
  requireStaff(actor)
  await writeTransaction(db, async (trx) => {
    const s = await lockSignup(trx, signupId)
    if (s.status !== 'confirmed') throw new DomainError('rule', 'planning.attendance.notConfirmed')
    if (s.hours_status === 'approved') throw hoursApproved()
    if (input.attendance !== 'pending' && meta.now < checkInWindow(s).opens)
      throw new DomainError('rule', 'planning.attendance.notStarted')
    const day = shanghaiDay(s.starts_at)
    const checkedIn = input.attendance === 'attended' ? instantOn(day, input.checkedInAt) : null
    const checkedOut = input.attendance === 'attended' ? instantOn(day, input.checkedOutAt) : null
    if (checkedOut && !checkedIn)
      throw new DomainError('rule', 'planning.attendance.outWithoutIn', { field: 'checkedIn' })
    if (checkedIn && checkedOut && checkedOut < checkedIn)
      throw new DomainError('rule', 'planning.attendance.outBeforeIn', { field: 'checkedOut' })
    const next = { attendance: input.attendance, checked_in_at: checkedIn, checked_out_at: checkedOut }
    await trx
      .updateTable('signup')
      .set({
        ...next,
        service_minutes: computeServiceMinutes(next, s),
        hours_status: input.attendance === 'attended' ? 'pending' : 'none',
        hours_override_reason: null,
        updated_at: meta.now.toISOString(),
      })
      .where('id', '=', signupId)
      .execute()
  })
}

/** Hours beyond the computed (and capped) figure: the coordinator's reason is kept with them. */
export async function overrideHours(
  db: Kysely<DB>,
  actor: Actor,
  signupId: number,
  minutes: number,
  reason: string,
  meta: RequestMeta,
): Promise<void> {
  requireStaff(actor)
  const why = reason.trim()
  if (!why) throw new DomainError('rule', 'planning.hours.reasonRequired', { field: 'reason' })
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 24 * 60)
    throw new DomainError('rule', 'planning.form.numberInvalid', { field: 'minutes' })
  await writeTransaction(db, async (trx) => {
    const s = await lockSignup(trx, signupId)
    if (s.status !== 'confirmed' || s.attendance !== 'attended')
      throw new DomainError('rule', 'planning.hours.notAttended')
    if (s.hours_status === 'approved') throw hoursApproved()
    await trx
      .updateTable('signup')
      .set({
        service_minutes: minutes,
        hours_override_reason: why,
        hours_status: 'pending',
        updated_at: meta.now.toISOString(),
      })
      .where('id', '=', signupId)
      .execute()
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'hours_overridden',
        subjectType: 'signup',
        subjectId: signupId,
        details: { minutes },
        ip: meta.ip,
      },
      meta.now,
    )
  })
}

/** Approves the hours of attended sign-ups awaiting approval; others in the list are left alone. Returns how many. */
export async function approveHours(
  db: Kysely<DB>,
  actor: Actor,
  signupIds: readonly number[],
  meta: RequestMeta,
): Promise<number> {
  requireStaff(actor)
  if (signupIds.length === 0) return 0
  return writeTransaction(db, async (trx) => {
    const result = await trx
      .updateTable('signup')
      .set({
        hours_status: 'approved',
        hours_approved_by: actor.accountId,
        hours_approved_at: meta.now.toISOString(),
        updated_at: meta.now.toISOString(),
      })
      .where('id', 'in', [...signupIds])
      .where('status', '=', 'confirmed')
      .where('attendance', '=', 'attended')
      .where('service_minutes', 'is not', null)
      .where('hours_status', 'in', ['pending', 'rejected'])
      .executeTakeFirst()
    const approved = Number(result.numUpdatedRows)
    if (approved > 0) {
      await recordAudit(
        trx,
        {
          actorId: actor.accountId,
          action: 'hours_approved',
          subjectType: 'signup',
          subjectId: signupIds.join(','),
          details: { approved },
          ip: meta.ip,
        },
        meta.now,
      )
    }
    return approved
  })
}

// ---------------------------------------------------------------------------
// Volunteers checking themselves in and out

async function ownSignup(trx: Kysely<DB>, actor: Actor, shiftId: number) {
  const row = await forUpdate(
    trx,
    trx
      .selectFrom('signup')
      .innerJoin('shift', 'shift.id', 'signup.shift_id')
      .selectAll('signup')
      .select(['shift.starts_at', 'shift.ends_at', 'shift.check_in_secret', 'shift.status as shift_status']),
  )
    .where('signup.shift_id', '=', shiftId)
    .where('signup.volunteer_id', '=', actor.accountId)
    .where('signup.status', '=', 'confirmed')
    .executeTakeFirst()
  if (!row) throw new DomainError('rule', 'planning.checkIn.notSignedUp')
  if (row.shift_status !== 'open') throw new DomainError('rule', 'planning.checkIn.cancelled')
  return row
}

/** Every typed code counts, right or wrong, per account and per shift (rate-limit.server.ts LIMITS). */
function throttleCheckIn(db: Kysely<DB>, actor: Actor, shiftId: number, now: Date): Promise<void> {
  return requireTokens(
    db,
    [
      [`check-in:account:${actor.accountId}`, LIMITS.checkInPerAccount],
      [`check-in:shift:${shiftId}`, LIMITS.checkInPerShift],
    ],
    now,
    'code',
  )
}

function checkCode(
  row: { shift_id: number; starts_at: string; ends_at: string; check_in_secret: string | null },
  code: string,
  now: Date,
) {
  const shift = {
    id: row.shift_id,
    starts_at: row.starts_at,
    ends_at: row.ends_at,
    check_in_secret: row.check_in_secret,
  }
  if (!inCheckInWindow(shift, now)) throw new DomainError('rule', 'planning.checkIn.outsideWindow')
  if (!isValidCheckInCode(shift, code, now))
    throw new DomainError('rule', 'planning.checkIn.codeInvalid', { field: 'code' })
}

export async function selfCheckIn(db: Kysely<DB>, actor: Actor, shiftId: number, code: string, now: Date) {
  if (actor.role !== 'volunteer' && !isStaff(actor)) throw forbidden()
  await throttleCheckIn(db, actor, shiftId, now)
  return writeTransaction(db, async (trx) => {
    const s = await ownSignup(trx, actor, shiftId)
    checkCode(s, code, now)
    if (s.hours_status === 'approved') throw hoursApproved()
    if (s.checked_in_at) return { checkedInAt: s.checked_in_at, already: true }
    const at = now.toISOString()
    const next = { attendance: 'attended' as const, checked_in_at: at, checked_out_at: null }
    await trx
      .updateTable('signup')
      .set({ ...next, service_minutes: computeServiceMinutes(next, s), hours_status: 'pending', updated_at: at })
      .where('id', '=', s.id)
      .execute()
    return { checkedInAt: at, already: false }
  })
}

export async function selfCheckOut(db: Kysely<DB>, actor: Actor, shiftId: number, code: string, now: Date) {
  if (actor.role !== 'volunteer' && !isStaff(actor)) throw forbidden()
  await throttleCheckIn(db, actor, shiftId, now)
  return writeTransaction(db, async (trx) => {
    const s = await ownSignup(trx, actor, shiftId)
    checkCode(s, code, now)
    if (!s.checked_in_at) throw new DomainError('rule', 'planning.checkIn.notCheckedIn')
    if (s.hours_status === 'approved') throw hoursApproved()
    const at = now.toISOString()
    const next = { attendance: 'attended' as const, checked_in_at: s.checked_in_at, checked_out_at: at }
    const minutes = computeServiceMinutes(next, s)
    await trx
      .updateTable('signup')
      .set({
        checked_out_at: at,
        service_minutes: minutes,
        hours_status: 'pending',
        hours_override_reason: null,
        updated_at: at,
      })
      .where('id', '=', s.id)
      .execute()
    return { checkedOutAt: at, minutes }
  })
}

/** What the volunteer's check-in page shows: their sign-up's state on this shift. */
export async function checkInStatus(db: Kysely<DB>, actor: Actor, shiftId: number) {
  const shift = await db
    .selectFrom('shift')
    .select(['id', 'title', 'role', 'starts_at', 'ends_at', 'status'])
    .where('id', '=', shiftId)
    .executeTakeFirst()
  if (!shift) throw notFound()
  const signup = await db
    .selectFrom('signup')
    .select(['id', 'checked_in_at', 'checked_out_at', 'service_minutes'])
    .where('shift_id', '=', shiftId)
    .where('volunteer_id', '=', actor.accountId)
    .where('status', '=', 'confirmed')
    .executeTakeFirst()
  return { shift, signup: signup ?? null }
}

// ---------------------------------------------------------------------------
// The volunteer's record

/** Counts on a volunteer's record: attended, no-shows, approved and pending minutes. Staff or the volunteer. */
export async function volunteerRecord(db: Kysely<DB>, actor: Actor, volunteerId: number) {
  if (!isStaff(actor) && actor.accountId !== volunteerId) throw forbidden()
  const rows = await db
    .selectFrom('signup')
    .select(['attendance', 'hours_status', 'service_minutes'])
    .where('volunteer_id', '=', volunteerId)
    .where('status', '=', 'confirmed')
    .where('attendance', '<>', 'pending')
    .execute()
  const record = { attended: 0, noShows: 0, approvedMinutes: 0, pendingMinutes: 0 }
  for (const r of rows) {
    if (r.attendance === 'no_show') record.noShows++
    if (r.attendance === 'attended') record.attended++
    if (r.hours_status === APPROVED_HOURS) record.approvedMinutes += r.service_minutes ?? 0
    if (r.hours_status === 'pending') record.pendingMinutes += r.service_minutes ?? 0
  }
  return record
}
