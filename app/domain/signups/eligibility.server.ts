/**
 * Gathers what evaluateEligibility needs for one volunteer and many shifts in
 * four queries, whatever the number of shifts (a calendar page of 500 is fine).
 */
import { sql, type Kysely } from 'kysely'
import type { DB, Locale } from '#db/schema'
import type { Actor } from '~/domain/actor'
import { ACTIVE_SIGNUP_STATUSES, placeName, shiftWithPlace } from '~/domain/shifts/queries.server'
import {
  evaluateEligibility,
  type Eligibility,
  type InsuranceCover,
  type OverlapFacts,
  type VolunteerFacts,
} from './eligibility'

/** On a query built on shiftWithPlace: the shift's activity requires accident insurance. */
export const requiresInsurance = sql<number>`coalesce(a.requires_insurance, 0)`

/** Whether a shift of this activity needs its volunteers insured. */
export async function activityRequiresInsurance(db: Kysely<DB>, activityId: number | null): Promise<boolean> {
  if (activityId === null) return false
  const row = await db
    .selectFrom('activity')
    .select('requires_insurance')
    .where('id', '=', activityId)
    .executeTakeFirst()
  return row?.requires_insurance === 1
}

/** The days each account's group accident-insurance policies cover. */
export async function loadInsuranceCover(
  db: Kysely<DB>,
  accountIds: readonly number[],
): Promise<Map<number, InsuranceCover[]>> {
  const cover = new Map<number, InsuranceCover[]>()
  if (accountIds.length === 0) return cover
  const rows = await db
    .selectFrom('insurance_cover as c')
    .innerJoin('insurance_policy as p', 'p.id', 'c.policy_id')
    .select(['c.account_id', 'p.covers_from', 'p.covers_until'])
    .where('c.account_id', 'in', [...new Set(accountIds)])
    .execute()
  for (const row of rows) {
    const list = cover.get(row.account_id) ?? []
    list.push({ from: String(row.covers_from), until: String(row.covers_until) })
    cover.set(row.account_id, list)
  }
  return cover
}

/**
 * Volunteer facts of one account; null when the account does not exist or is not active.
 * `needs`, when given, says which facts the caller's shifts ask about: only those trainings'
 * completions, insurance cover only when one requires it (most shifts need neither query).
 */
export async function loadVolunteerFacts(
  db: Kysely<DB>,
  accountId: number,
  needs?: { trainingIds: readonly number[]; insurance: boolean },
): Promise<VolunteerFacts | null> {
  const account = await db
    .selectFrom('account')
    .leftJoin('volunteer_profile as vp', 'vp.account_id', 'account.id')
    .select([
      'account.role',
      'account.status',
      'account.email_verified_at',
      'vp.birth_date',
      'vp.guardian_consent_on',
      'vp.skills',
    ])
    .where('account.id', '=', accountId)
    .executeTakeFirst()
  if (!account || account.status !== 'active') return null
  let completions = db.selectFrom('training_completion').select('training_id').where('account_id', '=', accountId)
  if (needs) completions = completions.where('training_id', 'in', needs.trainingIds)
  const trainings = needs?.trainingIds.length === 0 ? [] : await completions.execute()
  const cover =
    needs?.insurance === false ? new Map<number, InsuranceCover[]>() : await loadInsuranceCover(db, [accountId])
  return {
    role: account.role,
    emailVerified: account.email_verified_at !== null,
    birthDate: account.birth_date ?? null,
    guardianConsentOn: account.guardian_consent_on ?? null,
    skills: parseSkills(account.skills),
    completedTrainingIds: trainings.map((t) => t.training_id),
    insuranceCover: cover.get(accountId) ?? [],
  }
}

export function parseSkills(json: string | null | undefined): string[] {
  if (!json) return []
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  } catch {
    return []
  }
}

/**
 * Eligibility of `actor` for each of `shiftIds` at `now`; shifts that do not
 * exist are absent from the map. `purpose: 'offer'` evaluates taking an offered place.
 */
export async function loadEligibility(
  db: Kysely<DB>,
  actor: Pick<Actor, 'accountId' | 'role'>,
  shiftIds: readonly number[],
  now: Date,
  options: { purpose?: 'signup' | 'offer' } = {},
): Promise<Map<number, Eligibility>> {
  const result = new Map<number, Eligibility>()
  const ids = [...new Set(shiftIds)]
  if (ids.length === 0) return result

  const shifts = await shiftWithPlace(db)
    .select([
      'shift.id',
      'shift.status',
      'shift.starts_at',
      'shift.ends_at',
      'shift.capacity',
      'shift.confirmed_count',
      'shift.min_age',
      'shift.required_skill',
      'shift.required_training_id',
      'tr.name as required_training_name',
      requiresInsurance.as('requires_insurance'),
      'shift.signup_opens_at',
      'shift.signup_closes_at',
    ])
    .where('shift.id', 'in', ids)
    .execute()
  if (shifts.length === 0) return result

  const requiredTrainingIds = [
    ...new Set(shifts.flatMap((s) => (s.required_training_id === null ? [] : [s.required_training_id]))),
  ]
  const needs = { trainingIds: requiredTrainingIds, insurance: shifts.some((s) => Number(s.requires_insurance) === 1) }
  const volunteer: VolunteerFacts = (await loadVolunteerFacts(db, actor.accountId, needs)) ?? {
    // A missing or inactive account is treated as "not a volunteer".
    role: actor.role === 'volunteer' ? 'partner_contact' : actor.role,
    emailVerified: false,
    birthDate: null,
    guardianConsentOn: null,
    skills: [],
    completedTrainingIds: [],
    insuranceCover: [],
  }

  // Their active sign-ups on open shifts within the time span of the requested shifts.
  const from = shifts.reduce((min, s) => (s.starts_at < min ? s.starts_at : min), shifts[0]!.starts_at)
  const until = shifts.reduce((max, s) => (s.ends_at > max ? s.ends_at : max), shifts[0]!.ends_at)
  const mine = await shiftWithPlace(db)
    .innerJoin('signup as su', 'su.shift_id', 'shift.id')
    .select([
      'su.id as signup_id',
      'su.status as signup_status',
      'shift.id as shift_id',
      'shift.starts_at',
      'shift.ends_at',
      placeName.as('place_name'),
    ])
    .where('su.volunteer_id', '=', actor.accountId)
    .where('su.status', 'in', ACTIVE_SIGNUP_STATUSES)
    .where('shift.status', '=', 'open')
    .where('shift.starts_at', '<', until)
    .where('shift.ends_at', '>', from)
    .execute()

  for (const shift of shifts) {
    const own = mine.find((m) => m.shift_id === shift.id)
    const overlaps: OverlapFacts[] = mine
      .filter((m) => m.shift_id !== shift.id && m.starts_at < shift.ends_at && m.ends_at > shift.starts_at)
      .map((m) => ({ shiftId: m.shift_id, placeName: m.place_name, startsAt: m.starts_at, endsAt: m.ends_at }))
    result.set(
      shift.id,
      evaluateEligibility({
        now,
        shift: {
          ...shift,
          required_training_name: shift.required_training_name ?? null,
          requires_insurance: Number(shift.requires_insurance) === 1,
        },
        volunteer,
        ownSignup: own
          ? { id: own.signup_id, status: own.signup_status === 'confirmed' ? 'confirmed' : 'waitlisted' }
          : null,
        overlaps,
        purpose: options.purpose,
      }),
    )
  }
  return result
}

export interface VolunteerRecipient {
  id: number
  name: string
  email: string
  locale: Locale
}

/**
 * Volunteers who may take a place on this shift now (an offered place): those
 * on its waitlist first, in order, then other active, verified volunteers who
 * meet every rule, by account id. At most `limit`.
 */
export async function eligibleVolunteersForShift(
  db: Kysely<DB>,
  shiftId: number,
  now: Date,
  options: { limit: number; excludeAccountIds?: readonly number[] },
): Promise<VolunteerRecipient[]> {
  const shift = await shiftWithPlace(db)
    .select([
      'shift.id',
      'shift.status',
      'shift.starts_at',
      'shift.ends_at',
      'shift.capacity',
      'shift.confirmed_count',
      'shift.min_age',
      'shift.required_skill',
      'shift.required_training_id',
      'tr.name as required_training_name',
      requiresInsurance.as('requires_insurance'),
      'shift.signup_opens_at',
      'shift.signup_closes_at',
    ])
    .where('shift.id', '=', shiftId)
    .executeTakeFirst()
  if (!shift || options.limit <= 0) return []
  const exclude = [...(options.excludeAccountIds ?? []), 0]

  const people = () =>
    db
      .selectFrom('account')
      .select(['account.id', 'account.name', 'account.email', 'account.locale'])
      .where('account.role', '=', 'volunteer')
      .where('account.status', '=', 'active')
      .where('account.email_verified_at', 'is not', null)
      .where('account.id', 'not in', exclude)
  const waiting = await people()
    .innerJoin('signup as su', 'su.volunteer_id', 'account.id')
    .select('su.id as signup_id')
    .where('su.shift_id', '=', shiftId)
    .where('su.status', '=', 'waitlisted')
    .orderBy('su.waitlist_position')
    .limit(options.limit)
    .execute()
  let others = people().where(({ not, exists, selectFrom }) =>
    not(
      exists(
        selectFrom('signup as mine')
          .select('mine.id')
          .whereRef('mine.volunteer_id', '=', 'account.id')
          .where('mine.status', '<>', 'cancelled')
          .where((eb) =>
            eb.or([
              eb('mine.shift_id', '=', shiftId),
              eb.exists(
                eb
                  .selectFrom('shift as other')
                  .select('other.id')
                  .whereRef('other.id', '=', 'mine.shift_id')
                  .where('other.status', '=', 'open')
                  .where('other.starts_at', '<', shift.ends_at)
                  .where('other.ends_at', '>', shift.starts_at),
              ),
            ]),
          ),
      ),
    ),
  )
  if (shift.required_training_id !== null) {
    const trainingId = shift.required_training_id
    others = others.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('training_completion as tc')
          .select('tc.account_id')
          .whereRef('tc.account_id', '=', 'account.id')
          .where('tc.training_id', '=', trainingId),
      ),
    )
  }
  // Age, consent and skill are checked below; fetch a few more than needed.
  const more = await others
    .orderBy('account.id')
    .limit(options.limit * 4)
    .execute()

  const candidates = [...waiting, ...more.map((m) => ({ ...m, signup_id: null as number | null }))]
  if (candidates.length === 0) return []
  const ids = candidates.map((c) => c.id)
  const profiles = await db
    .selectFrom('volunteer_profile')
    .select(['account_id', 'birth_date', 'guardian_consent_on', 'skills'])
    .where('account_id', 'in', ids)
    .execute()
  const trainings = await db
    .selectFrom('training_completion')
    .select(['account_id', 'training_id'])
    .where('account_id', 'in', ids)
    .execute()
  const cover = await loadInsuranceCover(db, ids)

  const chosen: VolunteerRecipient[] = []
  for (const candidate of candidates) {
    if (chosen.length >= options.limit) break
    const profile = profiles.find((p) => p.account_id === candidate.id)
    const verdict = evaluateEligibility({
      now,
      shift: {
        ...shift,
        required_training_name: shift.required_training_name ?? null,
        requires_insurance: Number(shift.requires_insurance) === 1,
      },
      volunteer: {
        role: 'volunteer',
        emailVerified: true,
        birthDate: profile?.birth_date ?? null,
        guardianConsentOn: profile?.guardian_consent_on ?? null,
        skills: parseSkills(profile?.skills),
        completedTrainingIds: trainings.filter((t) => t.account_id === candidate.id).map((t) => t.training_id),
        insuranceCover: cover.get(candidate.id) ?? [],
      },
      ownSignup: candidate.signup_id === null ? null : { id: candidate.signup_id, status: 'waitlisted' },
      // Waitlisted people cannot hold an overlapping sign-up; the others were filtered in the query.
      overlaps: [],
      purpose: 'offer',
    })
    if (verdict.eligible)
      chosen.push({ id: candidate.id, name: candidate.name, email: candidate.email, locale: candidate.locale })
  }
  return chosen
}
