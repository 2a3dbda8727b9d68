/** Recording donated books; a donor's name is kept only with consent, a thank-you goes where there is an address. */
import type { Kysely } from 'kysely'
import { writeTransaction } from '#db/dialect'
import type { DB, DonorKind } from '#db/schema'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import type { Actor } from '~/domain/actor'
import { recordAudit } from '~/domain/audit/audit.server'
import { shanghaiDay } from '~/lib/dates'
import { DomainError, notFound } from '~/domain/errors'
import { BOOK_LIMITS, TEXT_LIMITS } from '~/domain/partners/limits'
import { sendPartnerUpdate } from '~/domain/partners/notify.server'
import { requireStaff } from '~/domain/partners/scope.server'

export interface DonationInput {
  donorKind: DonorKind
  donorName: string | null
  /** An individual agreed that the library keeps their name. */
  nameConsent: boolean
  /** For the thank-you mail only; not stored. */
  email: string | null
  receivedOn: string
  siteId: number | null
  programmeId: number
  bookCount: number
  notes: string | null
}

export async function recordDonation(db: Kysely<DB>, actor: Actor, input: DonationInput, meta: RequestMeta) {
  requireStaff(actor)
  if (!Number.isInteger(input.bookCount) || input.bookCount < 1 || input.bookCount > BOOK_LIMITS.maxBooksPerDonation)
    throw new DomainError('rule', 'books.countRange', {
      field: 'bookCount',
      params: { max: BOOK_LIMITS.maxBooksPerDonation },
    })
  if ((input.donorName?.length ?? 0) > TEXT_LIMITS.name)
    throw new DomainError('rule', 'partners.tooLong', { field: 'donorName' })
  if ((input.notes?.length ?? 0) > TEXT_LIMITS.note)
    throw new DomainError('rule', 'partners.tooLong', { field: 'notes' })
  if (input.receivedOn > shanghaiDay(meta.now))
    throw new DomainError('rule', 'books.dateInFuture', { field: 'receivedOn' })
  const keepName = input.donorKind !== 'individual' || input.nameConsent
  return writeTransaction(db, async (trx) => {
    const programme = await trx
      .selectFrom('programme')
      .select('name')
      .where('id', '=', input.programmeId)
      .executeTakeFirst()
    if (!programme) throw notFound()
    const { id } = await trx
      .insertInto('book_donation')
      .values({
        programme_id: input.programmeId,
        site_id: input.siteId,
        donor_kind: input.donorKind,
        donor_name: keepName ? input.donorName : null,
        book_count: input.bookCount,
        received_on: input.receivedOn,
        notes: input.notes,
        recorded_by: actor.accountId,
        created_at: meta.now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'book_donation_recorded',
        subjectType: 'book_donation',
        subjectId: id,
        details: { books: input.bookCount },
        ip: meta.ip,
      },
      meta.now,
    )
    if (input.email)
      await sendPartnerUpdate(
        trx,
        { accountId: null, name: input.donorName ?? '', email: input.email, locale: actor.locale },
        {
          event: 'donation_thanks',
          key: String(id),
          organisation: programme.name,
          reference: `(${input.bookCount})`,
        },
        meta,
      )
    return id
  })
}

export async function listDonations(db: Kysely<DB>, actor: Actor) {
  requireStaff(actor)
  return db
    .selectFrom('book_donation')
    .leftJoin('programme', 'programme.id', 'book_donation.programme_id')
    .leftJoin('site', 'site.id', 'book_donation.site_id')
    .select([
      'book_donation.id',
      'book_donation.donor_kind',
      'book_donation.donor_name',
      'book_donation.book_count',
      'book_donation.received_on',
      'book_donation.notes',
      'programme.name as programme',
      'site.name as site',
    ])
    .orderBy('book_donation.received_on', 'desc')
    .orderBy('book_donation.id', 'desc')
    .limit(50)
    .execute()
}
