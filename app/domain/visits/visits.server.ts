/**
 * The coordinator's side of outreach visits (activities at a partner): the board
 * of coming visits with their status, one visit with its team, the visit's plan
 * (purpose, what to bring, transport, meeting point) and its team shifts.
 * Team shifts are ordinary shifts on the visit's activity: volunteers take them
 * through the normal sign-up rules and the seat module.
 */
import { sql, type Kysely } from 'kysely'
import { writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { recordAudit } from '~/domain/audit/audit.server'
import { DomainError, notFound } from '~/domain/errors'
import { requirePlanner } from '~/domain/activities/planning.server'
import { shiftValues } from '~/domain/planning/shifts.server'
import { shanghaiDay } from '~/lib/dates'
import { SHIFT_ROLE_OF, visitStatus, type TeamShiftInput, type VisitPlanInput } from './schema'

/** The board lists at most this many visits. */
export const BOARD_LIMIT = 300

const teamTotals = (db: Kysely<DB>) =>
  db
    .selectFrom('shift')
    .select((eb) => [
      'shift.activity_id',
      eb.fn.countAll<number>().as('shifts'),
      sql<number>`coalesce(sum(shift.capacity), 0)`.as('capacity'),
      sql<number>`coalesce(sum(shift.confirmed_count), 0)`.as('confirmed'),
    ])
    .where('shift.status', '=', 'open')
    .where('shift.activity_id', 'is not', null)
    .groupBy('shift.activity_id')

/**
 * This month's and coming visits (and older ones still without an outcome), grouped by month in
 * Shanghai; within a month the shortest teams (most seats missing) first.
 */
export async function visitBoard(db: Kysely<DB>, actor: Actor, now: Date) {
  requirePlanner(actor)
  const monthStart = new Date(`${shanghaiDay(now).slice(0, 7)}-01T00:00:00+08:00`).toISOString()
  const rows = await db
    .selectFrom('activity')
    .innerJoin('partner_organisation as p', 'p.id', 'activity.partner_organisation_id')
    .leftJoin(teamTotals(db).as('t'), 't.activity_id', 'activity.id')
    .leftJoin('account as c', 'c.id', 'activity.coordinator_id')
    .select([
      'activity.id',
      'activity.title',
      'activity.starts_at',
      'activity.ends_at',
      'activity.outcome_filed_at',
      'activity.requires_insurance',
      'p.name as partner_name',
      'c.name as coordinator_name',
      't.shifts',
      't.capacity',
      't.confirmed',
    ])
    .where('activity.status', 'in', ['planned', 'published', 'completed'])
    .where((eb) => eb.or([eb('activity.ends_at', '>=', monthStart), eb('activity.outcome_filed_at', 'is', null)]))
    .orderBy('activity.starts_at')
    .limit(BOARD_LIMIT)
    .execute()
  const visits = rows.map((row) => {
    const team = {
      shifts: Number(row.shifts ?? 0),
      capacity: Number(row.capacity ?? 0),
      confirmed: Number(row.confirmed ?? 0),
    }
    return {
      id: row.id,
      title: row.title,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      partner: row.partner_name,
      coordinator: row.coordinator_name ?? null,
      requiresInsurance: row.requires_insurance === 1,
      team,
      missing: Math.max(0, team.capacity - team.confirmed),
      status: visitStatus(row, team, now),
    }
  })
  const months = new Map<string, typeof visits>()
  for (const visit of visits) {
    const month = shanghaiDay(visit.startsAt).slice(0, 7)
    months.set(month, [...(months.get(month) ?? []), visit])
  }
  return [...months].map(([month, list]) => ({
    month,
    visits: list.sort((a, b) => b.missing - a.missing || a.startsAt.localeCompare(b.startsAt) || a.id - b.id),
  }))
}

async function visitRow(db: Kysely<DB>, id: number) {
  const visit = await db
    .selectFrom('activity')
    .innerJoin('partner_organisation as p', 'p.id', 'activity.partner_organisation_id')
    .leftJoin('programme as pr', 'pr.id', 'activity.programme_id')
    .leftJoin('account as c', 'c.id', 'activity.coordinator_id')
    .select([
      'activity.id',
      'activity.title',
      'activity.type',
      'activity.status',
      'activity.starts_at',
      'activity.ends_at',
      'activity.description',
      'activity.purpose',
      'activity.what_to_bring',
      'activity.transport',
      'activity.meeting_point',
      'activity.requires_insurance',
      'activity.outcome_filed_at',
      'activity.participant_count',
      'activity.coordinator_id',
      'p.id as partner_id',
      'p.name as partner_name',
      'p.address as partner_address',
      'pr.name as programme_name',
      'c.name as coordinator_name',
    ])
    .where('activity.id', '=', id)
    .executeTakeFirst()
  if (!visit) throw notFound()
  return visit
}

/** The team: each role's shift with its seats and the volunteers on it (phones for staff and the team lead only). */
export async function teamOf(db: Kysely<DB>, activityId: number) {
  const shifts = await db
    .selectFrom('shift')
    .leftJoin('training as tr', 'tr.id', 'shift.required_training_id')
    .select([
      'shift.id',
      'shift.team_role',
      'shift.role',
      'shift.title',
      'shift.starts_at',
      'shift.ends_at',
      'shift.capacity',
      'shift.confirmed_count',
      'shift.min_age',
      'shift.required_skill',
      'tr.name as required_training',
      'shift.status',
    ])
    .where('shift.activity_id', '=', activityId)
    .where('shift.status', '=', 'open')
    .orderBy('shift.starts_at')
    .orderBy('shift.id')
    .execute()
  const members =
    shifts.length === 0
      ? []
      : await db
          .selectFrom('signup')
          .innerJoin('account', 'account.id', 'signup.volunteer_id')
          .select([
            'signup.id',
            'signup.shift_id',
            'signup.volunteer_id',
            'signup.status',
            'signup.waitlist_position',
            'signup.attendance',
            'signup.service_minutes',
            'account.name',
            'account.phone',
          ])
          .where(
            'signup.shift_id',
            'in',
            shifts.map((s) => s.id),
          )
          .where('signup.status', 'in', ['confirmed', 'waitlisted'])
          .orderBy('signup.status')
          .orderBy('signup.waitlist_position')
          .orderBy('signup.id')
          .execute()
  return shifts.map((shift) => ({ ...shift, members: members.filter((m) => m.shift_id === shift.id) }))
}

/** One visit for its coordinators: plan, team and insurance policies covering its days. */
export async function getVisit(db: Kysely<DB>, actor: Actor, id: number, now: Date) {
  requirePlanner(actor)
  const visit = await visitRow(db, id)
  const team = await teamOf(db, id)
  const first = shanghaiDay(visit.starts_at)
  const last = shanghaiDay(visit.ends_at)
  const policies = await db
    .selectFrom('insurance_policy')
    .select((eb) => [
      'insurance_policy.id',
      'insurance_policy.insurer',
      'insurance_policy.policy_number',
      'insurance_policy.covers_from',
      'insurance_policy.covers_until',
      eb
        .selectFrom('insurance_cover')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('insurance_cover.policy_id', '=', 'insurance_policy.id')
        .as('covered'),
    ])
    .where('covers_from', '<=', first)
    .where('covers_until', '>=', last)
    .orderBy('covers_until', 'desc')
    .execute()
  const memberIds = [...new Set(team.flatMap((s) => s.members.map((m) => m.volunteer_id)))]
  const insured =
    memberIds.length === 0 || policies.length === 0
      ? []
      : await db
          .selectFrom('insurance_cover')
          .select('account_id')
          .distinct()
          .where('account_id', 'in', memberIds)
          .where(
            'policy_id',
            'in',
            policies.map((p) => p.id),
          )
          .execute()
  const insuredIds = new Set(insured.map((i) => i.account_id))
  const totals = {
    shifts: team.length,
    capacity: team.reduce((n, s) => n + s.capacity, 0),
    confirmed: team.reduce((n, s) => n + s.confirmed_count, 0),
  }
  return {
    visit: { ...visit, status: visitStatus(visit, totals, now) },
    team: team.map((s) => ({
      ...s,
      members: s.members.map((m) => ({ ...m, insured: insuredIds.has(m.volunteer_id) })),
    })),
    totals,
    policies: policies.map((p) => ({
      ...p,
      covers_from: String(p.covers_from),
      covers_until: String(p.covers_until),
      covered: Number(p.covered),
    })),
  }
}

export async function updateVisitPlan(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  input: VisitPlanInput,
  meta: RequestMeta,
): Promise<void> {
  requirePlanner(actor)
  await writeTransaction(db, async (trx) => {
    const visit = await visitRow(trx, id)
    if (visit.status === 'cancelled') throw new DomainError('conflict', 'activities.edit.cancelled')
    await trx
      .updateTable('activity')
      .set({
        purpose: input.purpose,
        what_to_bring: input.whatToBring,
        transport: input.transport,
        meeting_point: input.meetingPoint,
        updated_at: meta.now.toISOString(),
      })
      .where('id', '=', id)
      .execute()
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'activity_updated',
        subjectType: 'activity',
        subjectId: id,
        ip: meta.ip,
        details: { changed: 'visit_plan' },
      },
      meta.now,
    )
  })
}

/** Adds a role to the team: a shift on the visit's activity, on its day, at its times unless given. */
export async function addTeamShift(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  input: TeamShiftInput,
  meta: RequestMeta,
): Promise<number> {
  requirePlanner(actor)
  return writeTransaction(db, async (trx) => {
    const visit = await visitRow(trx, id)
    if (visit.status === 'cancelled' || visit.status === 'completed') {
      throw new DomainError('conflict', 'visits.team.closed')
    }
    const day = shanghaiDay(visit.starts_at)
    const localTime = (instant: string) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Shanghai',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(instant))
    const startTime = input.startTime ?? localTime(visit.starts_at)
    const endTime = input.endTime ?? (shanghaiDay(visit.ends_at) === day ? localTime(visit.ends_at) : '23:59')
    if (endTime <= startTime) throw new DomainError('rule', 'activities.form.endBeforeStart', { field: 'endTime' })
    const values = shiftValues(
      actor,
      {
        siteId: null,
        activityId: id,
        role: SHIFT_ROLE_OF[input.teamRole],
        title: null,
        startTime,
        endTime,
        capacity: input.capacity,
        minAge: input.minAge,
        requiredSkill: input.requiredSkill,
        requiredTrainingId: null,
        cancelCutoffHours: input.cancelCutoffHours ?? 24,
        notes: null,
        whatToBring: visit.what_to_bring,
        opensDaysBefore: null,
        closesHoursBefore: null,
      },
      day,
      meta.now,
      null,
    )
    const row = await trx
      .insertInto('shift')
      .values({ ...values, team_role: input.teamRole })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(
      trx,
      {
        actorId: actor.accountId,
        action: 'visit_team_shift_added',
        subjectType: 'shift',
        subjectId: row.id,
        ip: meta.ip,
        details: { visit: id, teamRole: input.teamRole },
      },
      meta.now,
    )
    return row.id
  })
}
