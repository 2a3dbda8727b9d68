/** What staff read about activities: the filtered list and one activity with its outcome and shifts. */
import type { Kysely } from 'kysely'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import { notFound } from '~/domain/errors'
import { shanghaiInstant } from '~/lib/dates'
import { requirePlanner } from './planning.server'
import { STAFF_LIST_LIMIT, type StaffActivityFilterInput } from './schema'

function monthRange(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
  return [shanghaiInstant(`${month}-01`, '00:00'), shanghaiInstant(`${next}-01`, '00:00')]
}

export async function listStaffActivities(db: Kysely<DB>, actor: Actor, filter: StaffActivityFilterInput, now: Date) {
  requirePlanner(actor)
  let query = db
    .selectFrom('activity as a')
    .leftJoin('site as s', 's.id', 'a.site_id')
    .leftJoin('partner_organisation as p', 'p.id', 'a.partner_organisation_id')
    .leftJoin('programme as pr', 'pr.id', 'a.programme_id')
    .select((eb) => [
      'a.id',
      'a.title',
      'a.type',
      'a.mode',
      'a.status',
      'a.starts_at',
      'a.ends_at',
      'a.is_public',
      'a.outcome_filed_at',
      'a.partner_organisation_id',
      eb.fn.coalesce('p.name', 's.name').as('place_name'),
      'pr.name as programme_name',
    ])
  if (filter.month) {
    const [from, to] = monthRange(filter.month)
    query = query.where('a.starts_at', '>=', from).where('a.starts_at', '<', to)
  }
  if (filter.type) query = query.where('a.type', '=', filter.type)
  if (filter.site) query = query.where('a.site_id', '=', filter.site)
  if (filter.programme) {
    const programme = filter.programme
    query = query.where((eb) =>
      eb.or([eb('a.programme_id', '=', programme), eb('pr.parent_programme_id', '=', programme)]),
    )
  }
  if (filter.status === 'outcome_missing') {
    query = query
      .where('a.ends_at', '<=', now.toISOString())
      .where('a.status', 'in', ['planned', 'published'])
      .where('a.outcome_filed_at', 'is', null)
  } else if (filter.status) query = query.where('a.status', '=', filter.status)
  const rows = await query
    .orderBy('a.starts_at', filter.month ? 'asc' : 'desc')
    .orderBy('a.id')
    .limit(STAFF_LIST_LIMIT + 1)
    .execute()
  return {
    activities: rows.slice(0, STAFF_LIST_LIMIT).map((row) => ({
      ...row,
      outcome_missing:
        row.outcome_filed_at === null && row.status !== 'cancelled' && Date.parse(row.ends_at) <= now.getTime(),
    })),
    truncated: rows.length > STAFF_LIST_LIMIT,
  }
}

export async function getStaffActivity(db: Kysely<DB>, actor: Actor, id: number) {
  requirePlanner(actor)
  const activity = await db
    .selectFrom('activity as a')
    .leftJoin('site as s', 's.id', 'a.site_id')
    .leftJoin('partner_organisation as p', 'p.id', 'a.partner_organisation_id')
    .leftJoin('programme as pr', 'pr.id', 'a.programme_id')
    .leftJoin('account as c', 'c.id', 'a.coordinator_id')
    .leftJoin('account as f', 'f.id', 'a.outcome_filed_by')
    .selectAll('a')
    .select([
      's.name as site_name',
      's.archived_at as site_archived_at',
      'p.name as partner_name',
      'pr.name as programme_name',
      'c.name as coordinator_name',
      'f.name as outcome_filed_by_name',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst()
  if (!activity) throw notFound()
  const [served, shifts] = await Promise.all([
    db
      .selectFrom('activity_beneficiary_count')
      .select(['beneficiary_group', 'people_count'])
      .where('activity_id', '=', id)
      .execute(),
    db
      .selectFrom('shift')
      .select(['id', 'starts_at', 'ends_at', 'status', 'capacity', 'role'])
      .where('activity_id', '=', id)
      .orderBy('starts_at')
      .execute(),
  ])
  return { activity, served, shifts }
}
