/** Two partner organisations with a contact each, a coordinator pair, and helpers for the partner suites. */
import type { Kysely } from 'kysely'
import type { DB } from '#db/schema'
import type { TestApp } from '../../support/app'
import type { HttpClient } from '../../support/http-client'
import { createAccount, createPartnerOrganisation, sessionClient, type TestAccount } from '../accounts/helpers'

export interface PartnerWorld {
  orgA: number
  orgB: number
  contactA: TestAccount
  contactB: TestAccount
  a: HttpClient
  b: HttpClient
  coordinator: HttpClient
  coordinator2: HttpClient
  coordinatorAccount: TestAccount
  programmeId: number
}

let n = 0

export async function partnerWorld(app: TestApp): Promise<PartnerWorld> {
  const db = app.database.db
  const tag = `${Date.now().toString(36)}${++n}`
  const orgA = await createPartnerOrganisation(db, `鼓楼区实验小学${tag}`)
  const orgB = await createPartnerOrganisation(db, `铜沛小学${tag}`)
  const contactA = await createAccount(db, { role: 'partner_contact', partnerOrganisationId: orgA, name: '王老师' })
  const contactB = await createAccount(db, { role: 'partner_contact', partnerOrganisationId: orgB, name: '李老师' })
  const coordinatorAccount = await createAccount(db, { role: 'coordinator', name: '陈馆员' })
  const second = await createAccount(db, { role: 'coordinator', name: '赵馆员' })
  return {
    orgA,
    orgB,
    contactA,
    contactB,
    a: await sessionClient(app, contactA),
    b: await sessionClient(app, contactB),
    coordinator: await sessionClient(app, coordinatorAccount),
    coordinator2: await sessionClient(app, second),
    coordinatorAccount,
    programmeId: await createProgramme(db, `翻书越岭${tag}`),
  }
}

export async function createProgramme(db: Kysely<DB>, name: string): Promise<number> {
  const now = new Date().toISOString()
  const row = await db
    .insertInto('programme')
    .values({
      name,
      kind: 'brand',
      parent_programme_id: null,
      description: null,
      colour: '#336699',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function donate(db: Kysely<DB>, programmeId: number, books: number): Promise<void> {
  await db
    .insertInto('book_donation')
    .values({
      programme_id: programmeId,
      site_id: null,
      donor_kind: 'book_drive',
      donor_name: '募集',
      book_count: books,
      received_on: '2026-01-05',
      notes: null,
      recorded_by: null,
      created_at: new Date().toISOString(),
    })
    .execute()
}

/** The id at the end of a redirect's Location (`/partner/card-requests/12`). */
export function idFromLocation(response: Response): number {
  const location = response.headers.get('location') ?? ''
  const match = /\/(\d+)(?:$|\?)/.exec(location)
  if (!match) throw new Error(`no id in redirect ${response.status} ${location}`)
  return Number(match[1])
}

export const CLASS_LIST = '三年级(1)班\t2\t王老师\n三年级(2)班\t1\t李老师\n三年级(3)班\t3\t张老师'

export async function submitCards(client: HttpClient, classList = CLASS_LIST, extra: Record<string, string> = {}) {
  return client.post('/partner/card-requests/new', { classList, loanLimit: '40', loanPeriodDays: '30', ...extra })
}

/** Who is told of a new request: every active coordinator, by address. */
export async function activeCoordinatorEmails(db: Kysely<DB>): Promise<string[]> {
  const rows = await db
    .selectFrom('account')
    .select('email')
    .where('role', '=', 'coordinator')
    .where('status', '=', 'active')
    .execute()
  return rows.map((r) => r.email).sort()
}
