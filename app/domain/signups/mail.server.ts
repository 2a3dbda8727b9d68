/**
 * Shift mail plumbing: what a mail says about a shift, who receives it, and
 * the reminder keys. Payloads carry codes (the shift's role) and facts; the
 * templates in emails/ translate them in the recipient's locale.
 */
import type { Kysely } from 'kysely'
import type { DB, Locale, ShiftRole } from '#db/schema'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { notFound } from '~/domain/errors'
import { enqueueEmail, messageIdDomainOf } from '~/domain/mail/outbox.server'
import { placeName, shiftWithPlace } from '~/domain/shifts/queries.server'

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
    .select([
      'shift.id',
      'shift.role',
      'shift.title',
      'a.title as activity_title',
      'shift.starts_at',
      'shift.ends_at',
      placeName.as('place_name'),
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

export const shiftUrlOf = (appOrigin: string, shiftId: number) => `${appOrigin.replace(/\/+$/, '')}/shifts/${shiftId}`

export interface Recipient {
  id: number
  name: string
  email: string
  locale: Locale
}

/** An active account to write to; null for a deactivated or deleted one. */
export async function loadRecipient(db: Kysely<DB>, accountId: number): Promise<Recipient | null> {
  const row = await db
    .selectFrom('account')
    .select(['id', 'name', 'email', 'locale', 'status'])
    .where('id', '=', accountId)
    .executeTakeFirst()
  return row && row.status === 'active' ? { id: row.id, name: row.name, email: row.email, locale: row.locale } : null
}

/**
 * What every shift mail carries. The shift's own title (or its activity's)
 * when it has one; the role is a code the template names in the reader's language.
 */
export function shiftFields(shift: ShiftMailInfo, to: Pick<Recipient, 'name'>, appOrigin: string) {
  const title = shift.title ?? shift.activityTitle
  return {
    name: to.name,
    role: shift.role,
    ...(title ? { shiftTitle: title } : {}),
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

export async function enqueueConfirmation(
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

/** "You are on the waitlist, number N". */
export async function enqueueWaitlisted(
  trx: Kysely<DB>,
  shiftId: number,
  to: Recipient,
  signupId: number,
  position: number,
  meta: RequestMeta,
): Promise<void> {
  const shift = await loadShiftMailInfo(trx, shiftId)
  await enqueueEmail(
    trx,
    {
      dedupeKey: `signup-waitlisted:${signupId}`,
      template: 'signup-waitlisted',
      to: to.email,
      toAccountId: to.id,
      locale: to.locale,
      messageIdDomain: messageIdDomainOf(meta.appOrigin),
      payload: { ...shiftFields(shift, to, meta.appOrigin), position },
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
