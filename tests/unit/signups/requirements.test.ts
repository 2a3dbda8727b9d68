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
    ].includes(r.code),
  )
  const roster = checkRequirements(s, {
    birth_date: v.birthDate,
    skills: JSON.stringify(v.skills),
    trainingIds: v.completedTrainingIds,
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
      all: true,
    })
    expect(meetsRequirements(s, { ...volunteer, birthDate: '2012-06-02', completedTrainingIds: [] })).toEqual({
      age: false,
      skill: null,
      training: false,
      all: false,
    })
    expect(meetsRequirements(s, { ...volunteer, birthDate: null }).age).toBe(false)
    expect(meetsRequirements({ ...shift, min_age: 0 }, { ...volunteer, birthDate: null }).age).toBeNull()
  })

  it('the roster’s flags and the sign-up rules agree for every combination', () => {
    const shifts = [null, 'sign language', '  Sign Language '].flatMap((skill) =>
      [null, 0, 16, 18].flatMap((minAge) =>
        [null, 3].map((training) => ({
          ...shift,
          required_skill: skill,
          min_age: minAge,
          required_training_id: training,
        })),
      ),
    )
    const people = [['  Sign Language '], ['sign language'], ['SIGN LANGUAGE', 'braille'], [], ['sign']].flatMap(
      (skills) =>
        ['1990-01-01', '2013-01-01', null].flatMap((birthDate) =>
          [[], [3]].map((completedTrainingIds) => ({ ...volunteer, skills, birthDate, completedTrainingIds })),
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
})
