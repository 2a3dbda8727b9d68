/**
 * The report tallies the database keeps by trigger (shift_service_total,
 * volunteer_service_day) against a recount written here from the sign-ups,
 * after each kind of write that can move them: approving hours in the domain,
 * attendance and minutes edited, a shift moved to another Shanghai day, a
 * sign-up moved to another shift or volunteer, a sign-up deleted, and on
 * PostgreSQL two transactions approving the same volunteer at once. Then the
 * register and the active count the report reads from them, against counts
 * written here.
 */
import type { Kysely } from 'kysely'
import { expect, it } from 'vitest'
import type { DB } from '#db/schema'
import { writeTransaction } from '#db/dialect'
import { approveHours } from '~/domain/planning/attendance.server'
import { activeVolunteers, AGE_BANDS, volunteerRegister } from '~/domain/reports/volunteers.server'
import type { ReportScope } from '~/domain/reports/model'
import { shanghaiDay } from '~/lib/dates'
import { describeEachDialect, useTestDatabase } from '../../support/databases'
import { createAccount, createShift, createSignup } from '../accounts/helpers'
import { actorFor, metaAt } from '../planning/helpers'
import { insertSite } from './fixtures'

interface Recount {
  shifts: { shift_id: number; attendances: number; approved_minutes: number }[]
  days: { volunteer_id: number; day: string; previous_day: string | null }[]
}

/** The tallies as they should be, from the sign-ups and shifts alone. */
async function recount(db: Kysely<DB>): Promise<Recount> {
  const rows = await db
    .selectFrom('signup')
    .innerJoin('shift', 'shift.id', 'signup.shift_id')
    .select([
      'signup.shift_id',
      'signup.volunteer_id',
      'signup.attendance',
      'signup.hours_status',
      'signup.service_minutes',
      'shift.starts_at',
    ])
    .execute()
  const shifts = new Map<number, { shift_id: number; attendances: number; approved_minutes: number }>()
  const days = new Map<number, Set<string>>()
  for (const r of rows) {
    const total = shifts.get(r.shift_id) ?? { shift_id: r.shift_id, attendances: 0, approved_minutes: 0 }
    if (r.attendance === 'attended') total.attendances++
    if (r.hours_status === 'approved') {
      total.approved_minutes += r.service_minutes ?? 0
      const served = days.get(r.volunteer_id) ?? new Set()
      served.add(shanghaiDay(r.starts_at))
      days.set(r.volunteer_id, served)
    }
    shifts.set(r.shift_id, total)
  }
  return {
    shifts: [...shifts.values()]
      .filter((t) => t.attendances || t.approved_minutes)
      .sort((a, b) => a.shift_id - b.shift_id),
    days: [...days]
      .flatMap(([volunteer_id, set]) =>
        [...set].sort().map((day, i, list) => ({ volunteer_id, day, previous_day: list[i - 1] ?? null })),
      )
      .sort((a, b) => a.volunteer_id - b.volunteer_id || a.day.localeCompare(b.day)),
  }
}

async function stored(db: Kysely<DB>): Promise<Recount> {
  const shifts = await db.selectFrom('shift_service_total').selectAll().orderBy('shift_id').execute()
  const days = await db.selectFrom('volunteer_service_day').selectAll().orderBy('volunteer_id').orderBy('day').execute()
  return {
    // A shift whose last counted sign-up went keeps a row of zeros.
    shifts: shifts.filter((t) => t.attendances || t.approved_minutes).map((t) => ({ ...t })),
    days: days.map((d) => ({ ...d })),
  }
}

const year2021 = (from = '2021-01-01', to = '2021-12-31'): ReportScope => ({
  year: 2021,
  from,
  to,
  siteId: null,
  programmeId: null,
})

describeEachDialect('report tallies', (dialect) => {
  const database = useTestDatabase(dialect, { poolSize: 3 })

  it('follow every write to sign-ups and shifts', async () => {
    const { db } = database()
    const site = await insertSite(db, '总馆', 'main_library')
    const coordinator = await actorFor(db, { role: 'coordinator' })
    const [a, b, c] = [await createAccount(db), await createAccount(db), await createAccount(db)]
    // 23:30 on 6 March in Shanghai is still the 6th; 00:30 on the 7th is UTC's 6th.
    const late = await createShift(db, site, new Date('2021-03-06T15:30:00.000Z'))
    const early = await createShift(db, site, new Date('2021-03-06T16:30:00.000Z'))
    const april = await createShift(db, site, new Date('2021-04-10T01:00:00.000Z'))
    const s1 = await createSignup(db, late, a.id, { minutes: 120, approvedBy: coordinator.accountId })
    await createSignup(db, early, a.id, { minutes: 60, approvedBy: coordinator.accountId })
    const pending = await createSignup(db, april, b.id, { minutes: 90 })
    const s4 = await createSignup(db, april, c.id, { minutes: 30, approvedBy: coordinator.accountId })
    await createSignup(db, early, b.id)
    expect((await stored(db)).days.map((d) => [d.volunteer_id, d.day, d.previous_day])).toEqual([
      [a.id, '2021-03-06', null],
      [a.id, '2021-03-07', '2021-03-06'],
      [c.id, '2021-04-10', null],
    ])
    expect(await stored(db)).toEqual(await recount(db))

    expect(await approveHours(db, coordinator, [pending], metaAt('2021-04-11T01:00:00.000Z'))).toBe(1)
    expect(await stored(db)).toEqual(await recount(db))

    await db.updateTable('signup').set({ service_minutes: 150 }).where('id', '=', s4).execute()
    await db.updateTable('signup').set({ attendance: 'no_show', hours_status: 'none' }).where('id', '=', s1).execute()
    expect(await stored(db)).toEqual(await recount(db))

    // The April shift moves to May (a new day for b and c); the March one within its own day.
    await db
      .updateTable('shift')
      .set({ starts_at: '2021-05-01T01:00:00.000Z', ends_at: '2021-05-01T04:00:00.000Z' })
      .where('id', '=', april)
      .execute()
    await db.updateTable('shift').set({ starts_at: '2021-03-06T17:00:00.000Z' }).where('id', '=', early).execute()
    expect(await stored(db)).toEqual(await recount(db))

    await db.updateTable('signup').set({ shift_id: late, volunteer_id: b.id }).where('id', '=', s4).execute()
    expect(await stored(db)).toEqual(await recount(db))
    await db.deleteFrom('signup').where('id', '=', pending).execute()
    const after = await recount(db)
    expect(await stored(db)).toEqual(after)
    expect(after.days.length).toBeGreaterThan(0)
  })

  it.runIf(dialect === 'postgres')('stay whole when two transactions approve one volunteer at once', async () => {
    const { db } = database()
    const site = await insertSite(db, '分馆', 'branch')
    const coordinator = await actorFor(db, { role: 'coordinator' })
    const volunteer = await createAccount(db)
    const first = await createShift(db, site, new Date('2021-06-05T01:00:00.000Z'))
    const second = await createShift(db, site, new Date('2021-06-12T01:00:00.000Z'))
    const s1 = await createSignup(db, first, volunteer.id, { minutes: 60 })
    const s2 = await createSignup(db, second, volunteer.id, { minutes: 60 })
    const approve = (id: number, holdMs: number) =>
      writeTransaction(db, async (trx) => {
        await approveHours(trx, coordinator, [id], metaAt('2021-06-13T01:00:00.000Z'))
        // Keep the transaction open while the other one approves.
        await new Promise((resolve) => setTimeout(resolve, holdMs))
      })
    await Promise.all([approve(s1, 300), new Promise((r) => setTimeout(r, 50)).then(() => approve(s2, 0))])
    const days = (await stored(db)).days.filter((d) => d.volunteer_id === volunteer.id)
    expect(days.map((d) => [d.day, d.previous_day])).toEqual([
      ['2021-06-05', null],
      ['2021-06-12', '2021-06-05'],
    ])
    expect(await stored(db)).toEqual(await recount(db))
  })

  it('give the active volunteers and the register the report shows', async () => {
    const { db } = database()
    const site = await insertSite(db, '书房', 'book_room')
    const coordinator = await actorFor(db, { role: 'coordinator' })
    const volunteers = [
      await createAccount(db, { birthDate: '2010-05-01' }),
      await createAccount(db, { birthDate: '1995-01-01' }),
      await createAccount(db, { birthDate: '1970-07-07' }),
      await createAccount(db, { birthDate: '1950-02-02' }),
      await createAccount(db, { birthDate: '1988-08-08' }),
    ]
    const ids = volunteers.map((v) => v.id)
    for (const [i, id] of ids.entries())
      await db
        .updateTable('volunteer_profile')
        .set({ created_at: `2021-0${i + 1}-15T02:00:00.000Z` })
        .where('account_id', '=', id)
        .execute()
    // One made staff, one whose account was removed without its profile: neither on the register.
    await db.updateTable('account').set({ role: 'coordinator' }).where('id', '=', ids[3]!).execute()
    await db.updateTable('account').set({ status: 'deleted' }).where('id', '=', ids[4]!).execute()
    const atSite: number[] = []
    for (const [i, day] of ['2021-02-01', '2021-02-20', '2021-03-05', '2021-08-08'].entries()) {
      const shift = await createShift(db, site, new Date(`${day}T02:00:00.000Z`))
      atSite.push(shift)
      for (const id of ids.slice(0, i + 2))
        await createSignup(db, shift, id, { minutes: 60, approvedBy: coordinator.accountId })
    }
    const rows = await db
      .selectFrom('signup')
      .innerJoin('shift', 'shift.id', 'signup.shift_id')
      .select(['signup.volunteer_id', 'signup.shift_id', 'shift.starts_at'])
      .where('signup.hours_status', '=', 'approved')
      .execute()
    for (const [from, to] of [
      ['2021-01-01', '2021-12-31'],
      ['2021-02-10', '2021-03-05'],
      ['2021-02-21', '2021-08-07'],
      ['2021-03-06', '2021-12-31'],
    ] as const) {
      const inRange = rows.filter((r) => shanghaiDay(r.starts_at) >= from && shanghaiDay(r.starts_at) <= to)
      const served = new Set(inRange.map((r) => r.volunteer_id))
      const servedHere = new Set(inRange.filter((r) => atSite.includes(r.shift_id)).map((r) => r.volunteer_id))
      const scope = year2021(from, to)
      expect(await activeVolunteers(db, scope), `${from}…${to}`).toBe(served.size)
      // A site's scope counts its own sign-ups directly.
      expect(await activeVolunteers(db, { ...scope, siteId: site }), `${from}…${to} at the site`).toBe(servedHere.size)
    }

    const register = await volunteerRegister(db, year2021('2021-03-01', '2021-12-31'))
    // On the register: the three still volunteers; the others' accounts are made today, after 2021.
    const all = await db
      .selectFrom('volunteer_profile as p')
      .innerJoin('account', 'account.id', 'p.account_id')
      .select(['p.birth_date', 'p.created_at', 'account.role', 'account.status'])
      .execute()
    const listed = all.filter(
      (p) => p.role === 'volunteer' && p.status !== 'deleted' && p.created_at < '2021-12-31T16:00:00.000Z',
    )
    expect(register.registered).toBe(listed.length)
    expect(register.fresh).toBe(listed.filter((p) => p.created_at >= '2021-02-28T16:00:00.000Z').length)
    const band = (birth: string | null) =>
      birth === null
        ? 'unknown'
        : birth > '2003-12-31'
          ? 'minor'
          : birth > '1986-12-31'
            ? '18_34'
            : birth > '1961-12-31'
              ? '35_59'
              : '60_plus'
    for (const b of AGE_BANDS) expect(register.bands[b], b).toBe(listed.filter((p) => band(p.birth_date) === b).length)
    expect([register.registered, register.fresh, register.bands.minor, register.bands['60_plus']]).toEqual([3, 1, 1, 0])
  })
})
