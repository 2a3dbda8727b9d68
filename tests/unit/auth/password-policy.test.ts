import { describe, expect, it } from 'vitest'
import { passwordProblem } from '~/auth/password-policy.server'
import { PASSWORD_MAX, PASSWORD_MIN } from '~/domain/accounts/limits'

describe('passwordProblem', () => {
  it('limits: 8 to 128 characters', () => {
    expect(PASSWORD_MIN).toBe(8)
    expect(PASSWORD_MAX).toBe(128)
    expect(passwordProblem('k7#mQzv')).toBe('account.password.tooShort')
    expect(passwordProblem('k7#mQzvX')).toBeNull()
    expect(passwordProblem('k'.repeat(127) + 'Q')).toBeNull()
    expect(passwordProblem('k'.repeat(128) + 'Q')).toBe('account.password.tooLong')
    expect(passwordProblem('')).toBe('account.password.tooShort')
  })

  it('no composition rules: a long lower-case phrase or any script is fine', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull()
    expect(passwordProblem('我家门前有两棵树')).toBeNull()
    expect(passwordProblem('        ')).toBeNull()
  })

  it('counts characters (code points after NFC), not UTF-16 units', () => {
    // Four emoji are 8 UTF-16 units but 4 characters.
    expect(passwordProblem('😀😀😀😀')).toBe('account.password.tooShort')
    expect(passwordProblem('😀😀😀😀😀😀😀😀')).toBeNull()
    // "é" decomposed (e + U+0301) is one character after NFC: 4 of them are too short, though 8 code points.
    const decomposed = 'e\u0301'.repeat(4)
    expect(decomposed.length).toBe(8)
    expect(passwordProblem(decomposed)).toBe('account.password.tooShort')
    expect(passwordProblem('e\u0301'.repeat(8))).toBeNull()
    // 128 precomposed characters, written decomposed (256 code points), are still within the limit.
    expect(passwordProblem('e\u0301'.repeat(128))).toBeNull()
    expect(passwordProblem('e\u0301'.repeat(129))).toBe('account.password.tooLong')
  })

  it('refuses common passwords, whatever their case', () => {
    for (const common of [
      'password',
      'PASSWORD',
      'Password',
      '12345678',
      'qwertyuiop',
      'iloveyou',
      'woaini1314',
      '1qaz2wsx',
    ]) {
      expect(passwordProblem(common), common).toBe('account.password.tooCommon')
    }
  })

  it('refuses the local part of the email as the password', () => {
    expect(passwordProblem('zhangwei88', { email: 'zhangwei88@example.org' })).toBe('account.password.tooCommon')
    expect(passwordProblem('ZhangWei88', { email: 'zhangwei88@example.org' })).toBe('account.password.tooCommon')
    expect(passwordProblem('zhangwei88!', { email: 'zhangwei88@example.org' })).toBeNull()
  })
})
