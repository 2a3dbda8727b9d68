/**
 * Shifts and their sign-ups. Every shift's confirmed_count is the number of
 * its confirmed sign-ups; waitlisted sign-ups carry their position, cancelled
 * ones their time; a volunteer never holds two overlapping shifts.
 */
import { randomBytes } from 'node:crypto'
import type { ShiftRole, SignupStatus } from '../schema'
import type { TrainingName } from './library-2021'
import { ageOn, type People, type Volunteer } from './people'
import { add, type Plan, type Row } from './plan'
import type { Random } from './random'
import { addDays, addMinutes, minutesBetween, shanghaiDay, shanghaiInstant } from './time'

export const ROLE_LABEL: Record<ShiftRole, string> = {
  lending_desk: '借还服务',
  reading_guide: '导读服务',
  activity_assistant: '活动协助',
  newspaper_reading: '读报服务',
  book_handling: '图书整理',
  other: '其他服务',
}

const CANCEL_REASONS = ['临时有事', '身体不适', '家中有事', '学校临时安排考试', '单位加班', '行程冲突']

export interface ShiftInput {
  seriesId?: number | null
  siteId?: number | null
  activityId?: number | null
  role: ShiftRole
  title?: string | null
  startsAt: string
  endsAt: string
  capacity: number
  minAge?: number | null
  training?: TrainingName
  requiredSkill?: string | null
  opensAt: string | null
  closesAt: string | null
  cancelCutoffHours: number
  notes?: string | null
  contact: number
  createdBy: number
  createdAt: string
}

export interface FillPlan {
  /** Confirmed sign-ups wanted (capped by capacity and by who can come). */
  confirmed: number
  waitlisted?: number
  cancelled?: number
  /** Volunteers who must be on it, with their status. */
  include?: { volunteer: Volunteer; status: SignupStatus }[]
  /** After the shift: share of confirmed volunteers who did not come. */
  noShowRate?: number
  /** After the shift: approved hours, or still pending the coordinator. */
  hours?: 'approved' | 'pending'
}

export class ShiftBook {
  /** Busy intervals per volunteer and day, to avoid double-booking. */
  private busy = new Map<string, Map<number, [number, number][]>>()
  /** Sign-ups whose hours were approved, by the year of their shift. */
  readonly approved: { row: Row<'signup'>; year: number; shiftMinutes: number }[] = []

  /** Volunteers by the day they joined, and their running total of keenness. */
  private byJoining: Volunteer[]
  private cumulative: number[]

  constructor(
    private plan: Plan,
    private people: People,
    private r: Random,
    private now: string,
  ) {
    this.byJoining = [...people.volunteers].sort((a, b) =>
      a.registeredOn < b.registeredOn ? -1 : a.registeredOn > b.registeredOn ? 1 : a.id - b.id,
    )
    let sum = 0
    this.cumulative = this.byJoining.map((v) => (sum += v.keenness))
  }

  /**
   * Up to `n` volunteers who had joined before `day` and can take the shift, the keen ones more
   * often (weighted draws, redrawn when one cannot come); fewer when few can.
   */
  private pick(day: string, n: number, taken: Set<number>, eligible: (v: Volunteer) => boolean): Volunteer[] {
    let joined = 0
    for (let lo = 0, hi = this.byJoining.length; lo < hi;) {
      const mid = (lo + hi) >> 1
      if (this.byJoining[mid]!.registeredOn < day) lo = joined = mid + 1
      else hi = mid
    }
    const out: Volunteer[] = []
    if (joined === 0) return out
    const total = this.cumulative[joined - 1]!
    for (let tries = 0; out.length < n && tries < 40 * n; tries++) {
      const x = this.r.next() * total
      let lo = 0
      let hi = joined - 1
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (this.cumulative[mid]! > x) hi = mid
        else lo = mid + 1
      }
      const v = this.byJoining[lo]!
      if (taken.has(v.id) || !eligible(v)) continue
      taken.add(v.id)
      out.push(v)
    }
    return out
  }

  addShift(input: ShiftInput, fill: FillPlan): number {
    const confirmedWanted = Math.min(input.capacity, Math.max(0, fill.confirmed))
    const day = shanghaiDay(input.startsAt)
    const start = Date.parse(input.startsAt)
    const end = Date.parse(input.endsAt)
    const eligible = (v: Volunteer) =>
      v.registeredOn < day &&
      (!input.training || (v.trainings.get(input.training) ?? '9999') <= day) &&
      (input.minAge
        ? ageOn(v.birthDate, day) >= input.minAge
        : v.kind !== 'minor' || input.role === 'activity_assistant') &&
      !this.overlaps(v.id, day, start, end)

    const chosen: { v: Volunteer; status: SignupStatus }[] = []
    const taken = new Set<number>()
    for (const inc of fill.include ?? []) {
      if (!eligible(inc.volunteer)) continue
      chosen.push({ v: inc.volunteer, status: inc.status })
      taken.add(inc.volunteer.id)
    }
    const count = (s: SignupStatus) => chosen.filter((c) => c.status === s).length
    const wanted: [SignupStatus, number][] = [
      ['confirmed', confirmedWanted - count('confirmed')],
      ['waitlisted', (fill.waitlisted ?? 0) - count('waitlisted')],
      ['cancelled', (fill.cancelled ?? 0) - count('cancelled')],
    ]
    for (const [status, n] of wanted) {
      for (const v of this.pick(day, n, taken, eligible)) chosen.push({ v, status })
    }
    // Never more confirmed than seats, and a waitlist only behind a full shift.
    if (count('confirmed') > input.capacity) throw new Error('seed: more confirmed sign-ups than seats')
    let seats = input.capacity - count('confirmed')
    for (const c of chosen) {
      if (c.status === 'waitlisted' && seats > 0) {
        c.status = 'confirmed'
        seats--
      }
    }

    const shiftId = add(this.plan, 'shift', {
      series_id: input.seriesId ?? null,
      site_id: input.siteId ?? null,
      activity_id: input.activityId ?? null,
      role: input.role,
      title: input.title ?? null,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      capacity: input.capacity,
      confirmed_count: chosen.filter((c) => c.status === 'confirmed').length,
      min_age: input.minAge ?? null,
      required_skill: input.requiredSkill ?? null,
      required_training_id: input.training ? this.people.training.get(input.training)! : null,
      signup_opens_at: input.opensAt,
      signup_closes_at: input.closesAt,
      cancel_cutoff_hours: input.cancelCutoffHours,
      notes: input.notes ?? null,
      contact_account_id: input.contact,
      check_in_secret: randomBytes(32).toString('base64url'),
      status: 'open',
      created_by: input.createdBy,
      created_at: input.createdAt,
      updated_at: input.createdAt,
    })

    // Sign-ups arrive between the window opening (or the shift's creation) and now / the close.
    const from = Date.parse(input.opensAt ?? input.createdAt)
    const until = Math.min(Date.parse(input.closesAt ?? input.startsAt), Date.parse(this.now), start) - 60_000
    const signupTimes = chosen
      .map(() => from + Math.floor(this.r.next() * Math.max(60_000, until - from)))
      .sort((a, b) => a - b)
    // Confirmed first (they came first), then the waitlist in order; cancellations anywhere.
    const ordered = [
      ...chosen.filter((c) => c.status === 'confirmed'),
      ...chosen.filter((c) => c.status === 'waitlisted'),
    ]
    const cancelled = chosen.filter((c) => c.status === 'cancelled')
    const times = new Map<Volunteer, number>()
    ordered.forEach((c, i) => times.set(c.v, signupTimes[i]!))
    cancelled.forEach((c, i) => times.set(c.v, signupTimes[ordered.length + i]!))

    const ended = end <= Date.parse(this.now)
    const started = start <= Date.parse(this.now)
    const shiftMinutes = minutesBetween(input.startsAt, input.endsAt)
    let position = 0
    for (const c of [...ordered, ...cancelled]) {
      const createdAt = new Date(Math.max(from, Math.min(times.get(c.v)!, until))).toISOString()
      const row: Row<'signup'> = {
        shift_id: shiftId,
        volunteer_id: c.v.id,
        status: c.status,
        waitlist_position: c.status === 'waitlisted' ? ++position : null,
        attendance: 'pending',
        checked_in_at: null,
        checked_out_at: null,
        service_minutes: null,
        hours_status: 'none',
        hours_override_reason: null,
        hours_approved_by: null,
        hours_approved_at: null,
        cancelled_at: null,
        cancel_reason: null,
        created_at: createdAt,
        updated_at: createdAt,
      }
      if (c.status === 'cancelled') {
        const latest = Math.min(start - 3_600_000, Date.parse(this.now) - 60_000)
        const at = Math.max(
          Date.parse(createdAt) + 60_000,
          Math.min(latest, Date.parse(createdAt) + this.r.int(1, 72) * 3_600_000),
        )
        row.cancelled_at = new Date(at).toISOString()
        row.cancel_reason = this.r.pick(CANCEL_REASONS)
        row.updated_at = row.cancelled_at
      } else if (c.status === 'confirmed') {
        this.markBusy(c.v.id, day, start, end)
        if (ended) this.recordAttendance(row, input, fill, shiftMinutes)
        else if (started) {
          const checkIn = Math.min(start + this.r.int(-10, 5) * 60_000, Date.parse(this.now) - 60_000)
          row.checked_in_at = new Date(checkIn).toISOString()
          row.updated_at = row.checked_in_at
        }
      }
      add(this.plan, 'signup', row)
    }
    return shiftId
  }

  private recordAttendance(row: Row<'signup'>, input: ShiftInput, fill: FillPlan, shiftMinutes: number) {
    if (this.r.chance(fill.noShowRate ?? 0.04)) {
      row.attendance = 'no_show'
      row.updated_at = addMinutes(input.endsAt, 30)
      return
    }
    row.attendance = 'attended'
    const late = this.r.pick([-10, -5, 0, 0, 0, 5, 10])
    const early = this.r.pick([0, 0, 0, 0, 0, 10, 15, 30])
    const minutes = Math.max(30, shiftMinutes - Math.max(0, late) - early)
    row.service_minutes = minutes
    if (this.r.chance(0.8)) {
      row.checked_in_at = addMinutes(input.startsAt, late)
      row.checked_out_at = addMinutes(row.checked_in_at, minutes)
    } else {
      // No check-in on the day (an outreach trip, a flat phone): the coordinator enters the time.
      row.hours_override_reason = this.r.pick([
        '负责人根据现场签到表补录',
        '外出服务，负责人现场确认时长',
        '手机未能签到，负责人确认',
      ])
    }
    row.updated_at = row.checked_out_at ?? addMinutes(input.endsAt, 60)
    if (fill.hours === 'pending') {
      row.hours_status = 'pending'
      return
    }
    const approvedAt = shanghaiInstant(
      addDays(shanghaiDay(input.endsAt), this.r.int(1, 3)),
      `${this.r.int(9, 17)}:${String(this.r.step(0, 55, 5)).padStart(2, '0')}`,
    )
    if (Date.parse(approvedAt) > Date.parse(this.now)) {
      row.hours_status = 'pending'
      return
    }
    row.hours_status = 'approved'
    row.hours_approved_by = input.contact
    row.hours_approved_at = approvedAt
    row.updated_at = approvedAt
    this.approved.push({ row, year: Number(shanghaiDay(input.startsAt).slice(0, 4)), shiftMinutes })
  }

  private overlaps(volunteer: number, day: string, start: number, end: number): boolean {
    const list = this.busy.get(day)?.get(volunteer)
    return list !== undefined && list.some(([s, e]) => s < end && start < e)
  }

  private markBusy(volunteer: number, day: string, start: number, end: number) {
    let byVolunteer = this.busy.get(day)
    if (!byVolunteer) this.busy.set(day, (byVolunteer = new Map()))
    const list = byVolunteer.get(volunteer) ?? []
    list.push([start, end])
    byVolunteer.set(volunteer, list)
  }

  /**
   * Moves approved service minutes of `year` (5 minutes at a time, at most 30 per sign-up) until
   * they add up to `hours` exactly, keeping check-out = check-in + minutes.
   */
  settleHours(year: number, hours: number) {
    const rows = this.approved.filter((a) => a.year === year)
    let diff = hours * 60 - rows.reduce((sum, a) => sum + (a.row.service_minutes ?? 0), 0)
    if (Math.abs(diff) > rows.length * 30) {
      throw new Error(
        `seed: ${year}'s approved hours are ${Math.abs(diff) / 60} h away from ${hours} h; recalibrate the target`,
      )
    }
    const order = this.r.shuffle(rows)
    for (let pass = 0; diff !== 0 && pass < 6; pass++) {
      for (const a of order) {
        if (diff === 0) break
        const step = diff > 0 ? 5 : -5
        const next = (a.row.service_minutes ?? 0) + step
        if (next < 30 || next > a.shiftMinutes + 30) continue
        a.row.service_minutes = next
        if (a.row.checked_in_at) a.row.checked_out_at = addMinutes(a.row.checked_in_at, next)
        diff -= step
      }
    }
    if (diff !== 0) throw new Error(`seed: could not settle ${year}'s hours (${diff} min left)`)
  }
}
