/**
 * What a certificate says, as frozen at issue, and the pure rules around it:
 * numbers, hours, masking. Browser-safe.
 */
import type { IdType, ShiftRole } from '#db/schema'
import { addDays } from '~/lib/dates'

export const LIBRARY_CODE = 'GLTS'
/** The longest period one certificate covers. */
export const MAX_PERIOD_YEARS = 5

export interface CertificateRow {
  /** Shanghai day `YYYY-MM-DD` the shift started. */
  date: string
  /** `HH:MM`, Shanghai. */
  start: string
  end: string
  /** The activity's title, else the shift's own title. */
  activity: string | null
  role: ShiftRole
  place: string | null
  minutes: number
}

/** Stored as JSON in certificate.content; never holds the ID number (that stays encrypted beside it). */
export interface CertificateContent {
  version: 1
  volunteer: { name: string; volunteerNumber: string }
  period: { from: string; to: string }
  totalMinutes: number
  rows: CertificateRow[]
  issuer: {
    personInCharge: string
    /** The coordinator who issued it; null for self-service ("system"). */
    handledBy: string | null
    contact: string
  }
  /** Shanghai day of issue. */
  issuedOn: string
}

/** `GLTS-2026-000123`. */
export const certificateNumber = (year: number, sequence: number) =>
  `${LIBRARY_CODE}-${year}-${String(sequence).padStart(6, '0')}`

/** For an account without a volunteer profile: `GL-000123`. */
export const fallbackVolunteerNumber = (accountId: number) => `GL-${String(accountId).padStart(6, '0')}`

/** Hours with at most two decimals: 90 minutes → "1.5", 20 → "0.33". */
export const formatHours = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100)

/** 张*梅; 张* for two characters; 欧**娜 for four. */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length <= 1) return '*'
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/** 3203********1234: the first and last four (fewer for short numbers), the rest starred. */
export function maskIdNumber(number: string): string {
  const chars = [...number]
  const keep = Math.min(4, Math.floor(chars.length / 4))
  if (keep === 0) return '*'.repeat(chars.length)
  return `${chars.slice(0, keep).join('')}${'*'.repeat(chars.length - 2 * keep)}${chars.slice(-keep).join('')}`
}

const RESIDENT_ID = /^\d{17}[\dX]$/
const OTHER_ID = /^[A-Z0-9]{5,20}$/
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

/** GB 11643-1999: eighteen characters, the last a checksum over the first seventeen. */
export function isResidentIdNumber(number: string): boolean {
  if (!RESIDENT_ID.test(number)) return false
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(number[i]), 0)
  return CHECK_CHARS[sum % 11] === number[17]
}

/** Upper-cased, spaces removed; null when it is not a plausible number of that type. */
export function normaliseIdNumber(type: IdType, raw: string): string | null {
  const number = raw.replace(/\s+/g, '').toUpperCase()
  if (type === 'resident_id') return isResidentIdNumber(number) ? number : null
  return OTHER_ID.test(number) ? number : null
}

/** Why a period cannot be certified, as an i18n key; null when it can. Days are valid `YYYY-MM-DD`. */
export function periodProblem(from: string, to: string, today: string): string | null {
  if (from > to) return 'certificates.period.fromAfterTo'
  if (to > today) return 'certificates.period.future'
  const [y, m, d] = from.split('-') as [string, string, string]
  const limit = addDays(`${Number(y) + MAX_PERIOD_YEARS}-${m}-${m === '02' && d === '29' ? '28' : d}`, -1)
  if (to > limit) return 'certificates.period.tooLong'
  return null
}
