/**
 * Volunteers section: who is registered, who served (an approved service in
 * the scope), their attendances (志愿服务人次) and approved hours, volunteer
 * trainings, service-record certificates issued, and activities that required
 * insurance. A deleted volunteer's
 * sign-ups stay on an anonymous account, so their hours still count.
 */
import { sql, type ExpressionBuilder, type Kysely, type RawBuilder } from 'kysely'
import type { DB } from '#db/schema'
import { APPROVED_HOURS } from '~/domain/shifts/queries.server'
import type { ReportScope, Section } from './model'
import { countedActivities, instantRange, scopedSignups, toNumber } from './query.server'

export const AGE_BANDS = ['minor', '18_34', '35_59', '60_plus', 'unknown'] as const

/** `day` minus `years`, as a day (29 February becomes the 28th). */
function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-') as [string, string, string]
  return `${String(Number(y) - years).padStart(4, '0')}-${m}-${m === '02' && d === '29' ? '28' : d}`
}

/** A sign-up whose hours are approved: the one definition of volunteer service, also behind the home page. */
const approved = (eb: ExpressionBuilder<DB, 'signup'>) => eb('signup.hours_status', '=', APPROVED_HOURS)

/** Approved service minutes in the scope. */
export async function approvedMinutes(db: Kysely<DB>, scope: ReportScope): Promise<number> {
  const row = await scopedSignups(db, scope)
    .select((eb) => eb.fn.sum<number>('signup.service_minutes').as('minutes'))
    .where(approved)
    .executeTakeFirst()
  return toNumber(row?.minutes)
}

export async function volunteersSection(db: Kysely<DB>, scope: ReportScope): Promise<Section> {
  const { from, to } = instantRange(scope)
  const registered = () =>
    db
      .selectFrom('account')
      .where('account.role', '=', 'volunteer')
      .where('account.status', '<>', 'deleted')
      .where('account.created_at', '<', to)
  // Age on the scope's last day: a minor was born after the day 18 years before it.
  const c18 = yearsBefore(scope.to, 18)
  const c35 = yearsBefore(scope.to, 35)
  const c60 = yearsBefore(scope.to, 60)
  // Each band a column of one row (a GROUP BY over a computed band costs a sort of every volunteer).
  const inBand: Record<(typeof AGE_BANDS)[number], RawBuilder<unknown>> = {
    minor: sql`p.birth_date > ${c18}`,
    '18_34': sql`p.birth_date <= ${c18} and p.birth_date > ${c35}`,
    '35_59': sql`p.birth_date <= ${c35} and p.birth_date > ${c60}`,
    '60_plus': sql`p.birth_date <= ${c60}`,
    unknown: sql`p.birth_date is null`,
  }
  const count = (condition: RawBuilder<unknown>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`
  // One pass over the volunteers, and over the scope's sign-ups one for the sums and one for who served.
  const [bands, service, served, trainings, trained, certificates, insured] = await Promise.all([
    registered()
      .leftJoin('volunteer_profile as p', 'p.account_id', 'account.id')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        count(sql`account.created_at >= ${from}`).as('fresh'),
        ...AGE_BANDS.map((b) => count(inBand[b]).as(b)),
      ])
      .executeTakeFirst(),
    scopedSignups(db, scope)
      .select((eb) => [
        eb.fn.sum<number>(eb.case().when('signup.attendance', '=', 'attended').then(1).else(0).end()).as('attended'),
        eb.fn
          .sum<number>(eb.case().when(approved(eb)).then(eb.ref('signup.service_minutes')).else(0).end())
          .as('minutes'),
      ])
      .executeTakeFirst(),
    // Apart from the sums: the distinct count then sorts only the approved sign-ups' volunteers.
    scopedSignups(db, scope)
      .where(approved)
      .select((eb) => eb.fn.count<number>('signup.volunteer_id').distinct().as('active'))
      .executeTakeFirst(),
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
  const active = toNumber(served?.active)
  const minutes = toNumber(service?.minutes)
  const hours = Math.round(minutes / 6) / 10
  const registeredCount = toNumber(bands?.n)
  const freshCount = toNumber(bands?.fresh)
  return {
    id: 'volunteers',
    figures: [
      { id: 'registered', value: registeredCount },
      { id: 'active', value: active },
      { id: 'newVolunteers', value: freshCount },
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
        rows: AGE_BANDS.map((b) => ({ label: { key: `reports.ageBand.${b}` }, values: [toNumber(bands?.[b])] })),
      },
    ],
  }
}
