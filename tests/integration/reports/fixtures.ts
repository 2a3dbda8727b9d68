/** Rows for the report suites, each written out so the tests can count them independently. */
import type { Kysely } from 'kysely'
import type {
  ActivityMode,
  ActivityStatus,
  ActivityTheme,
  ActivityType,
  BeneficiaryGroup,
  DB,
  PartnerKind,
  SiteKind,
} from '#db/schema'

const now = () => new Date().toISOString()

export async function insertSite(db: Kysely<DB>, name: string, kind: SiteKind): Promise<number> {
  const row = await db
    .insertInto('site')
    .values({
      name,
      kind,
      address: null,
      partner_organisation_id: null,
      opened_on: null,
      created_at: now(),
      updated_at: now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function insertPartner(db: Kysely<DB>, name: string, kind: PartnerKind, agreement: string | null = null) {
  const row = await db
    .insertInto('partner_organisation')
    .values({
      name,
      kind,
      address: null,
      contact_name: null,
      contact_phone: null,
      contact_email: null,
      agreement_signed_on: agreement,
      notes: null,
      created_at: now(),
      updated_at: now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function insertProgramme(db: Kysely<DB>, name: string, parent: number | null = null) {
  const row = await db
    .insertInto('programme')
    .values({
      name,
      kind: parent ? 'project' : 'brand',
      parent_programme_id: parent,
      description: null,
      colour: '#aa0000',
      created_at: now(),
      updated_at: now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export interface ActivitySpec {
  type: ActivityType
  startsAt: string
  endsAt?: string
  status?: ActivityStatus
  mode?: ActivityMode
  theme?: ActivityTheme | null
  siteId?: number | null
  partnerId?: number | null
  programmeId?: number | null
  participants?: number | null
  books?: number | null
  insured?: boolean
  served?: Partial<Record<BeneficiaryGroup, number>>
}

export async function insertActivity(db: Kysely<DB>, spec: ActivitySpec): Promise<number> {
  const row = await db
    .insertInto('activity')
    .values({
      title: `测试活动 ${spec.type}`,
      type: spec.type,
      theme: spec.theme ?? null,
      campaign: null,
      programme_id: spec.programmeId ?? null,
      site_id: spec.siteId ?? null,
      partner_organisation_id: spec.partnerId ?? null,
      mode: spec.mode ?? 'offline',
      starts_at: spec.startsAt,
      ends_at: spec.endsAt ?? new Date(new Date(spec.startsAt).getTime() + 2 * 3600_000).toISOString(),
      status: spec.status ?? 'completed',
      description: null,
      is_public: 1,
      requires_insurance: spec.insured ? 1 : 0,
      coordinator_id: null,
      participant_count: spec.participants ?? null,
      books_delivered: spec.books ?? null,
      outcome_notes: null,
      created_at: now(),
      updated_at: now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const [group, people] of Object.entries(spec.served ?? {}))
    await db
      .insertInto('activity_beneficiary_count')
      .values({ activity_id: row.id, beneficiary_group: group as BeneficiaryGroup, people_count: people })
      .execute()
  return row.id
}

/** A figure's value as the report page shows it (`data-figure="<id>"`). */
export function figure(html: string, id: string): number {
  const match = new RegExp(`data-figure="${id}"[^>]*>.*?<dd[^>]*>([0-9,.]+)</dd>`, 's').exec(html)
  if (!match) throw new Error(`no figure ${id}`)
  return Number(match[1]!.replace(/,/g, ''))
}
