/**
 * Signing up for shifts, cancelling, the waitlist, offering a place, and the
 * coordinator's hand. Every write runs in writeTransaction with the shift row
 * locked first, so the rules hold under any concurrency:
 *
 * - a seat is taken only by `update shift set confirmed_count = confirmed_count + 1
 *   where id = ? and confirmed_count < capacity` (the CHECK shift_within_capacity
 *   is the backstop); no seat → the waitlist, at max(position) + 1;
 * - the partial unique index signup_one_active makes a double submission one
 *   sign-up; the loser of that race is answered with the winner's sign-up;
 * - the volunteer's account row is locked too, so two sign-ups of one person
 *   for overlapping shifts cannot both pass the overlap check;
 * - mail is enqueued in the same transaction (outbox), never sent here.
 *
 * Who may touch what is checked here, not in routes.
 */
import type { Kysely } from 'kysely'
import { forUpdate, isUniqueViolation, writeTransaction } from '#db/dialect'
import type { Attendance, DB, HoursStatus, Locale, ShiftRole, ShiftStatus } from '#db/schema'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import type { Actor } from '~/domain/actor'
import { DomainError, forbidden, notFound } from '~/domain/errors'
import { enqueueEmail, messageIdDomainOf } from '~/domain/mail/outbox.server'
import { isStaff } from '~/domain/policy'
import en from '~/i18n/locales/en'
import zhCN from '~/i18n/locales/zh-CN'
import type { Reason } from './eligibility'
import { eligibleVolunteersForShift, loadEligibility, shiftWithPlace } from './eligibility.server'

/** A sign-up the rules refused; `reasons` lists every reason, the error's code is the first. */
export class SignupRefusedError extends DomainError {
  constructor(readonly reasons: Reason[]) {
    super('rule', reasons[0]?.code ?? 'signup.reason.notVolunteer', { params: reasons[0]?.params })
    this.name = 'SignupRefusedError'
  }
}

export interface SignUpResult {
  signupId: number
  status: 'confirmed' | 'waitlisted'
  /** Place in the waitlist now (1 = next in line), when waitlisted. */
  position?: number
  /** True when an active sign-up already existed (a double-submitted form): nothing changed. */
  alreadySignedUp: boolean
}

/** How many "a place is offered" mails one offer may send. */
export const OFFER_NOTIFY_LIMIT = 50
export const MAX_CAPACITY = 1000
const CANCEL_REASON_VOLUNTEER = 'volunteer'
const CANCEL_REASON_OFFERED = 'offered'

// ---------------------------------------------------------------------------
// Shared pieces

const roleLabels: Record<Locale, Record<ShiftRole, string>> = { 'zh-CN': zhCN.shift.role, en: en.shift.role }

export function roleLabel(role: ShiftRole, locale: Locale): string {
  return roleLabels[locale][role]
}

/** The shift's row, locked until the transaction ends (the write lock covers it where rows cannot be locked). */
async function lockShift(trx: Kysely<DB>, shiftId: number) {
  const shift = await forUpdate(
    trx,
    trx
      .selectFrom('shift')
      .select(['id', 'status', 'starts_at', 'ends_at', 'capacity', 'confirmed_count', 'cancel_cutoff_hours'])
      .where('id', '=', shiftId),
  ).executeTakeFirst()
  if (!shift) throw notFound('signup.shiftNotFound')
  return shift
}

/** Serialises one volunteer's own sign-ups (the overlap rule spans shifts). */
async function lockAccount(trx: Kysely<DB>, accountId: number): Promise<void> {
  await forUpdate(trx, trx.selectFrom('account').select('id').where('id', '=', accountId)).executeTakeFirst()
}

async function lockSignup(trx: Kysely<DB>, signupId: number) {
  return forUpdate(
    trx,
    trx
      .selectFrom('signup')
      .select(['id', 'shift_id', 'volunteer_id', 'status', 'waitlist_position'])
      .where('id', '=', signupId),
  ).executeTakeFirst()
}

/**
 * The actor's own sign-up and its shift, locked shift first (the order every
 * sign-up transaction takes); someone else's sign-up is "not found".
 */
async function lockOwnSignup(trx: Kysely<DB>, actor: Actor, signupId: number) {
  const first = await trx
    .selectFrom('signup')
    .select(['shift_id', 'volunteer_id'])
    .where('id', '=', signupId)
    .executeTakeFirst()
  if (!first || first.volunteer_id !== actor.accountId) throw notFound('signup.notFound')
  const shift = await lockShift(trx, first.shift_id)
  const signup = await lockSignup(trx, signupId)
  return { shift, signup }
}

/** What a shift mail says about the shift, and whom to contact. */
export interface ShiftMailInfo {
  id: number
  role: ShiftRole
  title: string | null
  activityTitle: string | null
  startsAt: string
  endsAt: string
  placeName: string | null
  whatToBring: string | null
  contactName: string | null
  contactPhone: string | null
}

export async function loadShiftMailInfo(db: Kysely<DB>, shiftId: number): Promise<ShiftMailInfo> {
  const row = await shiftWithPlace(db)
    .leftJoin('account as contact', (join) =>
      join.on((eb) => eb('contact.id', '=', eb.fn.coalesce('shift.contact_account_id', 'a.coordinator_id'))),
    )
    .select((eb) => [
      'shift.id',
      'shift.role',
      'shift.title',
      'a.title as activity_title',
      'shift.starts_at',
      'shift.ends_at',
      eb.fn.coalesce('s.name', 'p.name', 'activity_site.name').as('place_name'),
      'shift.what_to_bring',
      'contact.name as contact_name',
      'contact.phone as contact_phone',
      'contact.email as contact_email',
    ])
    .where('shift.id', '=', shiftId)
    .executeTakeFirst()
  if (!row) throw notFound('signup.shiftNotFound')
  return {
    id: row.id,
    role: row.role,
    title: row.title,
    activityTitle: row.activity_title ?? null,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    placeName: row.place_name ?? null,
    whatToBring: row.what_to_bring,
    contactName: row.contact_name ?? null,
    contactPhone: row.contact_phone ?? row.contact_email ?? null,
  }
}

/** The shift's name in mail: its own title, else its activity's, else its role. */
export function shiftTitleOf(shift: Pick<ShiftMailInfo, 'title' | 'activityTitle' | 'role'>, locale: Locale): string {
  return shift.title ?? shift.activityTitle ?? roleLabel(shift.role, locale)
}

export const shiftUrlOf = (appOrigin: string, shiftId: number) => `${appOrigin.replace(/\/+$/, '')}/shifts/${shiftId}`

interface Recipient {
  id: number
  name: string
  email: string
  locale: Locale
}

async function loadRecipient(db: Kysely<DB>, accountId: number): Promise<Recipient | null> {
  const row = await db
    .selectFrom('account')
    .select(['id', 'name', 'email', 'locale', 'status'])
    .where('id', '=', accountId)
    .executeTakeFirst()
  return row && row.status === 'active' ? row : null
}

function shiftFields(shift: ShiftMailInfo, to: Recipient, appOrigin: string) {
  return {
    name: to.name,
    shiftTitle: shiftTitleOf(shift, to.locale),
    startsAt: shift.startsAt,
    endsAt: shift.endsAt,
    ...(shift.placeName ? { place: shift.placeName } : {}),
    shiftUrl: shiftUrlOf(appOrigin, shift.id),
  }
}

/** The payload of the mails that confirm a place (with the .ics) and of the reminder. */
export function confirmationPayload(shift: ShiftMailInfo, to: Recipient, signupId: number, appOrigin: string) {
  return {
    ...shiftFields(shift, to, appOrigin),
    signupId,
    shiftId: shift.id,
    ...(shift.whatToBring ? { whatToBring: shift.whatToBring } : {}),
    ...(shift.contactName ? { contactName: shift.contactName } : {}),
    ...(shift.contactPhone ? { contactPhone: shift.contactPhone } : {}),
  }
}

async function enqueueConfirmation(
  trx: Kysely<DB>,
  template: 'signup-confirmed' | 'waitlist-promoted',
  shiftId: number,
  to: Recipient,
  signupId: number,
  meta: RequestMeta,
): Promise<void> {
  const shift = await loadShiftMailInfo(trx, shiftId)
  await enqueueEmail(
    trx,
    {
      dedupeKey: `${template}:${signupId}`,
      template,
      to: to.email,
      toAccountId: to.id,
      locale: to.locale,
      messageIdDomain: messageIdDomainOf(meta.appOrigin),
      payload: confirmationPayload(shift, to, signupId, meta.appOrigin),
    },
    meta.now,
  )
}

/** Dedupe key of a sign-up's reminder: one per sign-up, ever. */
export const reminderKey = (signupId: number) => `shift-reminder:${signupId}`

/**
 * Drops the not-yet-sent reminders of these sign-ups (cancelled, removed, or
 * their shift cancelled or moved). Call it in the transaction that made them moot.
 */
export async function forgetPendingReminders(trx: Kysely<DB>, signupIds: readonly number[]): Promise<void> {
  if (signupIds.length === 0) return
  await trx
    .deleteFrom('email_outbox')
    .where('dedupe_key', 'in', signupIds.map(reminderKey))
    .where('status', '=', 'pending')
    .execute()
}

/** 1 for the next in line. */
async function waitlistRank(db: Kysely<DB>, shiftId: number, position: number): Promise<number> {
  const row = await db
    .selectFrom('signup')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('shift_id', '=', shiftId)
    .where('status', '=', 'waitlisted')
    .where('waitlist_position', '<=', position)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Takes a seat if there is one: the conditional UPDATE that makes overbooking impossible. */
async function takeSeat(trx: Kysely<DB>, shiftId: number): Promise<boolean> {
  const result = await trx
    .updateTable('shift')
    .set((eb) => ({ confirmed_count: eb('confirmed_count', '+', 1) }))
    .where('id', '=', shiftId)
    .where((eb) => eb('confirmed_count', '<', eb.ref('capacity')))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

async function freeSeat(trx: Kysely<DB>, shiftId: number): Promise<void> {
  await trx
    .updateTable('shift')
    .set((eb) => ({ confirmed_count: eb('confirmed_count', '-', 1) }))
    .where('id', '=', shiftId)
    .where('confirmed_count', '>', 0)
    .execute()
}

async function nextWaitlistPosition(trx: Kysely<DB>, shiftId: number): Promise<number> {
  const row = await trx
    .selectFrom('signup')
    .select((eb) => eb.fn.max('waitlist_position').as('last'))
    .where('shift_id', '=', shiftId)
    .where('status', '=', 'waitlisted')
    .executeTakeFirst()
  return Number(row?.last ?? 0) + 1
}

/** Inserts a confirmed sign-up if a seat is free, else a waitlisted one. */
async function insertSignup(
  trx: Kysely<DB>,
  shiftId: number,
  volunteerId: number,
  now: string,
  added: { by: number; reason: string } | null,
): Promise<{ id: number; status: 'confirmed' | 'waitlisted'; waitlistPosition: number | null }> {
  const confirmed = await takeSeat(trx, shiftId)
  const waitlistPosition = confirmed ? null : await nextWaitlistPosition(trx, shiftId)
  const status = confirmed ? 'confirmed' : 'waitlisted'
  const row = await trx
    .insertInto('signup')
    .values({
      shift_id: shiftId,
      volunteer_id: volunteerId,
      status,
      waitlist_position: waitlistPosition,
      attendance: 'pending',
      checked_in_at: null,
      checked_out_at: null,
      service_minutes: null,
      hours_status: 'none',
      hours_override_reason: null,
      hours_approved_by: null,
      hours_approved_at: null,
      cancelled_at: null,
      cancel_reason: null,
      added_by: added?.by ?? null,
      added_reason: added?.reason ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, status, waitlistPosition }
}

async function enqueueSignupMail(
  trx: Kysely<DB>,
  signup: { id: number; status: 'confirmed' | 'waitlisted'; waitlistPosition: number | null },
  shiftId: number,
  to: Recipient,
  meta: RequestMeta,
): Promise<number | undefined> {
  if (signup.status === 'confirmed') {
    await enqueueConfirmation(trx, 'signup-confirmed', shiftId, to, signup.id, meta)
    return undefined
  }
  const position = await waitlistRank(trx, shiftId, signup.waitlistPosition!)
  const shift = await loadShiftMailInfo(trx, shiftId)
  await enqueueEmail(
    trx,
    {
      dedupeKey: `signup-waitlisted:${signup.id}`,
      template: 'signup-waitlisted',
      to: to.email,
      toAccountId: to.id,
      locale: to.locale,
      messageIdDomain: messageIdDomainOf(meta.appOrigin),
      payload: { ...shiftFields(shift, to, meta.appOrigin), position },
    },
    meta.now,
  )
  return position
}

/**
 * Moves waitlisted volunteers, first in line first, into free seats (while the
 * shift has not started), and tells each by mail. Returns their sign-up ids.
 */
async function promoteFromWaitlist(trx: Kysely<DB>, shiftId: number, meta: RequestMeta): Promise<number[]> {
  const shift = await trx
    .selectFrom('shift')
    .select(['starts_at', 'status'])
    .where('id', '=', shiftId)
    .executeTakeFirst()
  if (!shift || shift.status !== 'open' || Date.parse(shift.starts_at) <= meta.now.getTime()) return []
  const promoted: number[] = []
  for (;;) {
    const next = await trx
      .selectFrom('signup')
      .select(['id', 'volunteer_id'])
      .where('shift_id', '=', shiftId)
      .where('status', '=', 'waitlisted')
      .orderBy('waitlist_position')
      .limit(1)
      .executeTakeFirst()
    if (!next || !(await takeSeat(trx, shiftId))) break
    await trx
      .updateTable('signup')
      .set({ status: 'confirmed', waitlist_position: null, updated_at: meta.now.toISOString() })
      .where('id', '=', next.id)
      .execute()
    promoted.push(next.id)
    const to = await loadRecipient(trx, next.volunteer_id)
    if (to) await enqueueConfirmation(trx, 'waitlist-promoted', shiftId, to, next.id, meta)
  }
  return promoted
}

/**
 * Cancels a sign-up: withdraws its open offer, drops its pending reminder, and,
 * if it held a seat, frees it and promotes from the waitlist.
 */
async function release(
  trx: Kysely<DB>,
  signup: { id: number; shift_id: number; status: string },
  reason: string,
  meta: RequestMeta,
): Promise<number[]> {
  const now = meta.now.toISOString()
  await trx
    .updateTable('signup')
    .set({ status: 'cancelled', waitlist_position: null, cancelled_at: now, cancel_reason: reason, updated_at: now })
    .where('id', '=', signup.id)
    .execute()
  await trx
    .updateTable('signup_offer')
    .set({ status: 'withdrawn', updated_at: now })
    .where('signup_id', '=', signup.id)
    .where('status', '=', 'open')
    .execute()
  await forgetPendingReminders(trx, [signup.id])
  if (signup.status !== 'confirmed') return []
  await freeSeat(trx, signup.shift_id)
  return promoteFromWaitlist(trx, signup.shift_id, meta)
}

function requireStaff(actor: Actor): void {
  if (!isStaff(actor)) throw forbidden()
}

function requireReason(reason: string): string {
  const trimmed = reason.trim()
  if (trimmed === '' || trimmed.length > 500)
    throw new DomainError('rule', 'signup.staff.reasonRequired', { field: 'reason' })
  return trimmed
}

// ---------------------------------------------------------------------------
// Volunteers

/**
 * Signs `actor` up for a shift: a confirmed place if a seat is free, else the
 * waitlist. A second submission returns the existing sign-up unchanged.
 * Throws SignupRefusedError (kind `rule`) with every reason when not eligible.
 */
export async function signUp(db: Kysely<DB>, actor: Actor, shiftId: number, meta: RequestMeta): Promise<SignUpResult> {
  try {
    return await writeTransaction(db, async (trx) => {
      await lockShift(trx, shiftId)
      await lockAccount(trx, actor.accountId)
      const eligibility = (await loadEligibility(trx, actor, [shiftId], meta.now)).get(shiftId)
      if (!eligibility) throw notFound('signup.shiftNotFound')
      const existing = eligibility.existingSignup
      if (existing) return existingResult(trx, existing.id)
      if (!eligibility.eligible) throw new SignupRefusedError(eligibility.reasons)

      const signup = await insertSignup(trx, shiftId, actor.accountId, meta.now.toISOString(), null)
      const to: Recipient = { id: actor.accountId, name: actor.name, email: actor.email, locale: actor.locale }
      const position = await enqueueSignupMail(trx, signup, shiftId, to, meta)
      return {
        signupId: signup.id,
        status: signup.status,
        ...(position !== undefined ? { position } : {}),
        alreadySignedUp: false,
      }
    })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    // The same form, submitted twice at once: the other submission's sign-up is the answer.
    const existing = await db
      .selectFrom('signup')
      .select('id')
      .where('shift_id', '=', shiftId)
      .where('volunteer_id', '=', actor.accountId)
      .where('status', '<>', 'cancelled')
      .executeTakeFirst()
    if (!existing) throw error
    return existingResult(db, existing.id)
  }
}

async function existingResult(db: Kysely<DB>, signupId: number): Promise<SignUpResult> {
  const row = await db
    .selectFrom('signup')
    .select(['id', 'shift_id', 'status', 'waitlist_position'])
    .where('id', '=', signupId)
    .executeTakeFirstOrThrow()
  if (row.status === 'waitlisted') {
    return {
      signupId: row.id,
      status: 'waitlisted',
      position: await waitlistRank(db, row.shift_id, row.waitlist_position!),
      alreadySignedUp: true,
    }
  }
  return { signupId: row.id, status: 'confirmed', alreadySignedUp: true }
}

export interface CancelResult {
  signupId: number
  /** False when it was already cancelled (a repeated request). */
  cancelled: boolean
  /** Waitlisted sign-ups that got the freed seat. */
  promoted: number[]
}

/**
 * The volunteer cancels their own sign-up. A confirmed place cannot be given up
 * online inside the shift's cut-off: the error names the contact person.
 */
export async function cancelSignup(
  db: Kysely<DB>,
  actor: Actor,
  signupId: number,
  meta: RequestMeta,
): Promise<CancelResult> {
  return writeTransaction(db, async (trx) => {
    const { shift, signup } = await lockOwnSignup(trx, actor, signupId)
    if (!signup) throw notFound('signup.notFound')
    if (signup.status === 'cancelled') return { signupId, cancelled: false, promoted: [] }
    const startsMs = Date.parse(shift.starts_at)
    if (startsMs <= meta.now.getTime()) throw new DomainError('rule', 'signup.cancel.started')
    const cutoffMs = shift.cancel_cutoff_hours * 3_600_000
    // A waitlisted place leaves no gap, so only a confirmed one is held to the cut-off.
    if (signup.status === 'confirmed' && shift.status === 'open' && startsMs - meta.now.getTime() < cutoffMs) {
      const info = await loadShiftMailInfo(trx, signup.shift_id)
      const hours = shift.cancel_cutoff_hours
      if (info.contactName) {
        throw new DomainError('rule', 'signup.cancel.tooLate', {
          params: { hours, name: info.contactName, phone: info.contactPhone ?? '' },
        })
      }
      throw new DomainError('rule', 'signup.cancel.tooLateNoContact', { params: { hours } })
    }
    const promoted = await release(trx, signup, CANCEL_REASON_VOLUNTEER, meta)
    return { signupId, cancelled: true, promoted }
  })
}

// ---------------------------------------------------------------------------
// Offering a place

export interface OfferResult {
  offerId: number
  /** False when an open offer for this sign-up already existed. */
  created: boolean
  /** How many volunteers were told. */
  notified: number
}

/**
 * A confirmed volunteer who cannot come offers their place. They keep it until
 * someone takes it. Eligible volunteers are told by mail: the shift's waitlist
 * first, then other verified, eligible volunteers, at most OFFER_NOTIFY_LIMIT.
 */
export async function offerPlace(
  db: Kysely<DB>,
  actor: Actor,
  signupId: number,
  meta: RequestMeta,
): Promise<OfferResult> {
  return writeTransaction(db, async (trx) => {
    const { shift, signup } = await lockOwnSignup(trx, actor, signupId)
    if (!signup || signup.status !== 'confirmed') throw new DomainError('rule', 'signup.offer.notConfirmed')
    if (shift.status !== 'open') throw new DomainError('rule', 'signup.reason.shiftCancelled')
    if (Date.parse(shift.starts_at) <= meta.now.getTime()) throw new DomainError('rule', 'signup.reason.shiftStarted')

    const open = await trx
      .selectFrom('signup_offer')
      .select('id')
      .where('signup_id', '=', signupId)
      .where('status', '=', 'open')
      .executeTakeFirst()
    if (open) return { offerId: open.id, created: false, notified: 0 }

    const now = meta.now.toISOString()
    const offer = await trx
      .insertInto('signup_offer')
      .values({ signup_id: signupId, status: 'open', taken_by_signup_id: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()

    const candidates = await eligibleVolunteersForShift(trx, signup.shift_id, meta.now, {
      limit: OFFER_NOTIFY_LIMIT,
      excludeAccountIds: [actor.accountId],
    })
    const info = await loadShiftMailInfo(trx, signup.shift_id)
    for (const to of candidates) {
      await enqueueEmail(
        trx,
        {
          dedupeKey: `place-offered:${offer.id}:${to.id}`,
          template: 'place-offered',
          to: to.email,
          toAccountId: to.id,
          locale: to.locale,
          messageIdDomain: messageIdDomainOf(meta.appOrigin),
          payload: shiftFields(info, to, meta.appOrigin),
        },
        meta.now,
      )
    }
    return { offerId: offer.id, created: true, notified: candidates.length }
  })
}

/**
 * The first eligible volunteer to accept gets the place: in one transaction the
 * offer is taken, the giver's sign-up cancelled (reason `offered`) and the taker
 * confirmed (their waitlisted sign-up on the shift, if any, moves up). The
 * confirmed count does not change.
 */
export async function takeOffer(
  db: Kysely<DB>,
  actor: Actor,
  offerId: number,
  meta: RequestMeta,
): Promise<{ signupId: number }> {
  return writeTransaction(db, async (trx) => {
    const first = await trx
      .selectFrom('signup_offer as o')
      .innerJoin('signup as giver', 'giver.id', 'o.signup_id')
      .select(['giver.shift_id', 'giver.volunteer_id', 'giver.id as giver_signup_id'])
      .where('o.id', '=', offerId)
      .executeTakeFirst()
    if (!first) throw notFound('signup.offer.gone')
    if (first.volunteer_id === actor.accountId) throw new DomainError('rule', 'signup.offer.ownOffer')
    await lockShift(trx, first.shift_id)
    await lockAccount(trx, actor.accountId)
    const offer = await forUpdate(
      trx,
      trx.selectFrom('signup_offer').select(['id', 'status']).where('id', '=', offerId),
    ).executeTakeFirst()
    const giver = await lockSignup(trx, first.giver_signup_id)
    if (!offer || offer.status !== 'open' || !giver || giver.status !== 'confirmed') {
      throw new DomainError('conflict', 'signup.offer.gone')
    }

    const eligibility = (await loadEligibility(trx, actor, [first.shift_id], meta.now, { purpose: 'offer' })).get(
      first.shift_id,
    )
    if (!eligibility) throw notFound('signup.shiftNotFound')
    if (eligibility.existingSignup?.status === 'confirmed')
      throw new DomainError('rule', 'signup.offer.alreadyConfirmed')
    if (!eligibility.eligible) throw new SignupRefusedError(eligibility.reasons)

    const now = meta.now.toISOString()
    // The giver lets go; the seat passes straight to the taker, so confirmed_count stays.
    await trx
      .updateTable('signup')
      .set({ status: 'cancelled', cancelled_at: now, cancel_reason: CANCEL_REASON_OFFERED, updated_at: now })
      .where('id', '=', giver.id)
      .execute()
    await forgetPendingReminders(trx, [giver.id])

    let takerSignupId: number
    const waiting = eligibility.existingSignup
    if (waiting) {
      await trx
        .updateTable('signup')
        .set({ status: 'confirmed', waitlist_position: null, updated_at: now })
        .where('id', '=', waiting.id)
        .execute()
      takerSignupId = waiting.id
    } else {
      const row = await trx
        .insertInto('signup')
        .values({
          shift_id: first.shift_id,
          volunteer_id: actor.accountId,
          status: 'confirmed',
          waitlist_position: null,
          attendance: 'pending',
          checked_in_at: null,
          checked_out_at: null,
          service_minutes: null,
          hours_status: 'none',
          hours_override_reason: null,
          hours_approved_by: null,
          hours_approved_at: null,
          cancelled_at: null,
          cancel_reason: null,
          added_by: null,
          added_reason: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      takerSignupId = row.id
    }
    const taken = await trx
      .updateTable('signup_offer')
      .set({ status: 'taken', taken_by_signup_id: takerSignupId, updated_at: now })
      .where('id', '=', offerId)
      .where('status', '=', 'open')
      .executeTakeFirst()
    if (Number(taken.numUpdatedRows) !== 1) throw new DomainError('conflict', 'signup.offer.gone')

    const to: Recipient = { id: actor.accountId, name: actor.name, email: actor.email, locale: actor.locale }
    await enqueueConfirmation(trx, 'signup-confirmed', first.shift_id, to, takerSignupId, meta)
    return { signupId: takerSignupId }
  })
}

/** The giver takes their offer back (they never lost the place). */
export async function withdrawOffer(db: Kysely<DB>, actor: Actor, offerId: number, meta: RequestMeta): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const offer = await trx
      .selectFrom('signup_offer as o')
      .innerJoin('signup as giver', 'giver.id', 'o.signup_id')
      .select(['o.status', 'giver.volunteer_id'])
      .where('o.id', '=', offerId)
      .executeTakeFirst()
    if (!offer || offer.volunteer_id !== actor.accountId) throw notFound('signup.notFound')
    const result = await trx
      .updateTable('signup_offer')
      .set({ status: 'withdrawn', updated_at: meta.now.toISOString() })
      .where('id', '=', offerId)
      .where('status', '=', 'open')
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) throw new DomainError('conflict', 'signup.offer.gone')
  })
}

// ---------------------------------------------------------------------------
// Coordinators

/** A coordinator adds a volunteer by hand, with a reason: a free seat if any, else the waitlist. */
export async function addToShift(
  db: Kysely<DB>,
  staff: Actor,
  shiftId: number,
  volunteerId: number,
  reason: string,
  meta: RequestMeta,
): Promise<SignUpResult> {
  requireStaff(staff)
  const why = requireReason(reason)
  return writeTransaction(db, async (trx) => {
    const shift = await lockShift(trx, shiftId)
    if (shift.status !== 'open') throw new DomainError('rule', 'signup.reason.shiftCancelled')
    const volunteer = await trx
      .selectFrom('account')
      .select(['id', 'name', 'email', 'locale', 'role', 'status'])
      .where('id', '=', volunteerId)
      .executeTakeFirst()
    if (!volunteer || volunteer.role !== 'volunteer' || volunteer.status !== 'active') {
      throw new DomainError('rule', 'signup.staff.notAVolunteer', { field: 'volunteerId' })
    }
    const active = await trx
      .selectFrom('signup')
      .select('id')
      .where('shift_id', '=', shiftId)
      .where('volunteer_id', '=', volunteerId)
      .where('status', '<>', 'cancelled')
      .executeTakeFirst()
    if (active) throw new DomainError('conflict', 'signup.staff.alreadyOnShift', { field: 'volunteerId' })
    const signup = await insertSignup(trx, shiftId, volunteerId, meta.now.toISOString(), {
      by: staff.accountId,
      reason: why,
    })
    const position = await enqueueSignupMail(trx, signup, shiftId, volunteer, meta)
    return {
      signupId: signup.id,
      status: signup.status,
      ...(position !== undefined ? { position } : {}),
      alreadySignedUp: false,
    }
  })
}

/** A coordinator takes a volunteer off a shift, with a reason; no cut-off applies. A freed seat is refilled. */
export async function removeFromShift(
  db: Kysely<DB>,
  staff: Actor,
  signupId: number,
  reason: string,
  meta: RequestMeta,
): Promise<CancelResult> {
  requireStaff(staff)
  const why = requireReason(reason)
  return writeTransaction(db, async (trx) => {
    const first = await trx.selectFrom('signup').select('shift_id').where('id', '=', signupId).executeTakeFirst()
    if (!first) throw notFound('signup.notFound')
    await lockShift(trx, first.shift_id)
    const signup = await lockSignup(trx, signupId)
    if (!signup) throw notFound('signup.notFound')
    if (signup.status === 'cancelled') return { signupId, cancelled: false, promoted: [] }
    const promoted = await release(trx, signup, `staff: ${why}`, meta)
    return { signupId, cancelled: true, promoted }
  })
}

/**
 * A coordinator changes a shift's capacity. Below the confirmed count is
 * refused; more seats go to the waitlist in order, at once.
 */
export async function changeCapacity(
  db: Kysely<DB>,
  staff: Actor,
  shiftId: number,
  capacity: number,
  meta: RequestMeta,
): Promise<{ capacity: number; promoted: number[] }> {
  requireStaff(staff)
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY) {
    throw new DomainError('rule', 'signup.capacity.invalid', { field: 'capacity' })
  }
  return writeTransaction(db, async (trx) => {
    const shift = await lockShift(trx, shiftId)
    if (capacity < shift.confirmed_count) {
      throw new DomainError('rule', 'signup.capacity.belowConfirmed', {
        field: 'capacity',
        params: { confirmed: shift.confirmed_count },
      })
    }
    await trx
      .updateTable('shift')
      .set({ capacity, updated_at: meta.now.toISOString() })
      .where('id', '=', shiftId)
      .execute()
    const promoted = capacity > shift.capacity ? await promoteFromWaitlist(trx, shiftId, meta) : []
    return { capacity, promoted }
  })
}

// ---------------------------------------------------------------------------
// My shifts

export interface MyShift {
  signupId: number
  shiftId: number
  role: ShiftRole
  title: string | null
  activityTitle: string | null
  placeName: string | null
  startsAt: string
  endsAt: string
  shiftStatus: ShiftStatus
  status: 'confirmed' | 'waitlisted'
  /** 1 = next in line; null unless waitlisted. */
  waitlistRank: number | null
  /** Until when it can be cancelled online (confirmed places). */
  cancelUntil: string
  attendance: Attendance
  serviceMinutes: number | null
  hoursStatus: HoursStatus
  /** Their own open offer of this place. */
  openOfferId: number | null
}

export interface AvailableOffer {
  offerId: number
  shiftId: number
  role: ShiftRole
  title: string | null
  activityTitle: string | null
  placeName: string | null
  startsAt: string
  endsAt: string
}

export interface MyShifts {
  /** Not yet ended, soonest first. */
  upcoming: MyShift[]
  /** Ended, confirmed places with attendance and hours, latest first. */
  past: MyShift[]
  /** Places others offer that this volunteer may take now. */
  availableOffers: AvailableOffer[]
}

const PAST_LIMIT = 200
const OFFERS_LIMIT = 20

/** The volunteer's own shifts: upcoming (with waitlist rank and open offers) and past (with hours). */
export async function listMyShifts(db: Kysely<DB>, actor: Actor, now: Date): Promise<MyShifts> {
  const nowIso = now.toISOString()
  const base = () =>
    shiftWithPlace(db)
      .innerJoin('signup as su', 'su.shift_id', 'shift.id')
      .select((eb) => [
        'su.id as signup_id',
        'shift.id as shift_id',
        'shift.role',
        'shift.title',
        'a.title as activity_title',
        eb.fn.coalesce('s.name', 'p.name', 'activity_site.name').as('place_name'),
        'shift.starts_at',
        'shift.ends_at',
        'shift.status as shift_status',
        'shift.cancel_cutoff_hours',
        'su.status',
        'su.waitlist_position',
        'su.attendance',
        'su.service_minutes',
        'su.hours_status',
      ])
      .where('su.volunteer_id', '=', actor.accountId)
  const upcomingRows = await base()
    .where('su.status', 'in', ['confirmed', 'waitlisted'])
    .where('shift.ends_at', '>', nowIso)
    .orderBy('shift.starts_at')
    .orderBy('shift.id')
    .execute()
  const pastRows = await base()
    .where('su.status', '=', 'confirmed')
    .where('shift.ends_at', '<=', nowIso)
    .orderBy('shift.starts_at', 'desc')
    .orderBy('shift.id', 'desc')
    .limit(PAST_LIMIT)
    .execute()

  const waitingShiftIds = upcomingRows.filter((r) => r.status === 'waitlisted').map((r) => r.shift_id)
  const queue =
    waitingShiftIds.length === 0
      ? []
      : await db
          .selectFrom('signup')
          .select(['shift_id', 'waitlist_position'])
          .where('shift_id', 'in', waitingShiftIds)
          .where('status', '=', 'waitlisted')
          .execute()
  const mySignupIds = upcomingRows.map((r) => r.signup_id)
  const myOffers =
    mySignupIds.length === 0
      ? []
      : await db
          .selectFrom('signup_offer')
          .select(['id', 'signup_id'])
          .where('signup_id', 'in', mySignupIds)
          .where('status', '=', 'open')
          .execute()

  const toItem = (row: (typeof upcomingRows)[number]): MyShift => ({
    signupId: row.signup_id,
    shiftId: row.shift_id,
    role: row.role,
    title: row.title,
    activityTitle: row.activity_title ?? null,
    placeName: row.place_name ?? null,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    shiftStatus: row.shift_status,
    status: row.status === 'waitlisted' ? 'waitlisted' : 'confirmed',
    waitlistRank:
      row.status === 'waitlisted'
        ? queue.filter((q) => q.shift_id === row.shift_id && q.waitlist_position! <= row.waitlist_position!).length
        : null,
    cancelUntil: new Date(Date.parse(row.starts_at) - row.cancel_cutoff_hours * 3_600_000).toISOString(),
    attendance: row.attendance,
    serviceMinutes: row.service_minutes,
    hoursStatus: row.hours_status,
    openOfferId: myOffers.find((o) => o.signup_id === row.signup_id)?.id ?? null,
  })

  const offerRows = await shiftWithPlace(db)
    .innerJoin('signup as giver', 'giver.shift_id', 'shift.id')
    .innerJoin('signup_offer as o', 'o.signup_id', 'giver.id')
    .select((eb) => [
      'o.id as offer_id',
      'shift.id as shift_id',
      'shift.role',
      'shift.title',
      'a.title as activity_title',
      eb.fn.coalesce('s.name', 'p.name', 'activity_site.name').as('place_name'),
      'shift.starts_at',
      'shift.ends_at',
    ])
    .where('o.status', '=', 'open')
    .where('giver.volunteer_id', '<>', actor.accountId)
    .where('shift.status', '=', 'open')
    .where('shift.starts_at', '>', nowIso)
    .orderBy('shift.starts_at')
    .orderBy('o.id')
    .limit(OFFERS_LIMIT * 5)
    .execute()
  const eligibility = await loadEligibility(
    db,
    actor,
    offerRows.map((r) => r.shift_id),
    now,
    { purpose: 'offer' },
  )
  const availableOffers = offerRows
    .filter((r) => eligibility.get(r.shift_id)?.eligible)
    .slice(0, OFFERS_LIMIT)
    .map((r) => ({
      offerId: r.offer_id,
      shiftId: r.shift_id,
      role: r.role,
      title: r.title,
      activityTitle: r.activity_title ?? null,
      placeName: r.place_name ?? null,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
    }))

  return { upcoming: upcomingRows.map(toItem), past: pastRows.map(toItem), availableOffers }
}
