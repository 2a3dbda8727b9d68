/** Partner mails, enqueued in the caller's transaction (outbox). */
import type { Kysely } from 'kysely'
import type { DB, Locale } from '#db/schema'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { enqueueEmail, messageIdDomainOf } from '~/domain/mail/outbox.server'
import type { PartnerEvent } from '#emails/partner-messages'

export const linkTo = (meta: RequestMeta, path: string) => `${meta.appOrigin.replace(/\/+$/, '')}${path}`

export interface Recipient {
  accountId: number | null
  name: string
  email: string
  locale: Locale
}

export async function accountRecipient(db: Kysely<DB>, accountId: number): Promise<Recipient | null> {
  const row = await db
    .selectFrom('account')
    .select(['id', 'name', 'email', 'locale'])
    .where('id', '=', accountId)
    .where('status', '=', 'active')
    .executeTakeFirst()
  return row ? { accountId: row.id, name: row.name, email: row.email, locale: row.locale } : null
}

/** Every active coordinator: who hears of partner work no one in particular is responsible for yet. */
export async function activeCoordinators(db: Kysely<DB>): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('account')
    .select(['id', 'name', 'email', 'locale'])
    .where('role', '=', 'coordinator')
    .where('status', '=', 'active')
    .orderBy('id')
    .execute()
  return rows.map((a) => ({ accountId: a.id, name: a.name, email: a.email, locale: a.locale }))
}

export async function organisationName(db: Kysely<DB>, organisationId: number): Promise<string> {
  const row = await db
    .selectFrom('partner_organisation')
    .select('name')
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow()
  return row.name
}

export async function sendPartnerUpdate(
  trx: Kysely<DB>,
  to: Recipient | null,
  input: {
    event: PartnerEvent
    key: string
    organisation: string
    reference: string
    detail?: string | null
    path?: string
  },
  meta: RequestMeta,
): Promise<void> {
  if (!to) return
  await enqueueEmail(
    trx,
    {
      dedupeKey: `${input.event}:${input.key}:${to.email}`,
      template: 'partner-update',
      to: to.email,
      toAccountId: to.accountId,
      locale: to.locale,
      messageIdDomain: messageIdDomainOf(meta.appOrigin),
      payload: {
        name: to.name,
        event: input.event,
        organisation: input.organisation,
        reference: input.reference,
        detail: input.detail ?? undefined,
        url: input.path ? linkTo(meta, input.path) : undefined,
      },
    },
    meta.now,
  )
}
