import { describe, expect, it } from 'vitest'
import { DomainError } from '~/domain/errors'
import {
  approveHours,
  checkInCode,
  markAttendance,
  overrideHours,
  recordRollCall,
  selfCheckIn,
  selfCheckOut,
  volunteerRecord,
} from '~/domain/planning/attendance.server'
import { listGaps } from '~/domain/planning/gaps.server'
import { getRoster, messageShiftVolunteers } from '~/domain/planning/roster.server'
import { createSeries, editSeriesFrom, setHolidayOverride } from '~/domain/planning/series.server'
import { cancelShift, createShift, updateShift } from '~/domain/planning/shifts.server'
import { shanghaiInstant } from '~/lib/dates'
import { describeEachDialect, useTestDatabase } from '../../support/databases'
import { createSignup, createSite } from '../accounts/helpers'
import { actorFor, baseShift, insertSignup, metaAt, outbox } from './helpers'

const rejects = async (promise: Promise<unknown>, code: string, field?: string) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, `expected ${code}`).toBeInstanceOf(DomainError)
  expect((error as DomainError).code).toBe(code)
  if (field) expect((error as DomainError).options.field).toBe(field)
}

describeEachDialect('planning', (dialect) => {
  const database = useTestDatabase(dialect)

  describe('weekly series', () => {
    it('generates one shift per Thursday in Shanghai time, skipping 国庆 and an overridden day', async () => {
      const { db } = database()
      const coordinator = await actorFor(db, { role: 'coordinator' })
      const siteId = await createSite(db)
      await setHolidayOverride(
        db,
        coordinator,
        { day: '2026-10-22', kind: 'holiday', note: '馆内盘点' },
        metaAt('2026-08-01'),
      )
      const series = await createSeries(
        db,
        coordinator,
        {
          ...baseShift,
          siteId,
          kind: 'series',
          firstDay: '2026-09-01',
          lastDay: '2026-10-31',
          weekday: 4,
          skipPublicHolidays: true,
        },
        metaAt('2026-08-01T00:00:00Z'),
      )
      expect(series.days).toEqual([
        '2026-09-03',
        '2026-09-10',
        '2026-09-17',
        '2026-09-24',
        '2026-10-08',
        '2026-10-15',
        '2026-10-29',
      ])
      const shifts = await db
        .selectFrom('shift')
        .select(['starts_at', 'ends_at', 'series_id', 'capacity', 'cancel_cutoff_hours', 'check_in_secret'])
        .where('series_id', '=', series.seriesId)
        .orderBy('starts_at')
        .execute()
      expect(shifts.map((s) => s.starts_at)).toEqual(series.days.map((day) => shanghaiInstant(day, '09:00')))
      // 09:00 in Shanghai is 01:00 UTC.
      expect(shifts[0]!.starts_at).toBe('2026-09-03T01:00:00.000Z')
      expect(shifts[0]!.ends_at).toBe('2026-09-03T04:00:00.000Z')
      expect(shifts.every((s) => s.capacity === 2 && s.cancel_cutoff_hours === 12 && s.check_in_secret)).toBe(true)
      expect(new Set(shifts.map((s) => s.check_in_secret)).size).toBe(shifts.length)
    })

    it('edits this and all later occurrences, leaving earlier and detached ones alone', async () => {
      const { db } = database()
      const coordinator = await actorFor(db, { role: 'coordinator' })
      const siteId = await createSite(db)
      const meta = metaAt('2026-11-20T00:00:00Z')
      const { shiftIds } = await createSeries(
        db,
        coordinator,
        {
          ...baseShift,
          siteId,
          kind: 'series',
          firstDay: '2026-12-05',
          lastDay: '2026-12-26',
          weekday: 6,
          skipPublicHolidays: true,
        },
        meta,
      )
      expect(shiftIds).toHaveLength(4)
      const [first, second, third, fourth] = shiftIds as [number, number, number, number]
      const edit = { ...baseShift, siteId, capacity: 2, cancelCutoffHours: 12 }
      // One occurrence edited on its own: detached.
      await updateShift(db, coordinator, third, { ...edit, notes: '只这一次' }, meta)
      const { shiftIds: edited } = await editSeriesFrom(
        db,
        coordinator,
        (await db.selectFrom('shift').select('series_id').where('id', '=', second).executeTakeFirstOrThrow())
          .series_id!,
        second,
        { ...edit, startTime: '10:00', endTime: '12:30', capacity: 3 },
        meta,
      )
      expect(edited.sort()).toEqual([second, fourth].sort())
      const rows = await db
        .selectFrom('shift')
        .select(['id', 'starts_at', 'ends_at', 'capacity', 'detached_from_series', 'notes'])
        .where('id', 'in', shiftIds)
        .orderBy('starts_at')
        .execute()
      const byId = new Map(rows.map((r) => [r.id, r]))
      expect(byId.get(first)!.starts_at).toBe(shanghaiInstant('2026-12-05', '09:00'))
      expect(byId.get(first)!.capacity).toBe(2)
      expect(byId.get(second)!.starts_at).toBe(shanghaiInstant('2026-12-12', '10:00'))
      expect(byId.get(second)!.ends_at).toBe(shanghaiInstant('2026-12-12', '12:30'))
      expect(byId.get(third)!.starts_at).toBe(shanghaiInstant('2026-12-19', '09:00'))
      expect(byId.get(third)!.detached_from_series).toBe(1)
      expect(byId.get(third)!.notes).toBe('只这一次')
      expect(byId.get(fourth)!.starts_at).toBe(shanghaiInstant('2026-12-26', '10:00'))
      expect(byId.get(fourth)!.capacity).toBe(3)

      // A capacity below an occurrence's confirmed count refuses the whole edit.
      const a = await actorFor(db)
      const b = await actorFor(db)
      await createSignup(db, fourth, a.accountId)
      await createSignup(db, fourth, b.accountId)
      const seriesId = (
        await db.selectFrom('shift').select('series_id').where('id', '=', second).executeTakeFirstOrThrow()
      ).series_id!
      await rejects(
        editSeriesFrom(db, coordinator, seriesId, second, { ...edit, startTime: '11:00', capacity: 1 }, meta),
        'signup.capacity.belowConfirmed',
        'capacity',
      )
      const after = await db.selectFrom('shift').select('starts_at').where('id', '=', second).executeTakeFirstOrThrow()
      expect(after.starts_at).toBe(shanghaiInstant('2026-12-12', '10:00'))
      await rejects(
        updateShift(db, coordinator, fourth, { ...edit, capacity: 1 }, meta),
        'signup.capacity.belowConfirmed',
        'capacity',
      )
    })
  })

  describe('changes and cancellations', () => {
    it('mails shift-changed to confirmed and waitlisted volunteers only, when time or place changes', async () => {
      const { db } = database()
      const coordinator = await actorFor(db, { role: 'coordinator' })
      const siteId = await createSite(db)
      const otherSite = await createSite(db)
      const meta = metaAt('2026-11-20T00:00:00Z')
      const shiftId = await createShift(
        db,
        coordinator,
        { ...baseShift, siteId, kind: 'single', day: '2026-12-06' },
        meta,
      )
      const confirmed = await actorFor(db)
      const waiting = await actorFor(db)
      const gone = await actorFor(db)
      const confirmedSignup = await createSignup(db, shiftId, confirmed.accountId)
      await insertSignup(db, shiftId, waiting.accountId, 'waitlisted')
      await insertSignup(db, shiftId, gone.accountId, 'cancelled')

      // Notes only: no mail.
      await updateShift(db, coordinator, shiftId, { ...baseShift, siteId, notes: '请带水杯' }, meta)
      expect(await outbox(db, 'shift-changed')).toEqual([])

      const later = metaAt('2026-11-21T00:00:00Z')
      const changes = await updateShift(
        db,
        coordinator,
        shiftId,
        { ...baseShift, siteId: otherSite, startTime: '14:00', endTime: '17:00' },
        later,
      )
      expect(changes).toEqual(['time', 'place'])
      const mails = await outbox(db, 'shift-changed')
      expect(mails.map((m) => m.to_address).sort()).toEqual([confirmed.email, waiting.email].sort())
      const mine = mails.find((m) => m.to_address === confirmed.email)!
      expect(mine.dedupe_key).toBe(`shift-changed:${shiftId}:${confirmedSignup}:${later.now.getTime()}`)
      const payload = JSON.parse(mine.payload) as { startsAt: string; changes: string[]; shiftUrl: string }
      expect(payload.startsAt).toBe(shanghaiInstant('2026-12-06', '14:00'))
      expect(payload.changes).toHaveLength(2)
      expect(payload.shiftUrl).toBe(`https://tongxing.example.org/shifts/${shiftId}`)
    })

    it('cancels an upcoming shift with a mail to its volunteers, and keeps their sign-ups', async () => {
      const { db } = database()
      const coordinator = await actorFor(db, { role: 'coordinator' })
      const siteId = await createSite(db)
      const meta = metaAt('2026-11-20T00:00:00Z')
      const shiftId = await createShift(
        db,
        coordinator,
        { ...baseShift, siteId, kind: 'single', day: '2026-12-07' },
        meta,
      )
      const confirmed = await actorFor(db)
      const waiting = await actorFor(db)
      const gone = await actorFor(db)
      await createSignup(db, shiftId, confirmed.accountId)
      await insertSignup(db, shiftId, waiting.accountId, 'waitlisted')
      await insertSignup(db, shiftId, gone.accountId, 'cancelled')
      const result = await cancelShift(db, coordinator, shiftId, '场馆维修', meta)
      expect(result).toEqual({ notified: 2, past: false })
      const mails = (await outbox(db, 'shift-cancelled')).filter((m) =>
        m.dedupe_key.startsWith(`shift-cancelled:${shiftId}:`),
      )
      expect(mails.map((m) => m.to_address).sort()).toEqual([confirmed.email, waiting.email].sort())
      const shift = await db.selectFrom('shift').select('status').where('id', '=', shiftId).executeTakeFirstOrThrow()
      expect(shift.status).toBe('cancelled')
      expect(await db.selectFrom('signup').select('id').where('shift_id', '=', shiftId).execute()).toHaveLength(3)
    })

    it('cancelling a shift that already happened keeps its attendance and hours and mails no one', async () => {
      const { db } = database()
      const coordinator = await actorFor(db, { role: 'coordinator' })
      const siteId = await createSite(db)
      const shiftId = await createShift(
        db,
        coordinator,
        { ...baseShift, siteId, kind: 'single', day: '2026-11-07' },
        metaAt('2026-11-01T00:00:00Z'),
      )
      const volunteer = await actorFor(db)
      const noShow = await actorFor(db)
      await createSignup(db, shiftId, volunteer.accountId, { minutes: 180, approvedBy: coordinator.accountId })
      await createSignup(db, shiftId, noShow.accountId)
      await recordRollCall(db, coordinator, shiftId, [], metaAt('2026-11-07T05:00:00Z'))
      const before = await db.selectFrom('signup').selectAll().where('shift_id', '=', shiftId).orderBy('id').execute()
      const result = await cancelShift(db, coordinator, shiftId, null, metaAt('2026-11-10T00:00:00Z'))
      expect(result.past).toBe(true)
      const after = await db.selectFrom('signup').selectAll().where('shift_id', '=', shiftId).orderBy('id').execute()
      expect(after).toEqual(before)
      expect(after[0]).toMatchObject({ attendance: 'attended', service_minutes: 180, hours_status: 'approved' })
      expect(after[1]).toMatchObject({ attendance: 'no_show' })
      const toThem = (await outbox(db, 'shift-cancelled')).filter((m) =>
        [volunteer.email, noShow.email].includes(m.to_address),
      )
      expect(toThem).toEqual([])
      expect(await volunteerRecord(db, coordinator, volunteer.accountId)).toMatchObject({
        attended: 1,
        approvedMinutes: 180,
      })
    })
  })

  describe('attendance', () => {
    it('roll call: ticked volunteers attend, the rest become no-shows, visible on their record', async () => {
      const { db } = database()
      const coordinator = await actorFor(db, { role: 'coordinator' })
      const siteId = await createSite(db)
      const shiftId = await createShift(
        db,
        coordinator,
        { ...baseShift, siteId, capacity: 3, kind: 'single', day: '2026-11-14' },
        metaAt('2026-11-01'),
      )
      const [a, b, c] = await Promise.all([actorFor(db), actorFor(db), actorFor(db)])
      const sa = await createSignup(db, shiftId, a!.accountId)
      const sb = await createSignup(db, shiftId, b!.accountId)
      await createSignup(db, shiftId, c!.accountId)
      await rejects(
        recordRollCall(db, coordinator, shiftId, [sa], metaAt('2026-11-14T00:29:00Z')),
        'planning.rollCall.notStarted',
      )
      const result = await recordRollCall(db, coordinator, shiftId, [sa, sb], metaAt('2026-11-14T04:10:00Z'))
      expect(result).toEqual({ attended: 2, noShows: 1 })
      const rows = await db
        .selectFrom('signup')
        .select(['volunteer_id', 'attendance', 'service_minutes', 'hours_status'])
        .where('shift_id', '=', shiftId)
        .orderBy('id')
        .execute()
      expect(rows.map((r) => [r.attendance, r.service_minutes, r.hours_status])).toEqual([
        ['attended', 180, 'pending'],
        ['attended', 180, 'pending'],
        ['no_show', null, 'none'],
      ])
      expect(await volunteerRecord(db, coordinator, c!.accountId)).toEqual({
        attended: 0,
        noShows: 1,
        approvedMinutes: 0,
        pendingMinutes: 0,
      })
      // A volunteer sees their own record, not another's.
      expect((await volunteerRecord(db, c!, c!.accountId)).noShows).toBe(1)
      await rejects(volunteerRecord(db, a!, c!.accountId), 'errors.forbiddenTitle')
      const roster = await getRoster(db, coordinator, shiftId, metaAt('2026-11-14T05:00:00Z').now)
      expect(roster.confirmed.map((r) => r.attendance)).toEqual(['attended', 'attended', 'no_show'])
    })

    it('QR check-in: accepted in the window with the current code, refused with an old code or outside it', async () => {
      const { db } = database()
      const coordinator = await actorFor(db, { role: 'coordinator' })
      const siteId = await createSite(db)
      const shiftId = await createShift(
        db,
        coordinator,
        { ...baseShift, siteId, kind: 'single', day: '2026-11-21' },
        metaAt('2026-11-01'),
      )
      const volunteer = await actorFor(db)
      const stranger = await actorFor(db)
      await createSignup(db, shiftId, volunteer.accountId)
      const shift = await db
        .selectFrom('shift')
        .select(['id', 'starts_at', 'ends_at', 'check_in_secret'])
        .where('id', '=', shiftId)
        .executeTakeFirstOrThrow()
      const start = Date.parse(shift.starts_at)
      const end = Date.parse(shift.ends_at)
      const at = (ms: number) => new Date(ms)
      const min = 60_000

      // Before the window: no code, and a code from the right shift is refused.
      expect(checkInCode(shift, at(start - 40 * min))).toBeNull()
      const early = checkInCode(shift, at(start - 30 * min))!
      await rejects(selfCheckIn(db, volunteer, shiftId, early, at(start - 31 * min)), 'planning.checkIn.outsideWindow')
      // A code photographed half an hour earlier no longer works.
      await rejects(selfCheckIn(db, volunteer, shiftId, early, at(start)), 'planning.checkIn.codeInvalid', 'code')
      // Someone not on the shift cannot use the current code.
      const current = checkInCode(shift, at(start - 5 * min))!
      await rejects(selfCheckIn(db, stranger, shiftId, current, at(start - 5 * min)), 'planning.checkIn.notSignedUp')

      await selfCheckIn(db, volunteer, shiftId, current, at(start - 5 * min))
      let row = await db.selectFrom('signup').selectAll().where('shift_id', '=', shiftId).executeTakeFirstOrThrow()
      expect(row.checked_in_at).toBe(at(start - 5 * min).toISOString())
      expect(row.attendance).toBe('attended')

      // Check-out after the window is refused; inside it, with the current code, recorded and capped.
      const late = checkInCode(shift, at(end + 20 * min))!
      await rejects(selfCheckOut(db, volunteer, shiftId, late, at(end + 31 * min)), 'planning.checkIn.outsideWindow')
      await selfCheckOut(db, volunteer, shiftId, late, at(end + 20 * min))
      row = await db.selectFrom('signup').selectAll().where('shift_id', '=', shiftId).executeTakeFirstOrThrow()
      expect(row.checked_out_at).toBe(at(end + 20 * min).toISOString())
      expect(row.service_minutes).toBe(180)
      expect(row.hours_status).toBe('pending')
    })

    it('hours: capped at the shift length, overridden only with a reason, approval records the approver', async () => {
      const { db } = database()
      const coordinator = await actorFor(db, { role: 'coordinator' })
      const volunteer = await actorFor(db)
      const siteId = await createSite(db)
      const shiftId = await createShift(
        db,
        coordinator,
        { ...baseShift, siteId, kind: 'single', day: '2026-11-22' },
        metaAt('2026-11-01'),
      )
      const signupId = await createSignup(db, shiftId, volunteer.accountId)
      await rejects(
        markAttendance(db, coordinator, signupId, { attendance: 'attended' }, metaAt('2026-11-22T00:29:00Z')),
        'planning.attendance.notStarted',
      )
      const meta = metaAt('2026-11-22T06:00:00Z')
      await markAttendance(
        db,
        coordinator,
        signupId,
        { attendance: 'attended', checkedInAt: '08:30', checkedOutAt: '12:45' },
        meta,
      )
      let row = await db.selectFrom('signup').selectAll().where('id', '=', signupId).executeTakeFirstOrThrow()
      expect(row.checked_in_at).toBe(shanghaiInstant('2026-11-22', '08:30'))
      expect(row.service_minutes).toBe(180)
      await rejects(
        markAttendance(
          db,
          coordinator,
          signupId,
          { attendance: 'attended', checkedInAt: '10:00', checkedOutAt: '09:00' },
          meta,
        ),
        'planning.attendance.outBeforeIn',
        'checkedOut',
      )
      await markAttendance(
        db,
        coordinator,
        signupId,
        { attendance: 'attended', checkedInAt: '09:15', checkedOutAt: '11:45' },
        meta,
      )
      row = await db.selectFrom('signup').selectAll().where('id', '=', signupId).executeTakeFirstOrThrow()
      expect(row.service_minutes).toBe(150)

      await rejects(
        overrideHours(db, coordinator, signupId, 255, '  ', meta),
        'planning.hours.reasonRequired',
        'reason',
      )
      await rejects(overrideHours(db, volunteer, signupId, 255, '我多干了', meta), 'errors.forbiddenTitle')
      await overrideHours(db, coordinator, signupId, 255, '活动延时，留下整理图书', meta)
      row = await db.selectFrom('signup').selectAll().where('id', '=', signupId).executeTakeFirstOrThrow()
      expect(row.service_minutes).toBe(255)
      expect(row.hours_override_reason).toBe('活动延时，留下整理图书')

      await rejects(approveHours(db, volunteer, [signupId], meta), 'errors.forbiddenTitle')
      expect(await approveHours(db, coordinator, [signupId], meta)).toBe(1)
      row = await db.selectFrom('signup').selectAll().where('id', '=', signupId).executeTakeFirstOrThrow()
      expect(row).toMatchObject({
        hours_status: 'approved',
        hours_approved_by: coordinator.accountId,
        hours_approved_at: meta.now.toISOString(),
        service_minutes: 255,
      })
      // Approved hours are final: nothing later changes them.
      await rejects(
        markAttendance(db, coordinator, signupId, { attendance: 'no_show' }, meta),
        'planning.hours.alreadyApproved',
      )
      await recordRollCall(db, coordinator, shiftId, [], meta)
      row = await db.selectFrom('signup').selectAll().where('id', '=', signupId).executeTakeFirstOrThrow()
      expect(row.hours_status).toBe('approved')
      expect(await volunteerRecord(db, volunteer, volunteer.accountId)).toMatchObject({
        attended: 1,
        approvedMinutes: 255,
      })
    })
  })

  describe('roster, gaps and messages', () => {
    it('shows phones, waitlist order and requirements to staff only; gaps list short shifts by day', async () => {
      const { db } = database()
      const coordinator = await actorFor(db, { role: 'coordinator' })
      const siteId = await createSite(db)
      const shiftId = await createShift(
        db,
        coordinator,
        { ...baseShift, siteId, capacity: 3, minAge: 18, requiredSkill: '朗诵', kind: 'single', day: '2026-12-12' },
        metaAt('2026-11-20'),
      )
      const fullId = await createShift(
        db,
        coordinator,
        { ...baseShift, siteId, capacity: 1, kind: 'single', day: '2026-12-12' },
        metaAt('2026-11-20'),
      )
      const adult = await actorFor(db, { phone: '13912345678' })
      const teen = await actorFor(db, { birthDate: '2012-01-01' })
      const second = await actorFor(db)
      const first = await actorFor(db)
      await db
        .updateTable('volunteer_profile')
        .set({ skills: '["朗诵"]' })
        .where('account_id', '=', adult.accountId)
        .execute()
      await createSignup(db, shiftId, adult.accountId)
      await createSignup(db, shiftId, teen.accountId)
      await createSignup(db, fullId, adult.accountId)
      await insertSignup(db, shiftId, second.accountId, 'waitlisted', 2)
      await insertSignup(db, shiftId, first.accountId, 'waitlisted', 1)

      const roster = await getRoster(db, coordinator, shiftId, new Date('2026-11-28T00:00:00Z'))
      expect(roster.confirmed.map((r) => [r.name, r.phone, r.requirements.all])).toEqual([
        [adult.name, '13912345678', true],
        [teen.name, expect.any(String), false],
      ])
      expect(roster.confirmed[1]!.requirements).toMatchObject({ age: false, skill: false, training: null })
      expect(roster.waitlist.map((r) => r.name)).toEqual([first.name, second.name])
      expect(JSON.stringify(roster)).not.toContain(
        (await db.selectFrom('shift').select('check_in_secret').where('id', '=', shiftId).executeTakeFirstOrThrow())
          .check_in_secret!,
      )
      await rejects(getRoster(db, adult, shiftId, new Date()), 'errors.forbiddenTitle')

      const gaps = await listGaps(db, coordinator, {
        from: new Date('2026-12-12T00:00:00+08:00'),
        to: new Date('2026-12-13T00:00:00+08:00'),
        siteId,
      })
      expect(gaps.days.map((d) => d.day)).toEqual(['2026-12-12'])
      expect(gaps.days[0]!.shifts.map((s) => [s.id, s.missing])).toEqual([[shiftId, 1]])
      await rejects(listGaps(db, adult, { from: new Date(), to: new Date() }), 'errors.forbiddenTitle')

      const sent = await messageShiftVolunteers(
        db,
        coordinator,
        shiftId,
        '周六见，请提前十分钟到。',
        metaAt('2026-11-28T00:00:00Z'),
      )
      expect(sent).toBe(4)
      const mails = await outbox(db, 'shift-message')
      expect(mails.map((m) => m.to_address).sort()).toEqual([adult.email, teen.email, first.email, second.email].sort())
      await rejects(messageShiftVolunteers(db, adult, shiftId, 'hi', metaAt('2026-11-28')), 'errors.forbiddenTitle')
    })
  })
})
