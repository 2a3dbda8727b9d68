/**
 * Test data made the way the app makes it: shifts through the planning domain
 * (createShift / createSeries), places through signUp / addToShift, so the
 * stored counts and waitlist positions are the seat module's, never bumped by hand.
 */
import type { Kysely } from 'kysely'
import type { DB } from '#db/schema'
import type { Actor } from '~/domain/actor'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import { createSeries } from '~/domain/planning/series.server'
import { createShift } from '~/domain/planning/shifts.server'
import type { SingleShiftInput } from '~/domain/planning/schema'
import { signUp, type SignUpResult } from '~/domain/signups/sign-up.server'
import { addToShift } from '~/domain/signups/staff-actions.server'
import { shanghaiDay } from '~/lib/dates'
import { createAccount, createSite, type AccountSpec, type TestAccount } from '../integration/accounts/helpers'

export const APP_ORIGIN = 'https://tongxing.example.org'
const DAY = 86_400_000

export const metaNow = (now = new Date()): RequestMeta => ({ now, ip: '127.0.0.1', appOrigin: APP_ORIGIN })

export function actorOf(account: TestAccount): Actor {
  return {
    accountId: account.id,
    role: account.role,
    partnerOrganisationId: null,
    name: account.name,
    email: account.email,
    locale: 'zh-CN',
    emailVerified: true,
  }
}

export interface Person {
  account: TestAccount
  actor: Actor
}

/** A verified adult volunteer (or what `spec` says), with their skills if given. */
export async function makeVolunteer(db: Kysely<DB>, spec: AccountSpec & { skills?: string[] } = {}): Promise<Person> {
  const { skills, ...account } = spec
  const made = await createAccount(db, { role: 'volunteer', ...account })
  if (skills) {
    await db
      .updateTable('volunteer_profile')
      .set({ skills: JSON.stringify(skills) })
      .where('account_id', '=', made.id)
      .execute()
  }
  return { account: made, actor: actorOf(made) }
}

export async function makeStaff(db: Kysely<DB>, role: 'coordinator' | 'admin' = 'coordinator'): Promise<Person> {
  const made = await createAccount(db, { role })
  return { account: made, actor: actorOf(made) }
}

export type ShiftSpec = Partial<Omit<SingleShiftInput, 'kind'>> & { daysAhead?: number }

const defaults = (siteId: number) => ({
  siteId,
  activityId: null,
  role: 'lending_desk' as const,
  title: null,
  startTime: '09:00',
  endTime: '12:00',
  capacity: 1,
  minAge: null,
  requiredSkill: null,
  requiredTrainingId: null,
  opensDaysBefore: null,
  closesHoursBefore: null,
  cancelCutoffHours: 0,
  whatToBring: null,
  notes: null,
})

/** A shift planned by a coordinator, `daysAhead` days from now (Shanghai day), capacity 1 unless told. */
export async function makeShift(db: Kysely<DB>, staff: Actor, spec: ShiftSpec = {}): Promise<number> {
  const { daysAhead = 10, ...input } = spec
  const day = input.day ?? shanghaiDay(new Date(Date.now() + daysAhead * DAY))
  const siteId = input.siteId ?? (await createSite(db))
  return createShift(db, staff, { kind: 'single', ...defaults(siteId), ...input, siteId, day }, metaNow())
}

/** A weekly series on `weekday` over the next `weeks` weeks; its shift ids in order. */
export async function makeSeries(
  db: Kysely<DB>,
  staff: Actor,
  spec: { weeks?: number; capacity?: number } = {},
): Promise<{ seriesId: number; shiftIds: number[] }> {
  const first = new Date(Date.now() + 7 * DAY)
  const weekday = (new Date(first.getTime() + 8 * 3_600_000).getUTCDay() || 7) as 1 | 2 | 3 | 4 | 5 | 6 | 7
  const siteId = await createSite(db)
  const result = await createSeries(
    db,
    staff,
    {
      kind: 'series',
      ...defaults(siteId),
      capacity: spec.capacity ?? 1,
      weekday,
      firstDay: shanghaiDay(first),
      lastDay: shanghaiDay(new Date(first.getTime() + ((spec.weeks ?? 3) - 1) * 7 * DAY)),
      skipPublicHolidays: false,
    },
    metaNow(),
  )
  return { seriesId: result.seriesId, shiftIds: result.shiftIds }
}

export const signUpFor = (db: Kysely<DB>, who: Person, shiftId: number, now?: Date): Promise<SignUpResult> =>
  signUp(db, who.actor, shiftId, metaNow(now))

export const addByHand = (db: Kysely<DB>, staff: Person, shiftId: number, who: Person): Promise<SignUpResult> =>
  addToShift(db, staff.actor, shiftId, who.account.id, 'test', metaNow())
