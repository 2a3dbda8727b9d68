import { sql } from 'kysely'
import type { DialectName } from '../dialect'
import { day, finish, type MigrationDb } from './helpers'

/**
 * Two tallies the year-end report reads instead of a year's sign-ups (and the
 * volunteer profiles indexed for the register by age band), both tallies kept
 * by triggers, so every write (the app's, a seed's, a test's) keeps them whole.
 *
 * shift_service_total: per shift, its attendances (志愿服务人次) and approved
 * service minutes, moved by each sign-up's change (an increment, so concurrent
 * writers on PostgreSQL never lose one another's).
 *
 * volunteer_service_day: one row per volunteer and Shanghai day with approved service, with that
 * volunteer's previous such day. The volunteers who served in a range are then
 * the rows in it whose previous day is before it (each volunteer's first day in
 * the range): a range count, where a distinct count over a year's sign-ups
 * sorts every one of them. A volunteer's rows are rebuilt from their
 * approved sign-ups whenever one of them changes or a shift moves to another
 * day.
 *
 * Frozen once merged: never import from app/, never edit after it has run anywhere.
 */
export async function up(db: MigrationDb, dialect: DialectName): Promise<void> {
  await shiftServiceTotals(db, dialect)
  await volunteerServiceDays(db, dialect)
  await fillReportTallies(db, dialect)
  // The register by age band: each band a range of birth dates, read from the profiles alone.
  await db.schema.dropIndex('report_volunteer_birth').execute()
  await db.schema
    .createIndex('report_profile_birth')
    .on('volunteer_profile')
    .columns(['birth_date', 'created_at'])
    .execute()
  await db.schema.createIndex('report_profile_created').on('volunteer_profile').columns(['created_at']).execute()
}

/** Fills both (empty) tallies from the sign-ups so far; also for a bulk load made with the triggers off. */
export async function fillReportTallies(db: MigrationDb, dialect: DialectName): Promise<void> {
  await sql.raw(shiftTotalsSql.fill).execute(db)
  await sql.raw(serviceDaysSql(dialect).fill).execute(db)
}

async function shiftServiceTotals(db: MigrationDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('shift_service_total')
    .addColumn('shift_id', 'integer', (c) => c.primaryKey().notNull().references('shift.id'))
    .addColumn('attendances', 'integer', (c) => c.notNull())
    .addColumn('approved_minutes', 'integer', (c) => c.notNull())
    .$call((t) => finish(t, dialect))
    .execute()
  /** Adds a sign-up row's share to its shift's tally (`sign` -1 takes it away). */
  const add = (row: string, sign: '' | '-') => `
    insert into shift_service_total (shift_id, attendances, approved_minutes)
      values (${row}.shift_id, ${sign}${attended(row)}, ${sign}${minutes(row)})
      on conflict (shift_id) do update set
        attendances = shift_service_total.attendances + excluded.attendances,
        approved_minutes = shift_service_total.approved_minutes + excluded.approved_minutes;`
  const counts = (row: string) => `(${row}.attendance = 'attended' or ${row}.hours_status = 'approved')`
  const changed = `${attended('old')} <> ${attended('new')} or ${minutes('old')} <> ${minutes('new')}
    or (old.shift_id <> new.shift_id and (${counts('old')} or ${counts('new')}))`
  const columns = 'attendance, hours_status, service_minutes, shift_id'
  if (dialect === 'postgres') {
    await sql
      .raw(
        `create function shift_service_total_on_signup() returns trigger language plpgsql as $$
        begin
          if tg_op <> 'INSERT' then ${add('old', '-')} end if;
          if tg_op <> 'DELETE' then ${add('new', '')} end if;
          return null;
        end $$`,
      )
      .execute(db)
    for (const statement of [
      `create trigger shift_service_total_signup_insert after insert on signup for each row
         when ${counts('new')} execute function shift_service_total_on_signup()`,
      `create trigger shift_service_total_signup_update after update of ${columns} on signup for each row
         when (${changed}) execute function shift_service_total_on_signup()`,
      `create trigger shift_service_total_signup_delete after delete on signup for each row
         when ${counts('old')} execute function shift_service_total_on_signup()`,
    ])
      await sql.raw(statement).execute(db)
  } else {
    for (const statement of [
      `create trigger shift_service_total_signup_insert after insert on signup
         when ${counts('new')} begin ${add('new', '')} end`,
      `create trigger shift_service_total_signup_update after update of ${columns} on signup
         when ${changed} begin ${add('old', '-')} ${add('new', '')} end`,
      `create trigger shift_service_total_signup_delete after delete on signup
         when ${counts('old')} begin ${add('old', '-')} end`,
    ])
      await sql.raw(statement).execute(db)
  }
}

const attended = (row: string) => `(case when ${row}.attendance = 'attended' then 1 else 0 end)`
const minutes = (row: string) =>
  `(case when ${row}.hours_status = 'approved' then coalesce(${row}.service_minutes, 0) else 0 end)`
const shiftTotalsSql = {
  fill: `insert into shift_service_total (shift_id, attendances, approved_minutes)
    select s.shift_id, sum(${attended('s')}), sum(${minutes('s')}) from signup s group by s.shift_id`,
}

async function volunteerServiceDays(db: MigrationDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('volunteer_service_day')
    .addColumn('volunteer_id', 'integer', (c) => c.notNull().references('account.id'))
    .addColumn('day', day(dialect), (c) => c.notNull())
    .addColumn('previous_day', day(dialect))
    .addPrimaryKeyConstraint('volunteer_service_day_pk', ['volunteer_id', 'day'])
    .$call((t) => finish(t, dialect))
    .execute()
  await db.schema
    .createIndex('volunteer_service_day_range')
    .on('volunteer_service_day')
    .columns(['day', 'previous_day'])
    .execute()

  const { rebuild, approvedChanged, dayChanged, onShift } = serviceDaysSql(dialect)
  if (dialect === 'postgres') {
    // Row locks on the volunteers (advisory, in id order) let two transactions approving the same
    // volunteer's hours rebuild one after the other, each seeing the other's committed rows.
    await sql
      .raw(
        `create function volunteer_service_day_rebuild(volunteers integer[]) returns void language plpgsql as $$
        begin
          perform pg_advisory_xact_lock(1987, v) from (select distinct unnest(volunteers) as v order by 1) as ids;
          ${rebuild('select unnest(volunteers)')}
        end $$`,
      )
      .execute(db)
    await sql
      .raw(
        `create function volunteer_service_day_on_signup() returns trigger language plpgsql as $$
        begin
          if tg_op = 'INSERT' then perform volunteer_service_day_rebuild(array[new.volunteer_id]);
          elsif tg_op = 'DELETE' then perform volunteer_service_day_rebuild(array[old.volunteer_id]);
          else perform volunteer_service_day_rebuild(array[old.volunteer_id, new.volunteer_id]);
          end if;
          return null;
        end $$`,
      )
      .execute(db)
    await sql
      .raw(
        `create function volunteer_service_day_on_shift() returns trigger language plpgsql as $$
        begin
          perform volunteer_service_day_rebuild(array(${onShift}));
          return null;
        end $$`,
      )
      .execute(db)
    for (const statement of [
      `create trigger volunteer_service_day_signup_insert after insert on signup for each row
         when (new.hours_status = 'approved') execute function volunteer_service_day_on_signup()`,
      `create trigger volunteer_service_day_signup_update after update of hours_status, volunteer_id, shift_id on signup
         for each row when (${approvedChanged}) execute function volunteer_service_day_on_signup()`,
      `create trigger volunteer_service_day_signup_delete after delete on signup for each row
         when (old.hours_status = 'approved') execute function volunteer_service_day_on_signup()`,
      `create trigger volunteer_service_day_shift_update after update of starts_at on shift for each row
         when (${dayChanged}) execute function volunteer_service_day_on_shift()`,
    ])
      await sql.raw(statement).execute(db)
  } else {
    for (const statement of [
      `create trigger volunteer_service_day_signup_insert after insert on signup
         when new.hours_status = 'approved' begin ${rebuild('new.volunteer_id')} end`,
      `create trigger volunteer_service_day_signup_update after update of hours_status, volunteer_id, shift_id on signup
         when ${approvedChanged} begin ${rebuild('old.volunteer_id, new.volunteer_id')} end`,
      `create trigger volunteer_service_day_signup_delete after delete on signup
         when old.hours_status = 'approved' begin ${rebuild('old.volunteer_id')} end`,
      `create trigger volunteer_service_day_shift_update after update of starts_at on shift
         when ${dayChanged} begin ${rebuild(onShift)} end`,
    ])
      await sql.raw(statement).execute(db)
  }
}

function serviceDaysSql(dialect: DialectName) {
  const dayOf = (column: string) =>
    dialect === 'postgres'
      ? `(${column} at time zone 'Asia/Shanghai')::date`
      : `strftime('%Y-%m-%d', ${column}, '+8 hours')`
  /** The rows of the volunteers `volunteers` selects (an id list or a subquery), or of everyone. */
  const insertDays = (volunteers: string | null) => `
    insert into volunteer_service_day (volunteer_id, day, previous_day)
      select volunteer_id, day, lag(day) over (partition by volunteer_id order by day)
      from (
        select distinct s.volunteer_id, ${dayOf('sh.starts_at')} as day
        from signup s join shift sh on sh.id = s.shift_id
        where s.hours_status = 'approved'${volunteers === null ? '' : ` and s.volunteer_id in (${volunteers})`}
      ) as served;`
  return {
    fill: insertDays(null),
    rebuild: (volunteers: string) =>
      `delete from volunteer_service_day where volunteer_id in (${volunteers}); ${insertDays(volunteers)}`,
    approvedChanged: `(old.hours_status = 'approved' or new.hours_status = 'approved')
      and (old.hours_status <> new.hours_status or old.volunteer_id <> new.volunteer_id or old.shift_id <> new.shift_id)`,
    dayChanged: `${dayOf('old.starts_at')} <> ${dayOf('new.starts_at')}`,
    onShift: `select volunteer_id from signup where shift_id = new.id and hours_status = 'approved'`,
  }
}
