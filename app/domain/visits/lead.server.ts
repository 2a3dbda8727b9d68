/**
 * The team lead on the day, on a phone: their visit's team with phones, the roll
 * call for every team shift (planning's recordRollCall), and the outcome
 * (activities' fileOutcome). Staff may open the same pages; a volunteer who does
 * not lead this visit's team is refused, whatever id they ask for.
 */
import type { Kysely } from 'kysely'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { forbidden, notFound } from '~/domain/errors'
import { recordRollCall } from '~/domain/planning/attendance.server'
import { checkInWindow } from '~/domain/planning/attendance.server'
import { canPlanActivities } from '~/domain/policy'
import { isTeamLeadOf } from './team-lead.server'
import { teamOf } from './visits.server'

/** Staff, or the visit's own team lead: checked before a team lead's form is even read. */
export async function requireLeadOrStaff(db: Kysely<DB>, actor: Actor, activityId: number) {
  if (canPlanActivities(actor)) return
  if (!(await isTeamLeadOf(db, actor, activityId))) throw forbidden()
}

/** The visit as its team lead needs it on the day. */
export async function leadView(db: Kysely<DB>, actor: Actor, activityId: number, now: Date) {
  await requireLeadOrStaff(db, actor, activityId)
  const visit = await db
    .selectFrom('activity')
    .innerJoin('partner_organisation as p', 'p.id', 'activity.partner_organisation_id')
    .leftJoin('account as c', 'c.id', 'activity.coordinator_id')
    .select([
      'activity.id',
      'activity.title',
      'activity.status',
      'activity.starts_at',
      'activity.ends_at',
      'activity.purpose',
      'activity.what_to_bring',
      'activity.transport',
      'activity.meeting_point',
      'activity.outcome_filed_at',
      'p.name as partner_name',
      'p.address as partner_address',
      'p.contact_name as partner_contact_name',
      'p.contact_phone as partner_contact_phone',
      'c.name as coordinator_name',
      'c.phone as coordinator_phone',
    ])
    .where('activity.id', '=', activityId)
    .executeTakeFirst()
  if (!visit) throw notFound()
  const team = await teamOf(db, activityId)
  const opens = team.length
    ? Math.min(...team.map((s) => checkInWindow(s).opens.getTime()))
    : Date.parse(visit.starts_at)
  return {
    visit,
    team: team.map((s) => ({ ...s, members: s.members.filter((m) => m.status === 'confirmed') })),
    rollCallOpen: now.getTime() >= opens,
    outcomeOpen: now.getTime() >= Date.parse(visit.starts_at) && visit.status !== 'cancelled',
  }
}

/** One roll call for the whole team: ticked sign-ups attended, the other confirmed ones are no-shows. */
export async function takeVisitRollCall(
  db: Kysely<DB>,
  actor: Actor,
  activityId: number,
  attendedSignupIds: readonly number[],
  meta: RequestMeta,
) {
  await requireLeadOrStaff(db, actor, activityId)
  const team = await teamOf(db, activityId)
  const ticked = new Set(attendedSignupIds)
  let attended = 0
  let noShows = 0
  for (const shift of team) {
    const mine = shift.members.filter((m) => ticked.has(m.id)).map((m) => m.id)
    const result = await recordRollCall(db, actor, shift.id, mine, meta)
    attended += result.attended
    noShows += result.noShows
  }
  return { attended, noShows }
}
