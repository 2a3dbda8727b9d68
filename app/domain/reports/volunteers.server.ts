/**
 * Volunteers section: who is registered, who served (an approved service in
 * the scope), their attendances (志愿服务人次) and approved hours, volunteer
 * trainings, service-record certificates issued, and activities that required
 * insurance. A deleted volunteer's
 * sign-ups stay on an anonymous account, so their hours still count.
 */
import { sql, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool } from 'kysely'
import { ROLES, type DB } from '#db/schema'
import { APPROVED_HOURS } from '~/domain/shifts/queries.server'
import type { ReportScope, Section } from './model'
import { countedActivities, instantRange, scopedShiftTotals, scopedSignups, toNumber } from './query.server'

export const AGE_BANDS = ['minor', '18_34', '35_59', '60_plus', 'unknown'] as const

/** `day` minus `years`, as a day (29 February becomes the 28th). */
function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-') as [string, string, string]
  return `${String(Number(y) - years).padStart(4, '0')}-${m}-${m === '02' && d === '29' ? '28' : d}`
}

/**
 * A sign-up whose hours are approved: the one definition of volunteer service, also behind the
 * home page. The report tallies' triggers (migration 20261204T0900) hold the same condition in
 * SQL; tests/integration/reports/tallies.test.ts checks they agree.
 */
const approved = (eb: ExpressionBuilder<DB, 'signup'>) => eb('signup.hours_status', '=', APPROVED_HOURS)

/** Approved service minutes in the scope. */
export async function approvedMinutes(db: Kysely<DB>, scope: ReportScope): Promise<number> {
  const row = await scopedShiftTotals(db, scope)
    .select((eb) => eb.fn.sum<number>('total.approved_minutes').as('minutes'))
    .executeTakeFirst()
  return toNumber(row?.minutes)
}

/**
 * Volunteers with an approved service in the scope. Over every site and
 * programme, each counts once on their first day served in the range: the rows
 * of volunteer_service_day in it whose previous day falls before it. A filtered
 * scope's sign-ups are few enough to count distinct volunteers among directly.
 */
export async function activeVolunteers(db: Kysely<DB>, scope: ReportScope): Promise<number> {
  const row =
    scope.siteId === null && scope.programmeId === null
      ? await db
          .selectFrom('volunteer_service_day')
          .where('day', '>=', scope.from)
          .where('day', '<=', scope.to)
          .where((eb) => eb.or([eb('previous_day', 'is', null), eb('previous_day', '<', scope.from)]))
          .select((eb) => eb.fn.countAll<number>().as('active'))
          .executeTakeFirst()
      : await scopedSignups(db, scope)
          .where(approved)
          .select((eb) => eb.fn.count<number>('signup.volunteer_id').distinct().as('active'))
          .executeTakeFirst()
  return toNumber(row?.active)
}

type AgeBand = (typeof AGE_BANDS)[number]

/**
 * The register at the scope's end: volunteers whose profile was made before it
 * (registering makes it; deleting the account deletes it), by age band on the
 * scope's last day, and how many registered within the scope. Each band is a
 * range of one index over the profiles, so no volunteer row is joined: the few
 * profiles of accounts that are no longer a volunteer's (one made staff) are
 * counted apart and taken off. The bands cover every birth date and none, so
 * the register is their sum.
 */
export async function volunteerRegister(db: Kysely<DB>, scope: ReportScope) {
  const { from, to } = instantRange(scope)
  // Age on the scope's last day: a minor was born after the day 18 years before it.
  const c18 = yearsBefore(scope.to, 18)
  const c35 = yearsBefore(scope.to, 35)
  const c60 = yearsBefore(scope.to, 60)
  const inBand: Record<AgeBand, RawBuilder<SqlBool>> = {
    minor: sql`p.birth_date > ${c18}`,
    '18_34': sql`p.birth_date <= ${c18} and p.birth_date > ${c35}`,
    '35_59': sql`p.birth_date <= ${c35} and p.birth_date > ${c60}`,
    '60_plus': sql`p.birth_date <= ${c60}`,
    unknown: sql`p.birth_date is null`,
  }
  const fresh = sql<SqlBool>`p.created_at >= ${from}`
  const profiles = () => db.selectFrom('volunteer_profile as p').where('p.created_at', '<', to)
  const countOf = (condition: RawBuilder<SqlBool>) =>
    profiles()
      .where(condition)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
      .then((row) => toNumber(row?.n))
  const count = (condition: RawBuilder<unknown>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`
  const [notVolunteers, freshCount, ...bandCounts] = await Promise.all([
    profiles()
      .innerJoin('account', 'account.id', 'p.account_id')
      .where((eb) =>
        eb.or([
          eb(
            'account.role',
            'in',
            ROLES.filter((r) => r !== 'volunteer'),
          ),
          eb.and([eb('account.role', '=', 'volunteer'), eb('account.status', '=', 'deleted')]),
        ]),
      )
      .select([count(fresh).as('fresh'), ...AGE_BANDS.map((b) => count(inBand[b]).as(b))])
      .executeTakeFirst(),
    countOf(fresh),
    ...AGE_BANDS.map((b) => countOf(inBand[b])),
  ])
  const bands = Object.fromEntries(
    AGE_BANDS.map((b, i) => [b, bandCounts[i]! - toNumber(notVolunteers?.[b])]),
  ) as Record<AgeBand, number>
  return {
    registered: AGE_BANDS.reduce((sum, b) => sum + bands[b], 0),
    fresh: freshCount - toNumber(notVolunteers?.fresh),
    bands,
  }
}

export async function volunteersSection(db: Kysely<DB>, scope: ReportScope): Promise<Section> {
  const { from, to } = instantRange(scope)
  const [register, service, served, trainings, trained, certificates, insured] = await Promise.all([
    volunteerRegister(db, scope),
    scopedShiftTotals(db, scope)
      .select((eb) => [
        eb.fn.sum<number>('total.attendances').as('attended'),
        eb.fn.sum<number>('total.approved_minutes').as('minutes'),
      ])
      .executeTakeFirst(),
    activeVolunteers(db, scope),
    db
      .selectFrom(
        db
          .selectFrom('training_completion')
          .select(['training_id', 'completed_on'])
          .distinct()
          .where('completed_on', '>=', scope.from)
          .where('completed_on', '<=', scope.to)
          .as('t'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('training_completion')
      .where('completed_on', '>=', scope.from)
      .where('completed_on', '<=', scope.to)
      .select((eb) => eb.fn.count<number>('account_id').distinct().as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('certificate')
      .where('certificate.issued_at', '>=', from)
      .where('certificate.issued_at', '<', to)
      .where('certificate.status', '=', 'valid')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
    countedActivities(db, scope)
      .where('activity.requires_insurance', '=', 1)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
  ])
  const active = served
  const minutes = toNumber(service?.minutes)
  const hours = Math.round(minutes / 6) / 10
  return {
    id: 'volunteers',
    figures: [
      { id: 'registered', value: register.registered },
      { id: 'active', value: active },
      { id: 'newVolunteers', value: register.fresh },
      { id: 'volunteerAttendances', value: toNumber(service?.attended) },
      { id: 'approvedHours', value: hours, decimals: 1 },
      { id: 'hoursPerActive', value: active === 0 ? 0 : Math.round((minutes / 60 / active) * 10) / 10, decimals: 1 },
      { id: 'trainingsHeld', value: toNumber(trainings?.n) },
      { id: 'peopleTrained', value: toNumber(trained?.n) },
      { id: 'certificatesIssued', value: toNumber(certificates?.n) },
      { id: 'insuredActivities', value: toNumber(insured?.n) },
    ],
    tables: [
      {
        id: 'byAgeBand',
        measures: ['volunteers'],
        rows: AGE_BANDS.map((b) => ({ label: { key: `reports.ageBand.${b}` }, values: [register.bands[b]] })),
      },
    ],
  }
}
