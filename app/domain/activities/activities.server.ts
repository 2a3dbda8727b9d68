import type { Kysely } from 'kysely'
import type { ActivityType, DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import { isStaff } from '~/domain/policy'

export interface ActivityListItem {
  id: number
  title: string
  type: ActivityType
  mode: 'offline' | 'online'
  starts_at: string
  ends_at: string
  place_name: string | null
  is_outreach: boolean
  requires_insurance: boolean
  programme_name: string | null
  programme_colour: string | null
}

/** Published public activities starting between `now` and `until`, soonest first. */
export async function listUpcomingActivities(
  db: Kysely<DB>,
  options: { now: Date; until: Date; type?: ActivityType; limit: number },
): Promise<ActivityListItem[]> {
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
      'a.starts_at',
      'a.ends_at',
      'a.requires_insurance',
      eb.fn.coalesce('p.name', 's.name').as('place_name'),
      'a.partner_organisation_id',
      'pr.name as programme_name',
      'pr.colour as programme_colour',
    ])
    .where('a.status', '=', 'published')
    .where('a.is_public', '=', 1)
    .where('a.starts_at', '>=', options.now.toISOString())
    .where('a.starts_at', '<', options.until.toISOString())
  if (options.type) query = query.where('a.type', '=', options.type)
  const rows = await query.orderBy('a.starts_at').orderBy('a.id').limit(options.limit).execute()
  return rows.map(({ partner_organisation_id, requires_insurance, ...row }) => ({
    ...row,
    is_outreach: partner_organisation_id !== null,
    requires_insurance: requires_insurance === 1,
  }))
}

/**
 * One activity for its public page: published public ones for everyone; staff
 * see any (a draft, an internal visit). Anyone else gets nothing (a 404).
 */
export async function findActivityForPage(db: Kysely<DB>, viewer: Actor | null, id: number) {
  const activity = await db
    .selectFrom('activity as a')
    .leftJoin('site as s', 's.id', 'a.site_id')
    .leftJoin('partner_organisation as p', 'p.id', 'a.partner_organisation_id')
    .leftJoin('programme as pr', 'pr.id', 'a.programme_id')
    .select((eb) => [
      'a.id',
      'a.title',
      'a.type',
      'a.theme',
      'a.mode',
      'a.status',
      'a.is_public',
      'a.starts_at',
      'a.ends_at',
      'a.description',
      'a.requires_insurance',
      'a.partner_organisation_id',
      eb.fn.coalesce('p.name', 's.name').as('place_name'),
      's.address as site_address',
      'pr.name as programme_name',
      'pr.colour as programme_colour',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst()
  if (!activity) return undefined
  if (!(viewer && isStaff(viewer)) && (activity.status !== 'published' || activity.is_public !== 1)) return undefined
  return activity
}
