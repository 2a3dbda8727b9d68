/**
 * The shift's own requirements are checked once (meetsRequirements): the
 * sign-up rules and the roster's flags give the same answer for the same volunteer.
 */
import { describe, expect, it } from 'vitest'
import { checkRequirements } from '~/domain/planning/roster.server'
import { evaluateEligibility, meetsRequirements, type ShiftFacts } from '~/domain/signups/eligibility'

const shift: ShiftFacts = {
  id: 1,
  status: 'open',
  starts_at: '2030-06-01T01:00:00.000Z',
  ends_at: '2030-06-01T04:00:00.000Z',
  capacity: 5,
  confirmed_count: 0,
  min_age: null,
  required_skill: null,
  required_training_id: null,
  required_training_name: null,
  requires_insurance: false,
  signup_opens_at: null,
  signup_closes_at: null,
}

const volunteer = {
  role: 'volunteer' as const,
  emailVerified: true,
  birthDate: '1990-01-01' as string | null,
  guardianConsentOn: null,
  skills: [] as string[],
  completedTrainingIds: [] as number[],
  insuranceCover: [] as { from: string; until: string }[],
}

function bothSay(s: ShiftFacts, v: typeof volunteer) {
  const rules = evaluateEligibility({
    now: new Date('2030-01-01T00:00:00Z'),
    shift: s,
    volunteer: v,
    ownSignup: null,
    overlaps: [],
  })
  const requirementReasons = rules.reasons.filter((r) =>
    [
      'signup.reason.tooYoung',
      'signup.reason.birthDateUnknown',
      'signup.reason.skillRequired',
      'signup.reason.trainingRequired',
      'signup.reason.insuranceRequired',
    ].includes(r.code),
  )
  const roster = checkRequirements(s, {
    birth_date: v.birthDate,
    skills: JSON.stringify(v.skills),
    trainingIds: v.completedTrainingIds,
    insuranceCover: v.insuranceCover,
  })
  return { rulesMet: requirementReasons.length === 0, roster }
}

describe('meetsRequirements', () => {
  it('matches skills without case or surrounding spaces, on both sides', () => {
    const s = { ...shift, required_skill: 'sign language' }
    expect(meetsRequirements(s, { ...volunteer, skills: ['  Sign Language '] }).skill).toBe(true)
    expect(
      meetsRequirements({ ...s, required_skill: '  SIGN language ' }, { ...volunteer, skills: ['sign language'] })
        .skill,
    ).toBe(true)
    expect(meetsRequirements(s, { ...volunteer, skills: ['sign'] }).skill).toBe(false)
    expect(meetsRequirements({ ...s, required_skill: '   ' }, volunteer).skill).toBeNull()
  })

  it('checks age on the shift’s day in Shanghai, and training', () => {
    const s = { ...shift, min_age: 18, required_training_id: 7 }
    // 18 on 2030-06-01 (Shanghai), the day the shift starts at 09:00 local.
    expect(meetsRequirements(s, { ...volunteer, birthDate: '2012-06-01', completedTrainingIds: [7] })).toEqual({
      age: true,
      skill: null,
      training: true,
      insurance: null,
      all: true,
    })
    expect(meetsRequirements(s, { ...volunteer, birthDate: '2012-06-02', completedTrainingIds: [] })).toEqual({
      age: false,
      skill: null,
      training: false,
      insurance: null,
      all: false,
    })
    expect(meetsRequirements(s, { ...volunteer, birthDate: null }).age).toBe(false)
    expect(meetsRequirements({ ...shift, min_age: 0 }, { ...volunteer, birthDate: null }).age).toBeNull()
  })

  it('the roster’s flags and the sign-up rules agree for every combination', () => {
    const shifts = [null, 'sign language', '  Sign Language '].flatMap((skill) =>
      [null, 0, 16, 18].flatMap((minAge) =>
        [null, 3].flatMap((training) =>
          [false, true].map((insured) => ({
            ...shift,
            required_skill: skill,
            min_age: minAge,
            required_training_id: training,
            requires_insurance: insured,
          })),
        ),
      ),
    )
    const people = [['  Sign Language '], ['sign language'], ['SIGN LANGUAGE', 'braille'], [], ['sign']].flatMap(
      (skills) =>
        ['1990-01-01', '2013-01-01', null].flatMap((birthDate) =>
          [[], [3]].flatMap((completedTrainingIds) =>
            [[], [{ from: '2030-05-01', until: '2030-06-30' }]].map((insuranceCover) => ({
              ...volunteer,
              skills,
              birthDate,
              completedTrainingIds,
              insuranceCover,
            })),
          ),
        ),
    )
    let disagreements = 0
    let unmet = 0
    for (const s of shifts)
      for (const v of people) {
        const { rulesMet, roster } = bothSay(s, v)
        if (rulesMet !== roster.all) disagreements++
        if (!roster.all) unmet++
      }
    expect(disagreements).toBe(0)
    // The grid really exercises both answers.
    expect(unmet).toBeGreaterThan(50)
    expect(unmet).toBeLessThan(shifts.length * people.length)
  })

  it('an activity that requires insurance needs a policy covering every day of the shift', () => {
    const s = { ...shift, requires_insurance: true }
    expect(meetsRequirements(s, volunteer)).toMatchObject({ insurance: false, all: false })
    const cover = (from: string, until: string) => ({ ...volunteer, insuranceCover: [{ from, until }] })
    expect(meetsRequirements(s, cover('2030-06-01', '2030-06-01'))).toMatchObject({ insurance: true, all: true })
    // A policy that ends the day before, or starts the day after, does not cover it.
    expect(meetsRequirements(s, cover('2030-05-01', '2030-05-31')).insurance).toBe(false)
    expect(meetsRequirements(s, cover('2030-06-02', '2030-12-31')).insurance).toBe(false)
    // Two days in the mountains: both must be covered (Shanghai days).
    const trip = { ...s, ends_at: '2030-06-02T09:00:00.000Z' }
    expect(meetsRequirements(trip, cover('2030-06-01', '2030-06-01')).insurance).toBe(false)
    expect(meetsRequirements(trip, cover('2030-06-01', '2030-06-02')).insurance).toBe(true)
    // Without the requirement a policy does not matter.
    expect(meetsRequirements(shift, volunteer).insurance).toBeNull()
  })

  it('the sign-up rules give the insurance reason with the shift’s date', () => {
    const rules = evaluateEligibility({
      now: new Date('2030-01-01T00:00:00Z'),
      shift: { ...shift, requires_insurance: true },
      volunteer,
      ownSignup: null,
      overlaps: [],
    })
    expect(rules.eligible).toBe(false)
    expect(rules.reasons).toEqual([{ code: 'signup.reason.insuranceRequired', params: { date: shift.starts_at } }])
  })
})
