import type { Kysely } from 'kysely'
import type { DB } from '#db/schema'
import { shanghaiInstant } from '~/lib/dates'
import { APPROVED_HOURS } from '~/domain/shifts/queries.server'

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

/** The headline figures of a year-end report: activities, attendances, approved hours, books received. */
export async function summarizeYear(db: Kysely<DB>, year: number): Promise<YearSummary> {
  const from = shanghaiInstant(`${year}-01-01`, '00:00')
  const to = shanghaiInstant(`${year + 1}-01-01`, '00:00')
  const [activities, hours, books] = await Promise.all([
    db
      .selectFrom('activity')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.sum<number>('participant_count').as('attendances')])
      .where('status', '=', 'completed')
      .where('starts_at', '>=', from)
      .where('starts_at', '<', to)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('signup')
      .innerJoin('shift', 'shift.id', 'signup.shift_id')
      .select((eb) => eb.fn.sum<number>('signup.service_minutes').as('minutes'))
      .where('signup.hours_status', '=', APPROVED_HOURS)
      .where('shift.starts_at', '>=', from)
      .where('shift.starts_at', '<', to)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('book_shipment')
      .select((eb) => eb.fn.sum<number>('received_book_count').as('books'))
      .where('status', '=', 'received')
      .where('received_on', '>=', `${year}-01-01`)
      .where('received_on', '<', `${year + 1}-01-01`)
      .executeTakeFirstOrThrow(),
  ])
  return {
    year,
    activities: Number(activities.count),
    attendances: Number(activities.attendances ?? 0),
    volunteerHours: Math.round(Number(hours.minutes ?? 0) / 60),
    booksDelivered: Number(books.books ?? 0),
  }
}
