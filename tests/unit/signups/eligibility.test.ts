import { describe, expect, it } from 'vitest'
import { REASON_CODES, evaluateEligibility, type EligibilityFacts } from '~/domain/signups/eligibility'
import en from '~/i18n/locales/en'
import zhCN from '~/i18n/locales/zh-CN'

const NOW = new Date('2026-03-01T02:00:00.000Z')
const START = '2026-03-10T01:00:00.000Z'
const END = '2026-03-10T04:00:00.000Z'

function facts(
  overrides: {
    shift?: Partial<EligibilityFacts['shift']>
    volunteer?: Partial<EligibilityFacts['volunteer']>
    rest?: Partial<Omit<EligibilityFacts, 'shift' | 'volunteer'>>
  } = {},
): EligibilityFacts {
  return {
    now: NOW,
    shift: {
      id: 1,
      status: 'open',
      starts_at: START,
      ends_at: END,
      capacity: 2,
      confirmed_count: 0,
      min_age: null,
      required_skill: null,
      required_training_id: null,
      required_training_name: null,
      requires_insurance: false,
      signup_opens_at: null,
      signup_closes_at: null,
      ...overrides.shift,
    },
    volunteer: {
      role: 'volunteer',
      emailVerified: true,
      birthDate: '1990-05-05',
      guardianConsentOn: null,
      skills: [],
      completedTrainingIds: [],
      insuranceCover: [],
      ...overrides.volunteer,
    },
    ownSignup: null,
    overlaps: [],
    ...overrides.rest,
  }
}

const cases: { name: string; facts: EligibilityFacts; code: string; params?: Record<string, string | number> }[] = [
  { name: 'a coordinator', facts: facts({ volunteer: { role: 'coordinator' } }), code: 'signup.reason.notVolunteer' },
  { name: 'a cancelled shift', facts: facts({ shift: { status: 'cancelled' } }), code: 'signup.reason.shiftCancelled' },
  {
    name: 'a shift that started',
    facts: facts({ shift: { starts_at: '2026-03-01T01:59:00.000Z', ends_at: '2026-03-01T05:00:00.000Z' } }),
    code: 'signup.reason.shiftStarted',
  },
  {
    name: 'the window not open yet',
    facts: facts({ shift: { signup_opens_at: '2026-03-02T00:00:00.000Z' } }),
    code: 'signup.reason.windowNotOpen',
    params: { date: '2026-03-02T00:00:00.000Z' },
  },
  {
    name: 'the window closed',
    facts: facts({ shift: { signup_closes_at: '2026-03-01T02:00:00.000Z' } }),
    code: 'signup.reason.windowClosed',
    params: { date: '2026-03-01T02:00:00.000Z' },
  },
  {
    name: 'an unverified email',
    facts: facts({ volunteer: { emailVerified: false } }),
    code: 'signup.reason.emailNotVerified',
  },
  {
    name: 'a minor without guardian consent',
    facts: facts({ volunteer: { birthDate: '2016-01-01', guardianConsentOn: null } }),
    code: 'signup.reason.guardianConsentMissing',
  },
  {
    name: 'too young on the shift day (16 the day after)',
    facts: facts({ shift: { min_age: 16 }, volunteer: { birthDate: '2010-03-11' } }),
    code: 'signup.reason.tooYoung',
    params: { minAge: 16 },
  },
  {
    name: 'a minimum age and no birth date',
    facts: facts({ shift: { min_age: 16 }, volunteer: { birthDate: null } }),
    code: 'signup.reason.birthDateUnknown',
    params: { minAge: 16 },
  },
  {
    name: 'a missing training',
    facts: facts({
      shift: { required_training_id: 7, required_training_name: '导读培训' },
      volunteer: { completedTrainingIds: [3] },
    }),
    code: 'signup.reason.trainingRequired',
    params: { training: '导读培训' },
  },
  {
    name: 'a missing skill',
    facts: facts({ shift: { required_skill: '手语' }, volunteer: { skills: ['摄影'] } }),
    code: 'signup.reason.skillRequired',
    params: { skill: '手语' },
  },
  {
    name: 'an activity requiring insurance the volunteer has not got for its date',
    facts: facts({
      shift: { requires_insurance: true },
      volunteer: { insuranceCover: [{ from: '2026-01-01', until: '2026-03-09' }] },
    }),
    code: 'signup.reason.insuranceRequired',
    params: { date: START },
  },
  {
    name: 'an overlapping shift',
    facts: facts({
      rest: {
        overlaps: [
          {
            shiftId: 9,
            placeName: '黄楼分馆',
            startsAt: '2026-03-10T03:00:00.000Z',
            endsAt: '2026-03-10T06:00:00.000Z',
          },
        ],
      },
    }),
    code: 'signup.reason.overlap',
    params: { place: '黄楼分馆', startsAt: '2026-03-10T03:00:00.000Z', endsAt: '2026-03-10T06:00:00.000Z', shiftId: 9 },
  },
  {
    name: 'already signed up',
    facts: facts({ rest: { ownSignup: { id: 5, status: 'confirmed' } } }),
    code: 'signup.reason.alreadySignedUp',
    params: { status: 'confirmed' },
  },
]

describe('evaluateEligibility', () => {
  it('lets a verified adult volunteer take an open shift with a seat', () => {
    expect(evaluateEligibility(facts())).toEqual({
      eligible: true,
      reasons: [],
      wouldWaitlist: false,
      existingSignup: null,
    })
  })

  it('covers every reason code in the table', () => {
    expect(new Set(cases.map((c) => c.code))).toEqual(new Set(REASON_CODES))
  })

  for (const c of cases) {
    it(`refuses ${c.name} with exactly ${c.code}`, () => {
      const result = evaluateEligibility(c.facts)
      expect(result.eligible).toBe(false)
      expect(result.wouldWaitlist).toBe(false)
      expect(result.reasons).toEqual([c.params ? { code: c.code, params: c.params } : { code: c.code }])
    })
  }

  it('has a message for every reason in both locales', () => {
    for (const code of REASON_CODES) {
      const key = code.replace('signup.reason.', '') as keyof typeof zhCN.signup.reason
      expect(zhCN.signup.reason[key], code).toBeTruthy()
      expect(en.signup.reason[key], code).toBeTruthy()
    }
    expect(en.signup.reason.windowNotOpen).toBe('Sign-up opens on {{date}}')
  })

  it('reports a full shift as a waitlist place, not a refusal', () => {
    const result = evaluateEligibility(facts({ shift: { capacity: 2, confirmed_count: 2 } }))
    expect(result).toMatchObject({ eligible: true, reasons: [], wouldWaitlist: true })
  })

  it('allows the window edges: open at the instant it opens, closed at the instant it closes', () => {
    expect(evaluateEligibility(facts({ shift: { signup_opens_at: NOW.toISOString() } })).eligible).toBe(true)
    expect(evaluateEligibility(facts({ shift: { signup_closes_at: '2026-03-01T02:00:00.001Z' } })).eligible).toBe(true)
  })

  it('takes the age on the shift day: 16 on that very day is enough', () => {
    expect(
      evaluateEligibility(facts({ shift: { min_age: 16 }, volunteer: { birthDate: '2010-03-10' } })).eligible,
    ).toBe(true)
  })

  it('accepts a minor with consent, the training, the skill (ignoring case), and touching shifts', () => {
    const result = evaluateEligibility(
      facts({
        shift: { required_training_id: 7, required_training_name: '导读培训', required_skill: 'Sign language' },
        volunteer: {
          birthDate: '2014-01-01',
          guardianConsentOn: '2026-01-01',
          completedTrainingIds: [7],
          skills: ['sign language '],
        },
        rest: {
          overlaps: [
            {
              shiftId: 9,
              placeName: '黄楼分馆',
              startsAt: '2026-03-10T04:00:00.000Z',
              endsAt: '2026-03-10T06:00:00.000Z',
            },
          ],
        },
      }),
    )
    expect(result.reasons).toEqual([])
  })

  it('lists every reason at once', () => {
    const result = evaluateEligibility(
      facts({
        shift: { signup_opens_at: '2026-03-05T00:00:00.000Z', required_skill: '手语' },
        volunteer: { emailVerified: false },
      }),
    )
    expect(result.reasons.map((r) => r.code)).toEqual([
      'signup.reason.windowNotOpen',
      'signup.reason.emailNotVerified',
      'signup.reason.skillRequired',
    ])
  })

  it('for taking an offered place: ignores the window and lets a waitlisted volunteer of the shift take it', () => {
    const base = facts({
      shift: { signup_closes_at: '2026-02-01T00:00:00.000Z', confirmed_count: 2 },
      rest: { ownSignup: { id: 4, status: 'waitlisted' }, purpose: 'offer' },
    })
    expect(evaluateEligibility(base)).toMatchObject({ eligible: true, wouldWaitlist: false })
    expect(evaluateEligibility({ ...base, ownSignup: { id: 4, status: 'confirmed' } }).reasons[0]!.code).toBe(
      'signup.reason.alreadySignedUp',
    )
    expect(evaluateEligibility({ ...base, purpose: 'signup' }).reasons.map((r) => r.code)).toEqual([
      'signup.reason.windowClosed',
      'signup.reason.alreadySignedUp',
    ])
  })
})
