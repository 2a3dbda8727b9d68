import { GUARDIAN_CONSENT_AGE } from './limits'

/** Whole years between a birth day and a day, both `YYYY-MM-DD`. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number]
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0)
}

export function needsGuardianConsent(birthDate: string | null, today: string): boolean {
  return birthDate !== null && ageOn(birthDate, today) < GUARDIAN_CONSENT_AGE
}

/**
 * A volunteer's profile may be used (sign-ups, rosters) once any guardian
 * consent it needs is recorded.
 */
export function profileUsable(
  profile: { birth_date: string | null; guardian_consent_on: string | null },
  today: string,
): boolean {
  return !needsGuardianConsent(profile.birth_date, today) || profile.guardian_consent_on !== null
}
