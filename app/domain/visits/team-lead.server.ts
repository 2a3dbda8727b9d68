/**
 * Who leads a visit's team: a volunteer confirmed on one of its open team-lead
 * shifts. The roll call and the outcome accept them for their own visit only;
 * this module reads, it knows nothing of either rule.
 */
import type { Kysely } from 'kysely'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'

/** The activity of a shift, when the actor leads that activity's team. */
export async function isTeamLeadOf(db: Kysely<DB>, actor: Pick<Actor, 'accountId' | 'role'>, activityId: number) {
  if (actor.role !== 'volunteer') return false
  const row = await db
    .selectFrom('signup')
    .innerJoin('shift', 'shift.id', 'signup.shift_id')
    .select('signup.id')
    .where('shift.activity_id', '=', activityId)
    .where('shift.team_role', '=', 'team_lead')
    .where('shift.status', '=', 'open')
    .where('signup.volunteer_id', '=', actor.accountId)
    .where('signup.status', '=', 'confirmed')
    .executeTakeFirst()
  return row !== undefined
}

/** Whether the actor leads the team of the visit this shift belongs to. */
export async function leadsTeamOfShift(db: Kysely<DB>, actor: Pick<Actor, 'accountId' | 'role'>, shiftId: number) {
  const shift = await db.selectFrom('shift').select('activity_id').where('id', '=', shiftId).executeTakeFirst()
  return shift?.activity_id != null && isTeamLeadOf(db, actor, shift.activity_id)
}
