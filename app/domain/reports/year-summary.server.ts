import type { Kysely } from 'kysely'
import type { DB } from '#db/schema'
import { shanghaiInstant } from '~/lib/dates'
import { activityTotals } from './activities.server'
import { wholeYear } from './model'
import { outreachSection } from './outreach.server'
import { approvedMinutes } from './volunteers.server'

export interface YearSummary {
  year: number
  activities: number
  attendances: number
  volunteerHours: number
  booksDelivered: number
}

/** The latest year before `now` in which activities were completed, if any. */
export async function findLastReportedYear(db: Kysely<DB>, now: Date): Promise<number | undefined> {
  const startOfThisYear = shanghaiInstant(`${now.getUTCFullYear()}-01-01`, '00:00')
  const row = await db
    .selectFrom('activity')
    .select((eb) => eb.fn.max('starts_at').as('last'))
    .where('status', '=', 'completed')
    .where('starts_at', '<', startOfThisYear)
    .executeTakeFirst()
  return row?.last ? new Date(new Date(row.last).getTime() + 8 * 3600_000).getUTCFullYear() : undefined
}

/**
 * The home page's headline figures of a year, by the report's own definitions
 * (activities.server, volunteers.server, outreach.server): one definition per figure.
 */
export async function summarizeYear(db: Kysely<DB>, year: number): Promise<YearSummary> {
  const scope = wholeYear(year)
  const [activities, minutes, outreach] = await Promise.all([
    activityTotals(db, scope),
    approvedMinutes(db, scope),
    outreachSection(db, scope),
  ])
  return {
    year,
    activities: activities.sessions,
    attendances: activities.attendances,
    volunteerHours: Math.round(minutes / 60),
    booksDelivered: outreach.figures.find((f) => f.id === 'booksReceived')?.value ?? 0,
  }
}
