/**
 * Every rule about who may sign up for a shift, as one pure function. The pages
 * render its answer (including why not), the "shifts I can take" filter uses it,
 * and the sign-up transaction asks it again before it writes.
 */
import type { Role } from '#db/schema'
import { ageOn, profileUsable } from '~/domain/accounts/age'
import { shanghaiDay } from '~/lib/dates'

/**
 * One reason a volunteer cannot take a shift. `code` is an i18n key under
 * `signup.reason.*`. Params named `*At` or `date` are ISO instants: the page
 * formats them in the reader's locale before passing them to `t()`.
 */
export interface Reason {
  code: ReasonCode
  params?: Record<string, string | number>
}

export const REASON_CODES = [
  'signup.reason.notVolunteer',
  'signup.reason.shiftCancelled',
  'signup.reason.shiftStarted',
  'signup.reason.windowNotOpen',
  'signup.reason.windowClosed',
  'signup.reason.emailNotVerified',
  'signup.reason.guardianConsentMissing',
  'signup.reason.birthDateUnknown',
  'signup.reason.tooYoung',
  'signup.reason.trainingRequired',
  'signup.reason.skillRequired',
  'signup.reason.insuranceRequired',
  'signup.reason.overlap',
  'signup.reason.alreadySignedUp',
] as const
export type ReasonCode = (typeof REASON_CODES)[number]

export interface ShiftFacts {
  id: number
  status: 'open' | 'cancelled'
  starts_at: string
  ends_at: string
  capacity: number
  confirmed_count: number
  min_age: number | null
  required_skill: string | null
  required_training_id: number | null
  /** The required training's name, for the message. */
  required_training_name: string | null
  /** The shift's activity requires accident insurance (志愿服务条例 Art. 17). */
  requires_insurance: boolean
  signup_opens_at: string | null
  signup_closes_at: string | null
}

export interface VolunteerFacts {
  role: Role
  emailVerified: boolean
  /** Null when the account has no volunteer profile. */
  birthDate: string | null
  guardianConsentOn: string | null
  skills: readonly string[]
  completedTrainingIds: readonly number[]
  /** Days covered by the group accident-insurance policies naming this volunteer. */
  insuranceCover: readonly InsuranceCover[]
}

export interface InsuranceCover {
  from: string
  until: string
}

export interface OverlapFacts {
  shiftId: number
  placeName: string | null
  startsAt: string
  endsAt: string
}

export interface EligibilityFacts {
  now: Date
  shift: ShiftFacts
  volunteer: VolunteerFacts
  /** The volunteer's active (confirmed or waitlisted) sign-up on this shift. */
  ownSignup: { id: number; status: 'confirmed' | 'waitlisted' } | null
  /** Their other active sign-ups, on open shifts, whose time overlaps this one. */
  overlaps: readonly OverlapFacts[]
  /**
   * `offer`: taking a place someone offers. The sign-up window does not apply
   * (the place is swapped, not added), and a waitlisted sign-up on this shift
   * may take it.
   */
  purpose?: 'signup' | 'offer'
}

export interface Eligibility {
  eligible: boolean
  reasons: Reason[]
  /** Eligible but full: signing up puts them on the waitlist. */
  wouldWaitlist: boolean
  /** Their active sign-up on this shift, if any (reason `alreadySignedUp`). */
  existingSignup: { id: number; status: 'confirmed' | 'waitlisted' } | null
}

/** Which of a shift's own requirements a volunteer meets; null: the shift has no such requirement. */
export interface RequirementCheck {
  age: boolean | null
  skill: boolean | null
  training: boolean | null
  insurance: boolean | null
  all: boolean
}

const normaliseSkill = (skill: string) => skill.trim().toLowerCase()

/**
 * The shift's own requirements (age on the day, skill, training, accident
 * insurance covering its days), the one check the sign-up rules, the roster's
 * flags and the seat module all use. Skills compare without case or surrounding spaces.
 */
export function meetsRequirements(
  shift: Pick<
    ShiftFacts,
    'starts_at' | 'ends_at' | 'min_age' | 'required_skill' | 'required_training_id' | 'requires_insurance'
  >,
  volunteer: Pick<VolunteerFacts, 'birthDate' | 'skills' | 'completedTrainingIds' | 'insuranceCover'>,
): RequirementCheck {
  const age =
    shift.min_age === null || shift.min_age <= 0
      ? null
      : volunteer.birthDate !== null && ageOn(volunteer.birthDate, shanghaiDay(shift.starts_at)) >= shift.min_age
  const wanted = shift.required_skill === null ? '' : normaliseSkill(shift.required_skill)
  const skill = wanted === '' ? null : volunteer.skills.some((s) => normaliseSkill(s) === wanted)
  const training =
    shift.required_training_id === null ? null : volunteer.completedTrainingIds.includes(shift.required_training_id)
  const first = shanghaiDay(shift.starts_at)
  const last = shanghaiDay(shift.ends_at)
  const insurance = !shift.requires_insurance
    ? null
    : volunteer.insuranceCover.some((cover) => cover.from <= first && cover.until >= last)
  return {
    age,
    skill,
    training,
    insurance,
    all: age !== false && skill !== false && training !== false && insurance !== false,
  }
}

/** Whether this volunteer may take this shift now, and every reason why not. */
export function evaluateEligibility(facts: EligibilityFacts): Eligibility {
  const { shift, volunteer, now } = facts
  const purpose = facts.purpose ?? 'signup'
  const reasons: Reason[] = []
  const nowMs = now.getTime()

  if (volunteer.role !== 'volunteer') reasons.push({ code: 'signup.reason.notVolunteer' })

  if (shift.status === 'cancelled') reasons.push({ code: 'signup.reason.shiftCancelled' })
  else if (Date.parse(shift.starts_at) <= nowMs) reasons.push({ code: 'signup.reason.shiftStarted' })
  else if (purpose === 'signup') {
    if (shift.signup_opens_at !== null && Date.parse(shift.signup_opens_at) > nowMs) {
      reasons.push({ code: 'signup.reason.windowNotOpen', params: { date: shift.signup_opens_at } })
    } else if (shift.signup_closes_at !== null && Date.parse(shift.signup_closes_at) <= nowMs) {
      reasons.push({ code: 'signup.reason.windowClosed', params: { date: shift.signup_closes_at } })
    }
  }

  if (volunteer.role === 'volunteer') {
    if (!volunteer.emailVerified) reasons.push({ code: 'signup.reason.emailNotVerified' })

    const today = shanghaiDay(now)
    const profile = { birth_date: volunteer.birthDate, guardian_consent_on: volunteer.guardianConsentOn }
    if (!profileUsable(profile, today)) reasons.push({ code: 'signup.reason.guardianConsentMissing' })

    const met = meetsRequirements(shift, volunteer)
    if (met.age === false) {
      reasons.push({
        code: volunteer.birthDate === null ? 'signup.reason.birthDateUnknown' : 'signup.reason.tooYoung',
        params: { minAge: shift.min_age! },
      })
    }
    if (met.training === false) {
      reasons.push({
        code: 'signup.reason.trainingRequired',
        params: { training: shift.required_training_name ?? String(shift.required_training_id) },
      })
    }
    if (met.skill === false) {
      reasons.push({ code: 'signup.reason.skillRequired', params: { skill: shift.required_skill!.trim() } })
    }
    if (met.insurance === false) {
      reasons.push({ code: 'signup.reason.insuranceRequired', params: { date: shift.starts_at } })
    }

    const startMs = Date.parse(shift.starts_at)
    const endMs = Date.parse(shift.ends_at)
    const clash = facts.overlaps
      .filter((o) => o.shiftId !== shift.id && Date.parse(o.startsAt) < endMs && Date.parse(o.endsAt) > startMs)
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.shiftId - b.shiftId)[0]
    if (clash) {
      reasons.push({
        code: 'signup.reason.overlap',
        params: {
          place: clash.placeName ?? '',
          startsAt: clash.startsAt,
          endsAt: clash.endsAt,
          shiftId: clash.shiftId,
        },
      })
    }
  }

  const own = facts.ownSignup
  // Taking an offered place from the waitlist of the same shift is the point of an offer.
  if (own && !(purpose === 'offer' && own.status === 'waitlisted')) {
    reasons.push({ code: 'signup.reason.alreadySignedUp', params: { status: own.status } })
  }

  const eligible = reasons.length === 0
  return {
    eligible,
    reasons,
    wouldWaitlist: eligible && purpose === 'signup' && shift.confirmed_count >= shift.capacity,
    existingSignup: own,
  }
}
