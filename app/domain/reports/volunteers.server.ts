/**
 * Volunteers section: who is registered, who served (an approved service in
 * the scope), their attendances (志愿服务人次) and approved hours, volunteer
 * trainings, service-record certificates issued, and activities that required
 * insurance. A deleted volunteer's
 * sign-ups stay on an anonymous account, so their hours still count.
 */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely'
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
  const band = sql<string>`case when p.birth_date is null then 'unknown' when p.birth_date > ${c18} then 'minor'
    when p.birth_date > ${c35} then '18_34' when p.birth_date > ${c60} then '35_59' else '60_plus' end`
  const isNew = sql<number>`case when account.created_at >= ${from} then 1 else 0 end`
  // One pass over the volunteers and one over the scope's sign-ups: each section figure is a column.
  const [bands, service, trainings, trained, certificates, insured] = await Promise.all([
    db
      .selectFrom(
        registered()
          .leftJoin('volunteer_profile as p', 'p.account_id', 'account.id')
          .select([band.as('band'), isNew.as('is_new')])
          .as('r'),
      )
      .select((eb) => ['r.band', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('r.is_new').as('fresh')])
      .groupBy('r.band')
      .execute(),
    scopedSignups(db, scope)
      .select((eb) => [
        eb.fn
          .count<number>(eb.case().when(approved(eb)).then(eb.ref('signup.volunteer_id')).end())
          .distinct()
          .as('active'),
        eb.fn.sum<number>(eb.case().when('signup.attendance', '=', 'attended').then(1).else(0).end()).as('attended'),
        eb.fn
          .sum<number>(eb.case().when(approved(eb)).then(eb.ref('signup.service_minutes')).else(0).end())
          .as('minutes'),
      ])
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
  const active = toNumber(service?.active)
  const minutes = toNumber(service?.minutes)
  const hours = Math.round(minutes / 6) / 10
  const byBand = new Map(bands.map((r) => [r.band, toNumber(r.n)]))
  const registeredCount = bands.reduce((sum, r) => sum + toNumber(r.n), 0)
  const freshCount = bands.reduce((sum, r) => sum + toNumber(r.fresh), 0)
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
        rows: AGE_BANDS.map((b) => ({ label: { key: `reports.ageBand.${b}` }, values: [byBand.get(b) ?? 0] })),
      },
    ],
  }
}
