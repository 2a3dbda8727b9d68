import { PASSWORD_MAX, PASSWORD_MIN } from '~/domain/accounts/limits'
import commonPasswordsText from './common-passwords.txt?raw'

const COMMON = new Set(
  commonPasswordsText
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#')),
)

/** The i18n key of what is wrong with a new password, or null. No composition rules (NIST 800-63B). */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  const length = [...password.normalize('NFC')].length
  if (length < PASSWORD_MIN) return 'account.password.tooShort'
  if (length > PASSWORD_MAX) return 'account.password.tooLong'
  const lower = password.toLowerCase()
  if (COMMON.has(lower)) return 'account.password.tooCommon'
  const localPart = context.email?.split('@')[0]?.toLowerCase()
  if (localPart && localPart.length >= 4 && lower === localPart) return 'account.password.tooCommon'
  return null
}
