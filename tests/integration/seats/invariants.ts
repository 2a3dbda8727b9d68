/**
 * What must hold for every shift after every seat change, as a list of
 * violations (empty when all is well), so a test can also assert that a
 * broken variant is caught.
 */
import type { Kysely } from 'kysely'
import type { DB } from '#db/schema'

export async function seatViolations(db: Kysely<DB>, shiftId: number, now = new Date()): Promise<string[]> {
  const shift = await db
    .selectFrom('shift')
    .select(['capacity', 'confirmed_count', 'status', 'starts_at'])
    .where('id', '=', shiftId)
    .executeTakeFirstOrThrow()
  const rows = await db.selectFrom('signup').selectAll().where('shift_id', '=', shiftId).orderBy('id').execute()
  const confirmed = rows.filter((r) => r.status === 'confirmed')
  const waitlisted = rows.filter((r) => r.status === 'waitlisted')
  const problems: string[] = []
  if (confirmed.length > shift.capacity) problems.push(`confirmed ${confirmed.length} > capacity ${shift.capacity}`)
  if (shift.confirmed_count !== confirmed.length)
    problems.push(`stored count ${shift.confirmed_count} ≠ ${confirmed.length} confirmed rows`)
  const active = rows.filter((r) => r.status !== 'cancelled').map((r) => r.volunteer_id)
  if (new Set(active).size !== active.length) problems.push('two active sign-ups for one volunteer')
  const positions = waitlisted.map((r) => r.waitlist_position ?? -1)
  if (positions.some((p, i) => p < 1 || (i > 0 && p <= positions[i - 1]!)))
    problems.push('waitlist not in first-come order')
  const live = shift.status === 'open' && Date.parse(shift.starts_at) > now.getTime()
  if (live && waitlisted.length > 0 && confirmed.length < shift.capacity)
    problems.push(`a free seat while ${waitlisted.length} wait`)
  return problems
}

/** The active sign-up's status of each volunteer on a shift. */
export async function statusOf(db: Kysely<DB>, shiftId: number, volunteerId: number) {
  const row = await db
    .selectFrom('signup')
    .select(['status', 'cancel_reason'])
    .where('shift_id', '=', shiftId)
    .where('volunteer_id', '=', volunteerId)
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return row?.status ?? null
}
