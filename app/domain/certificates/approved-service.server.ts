/**
 * Approved service in a period: the one reading of the records that
 * certificates and the re-entry export share. A sign-up counts when its hours
 * are approved; it falls in the period by its shift's start, in Asia/Shanghai.
 */
import type { Kysely } from 'kysely'
import type { DB } from '#db/schema'
import { APPROVED_HOURS, placeName, shiftWithPlace } from '~/domain/shifts/queries.server'
import { addDays, shanghaiInstant } from '~/lib/dates'

export interface Period {
  from: string
  to: string
}

/** [from 00:00, the day after `to` 00:00) in Shanghai, as instants. */
export const periodBounds = ({ from, to }: Period) => ({
  start: shanghaiInstant(from, '00:00'),
  end: shanghaiInstant(addDays(to, 1), '00:00'),
})

/** Approved sign-ups with their shift, activity and place, oldest first; `volunteerId` narrows to one person. */
export function approvedServiceQuery(db: Kysely<DB>, period: Period, volunteerId?: number) {
  const { start, end } = periodBounds(period)
  let query = shiftWithPlace(db)
    .innerJoin('signup as su', 'su.shift_id', 'shift.id')
    .select((eb) => [
      'su.id as signup_id',
      'su.volunteer_id',
      'su.service_minutes',
      'shift.starts_at',
      'shift.ends_at',
      'shift.role',
      eb.fn.coalesce('a.title', 'shift.title').as('activity'),
      placeName.as('place'),
    ])
    .where('su.status', '=', 'confirmed')
    .where('su.hours_status', '=', APPROVED_HOURS)
    .where('shift.starts_at', '>=', start)
    .where('shift.starts_at', '<', end)
  if (volunteerId !== undefined) query = query.where('su.volunteer_id', '=', volunteerId)
  return query.orderBy('shift.starts_at').orderBy('su.id')
}
