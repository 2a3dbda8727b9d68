import { describe, expect, it } from 'vitest'
import {
  certificateNumber,
  formatHours,
  isResidentIdNumber,
  maskIdNumber,
  maskName,
  normaliseIdNumber,
  periodProblem,
} from '~/domain/certificates/content'
import { decryptIdNumber, encryptIdNumber } from '~/domain/certificates/id-crypto.server'

describe('certificate content rules', () => {
  it('masks names as the verification page shows them', () => {
    expect(maskName('张小梅')).toBe('张*梅')
    expect(maskName('张梅')).toBe('张*')
    expect(maskName('欧阳娜娜')).toBe('欧**娜')
    expect(maskName('喆')).toBe('*')
  })
  it('masks ID numbers but the first and last four', () => {
    expect(maskIdNumber('320302199001011234')).toBe('3203**********1234')
    expect(maskIdNumber('E12345678')).toBe('E1*****78')
  })
  it('checks the resident ID checksum (GB 11643)', () => {
    expect(isResidentIdNumber('11010519491231002X')).toBe(true)
    expect(isResidentIdNumber('110105194912310021')).toBe(false)
    expect(normaliseIdNumber('resident_id', ' 11010519491231002x ')).toBe('11010519491231002X')
    expect(normaliseIdNumber('passport', 'e1234567 8')).toBe('E12345678')
    expect(normaliseIdNumber('passport', '护照')).toBeNull()
  })
  it('numbers, hours and periods', () => {
    expect(certificateNumber(2026, 123)).toBe('GLTS-2026-000123')
    expect(formatHours(360)).toBe('6')
    expect(formatHours(165)).toBe('2.75')
    expect(formatHours(20)).toBe('0.33')
    expect(periodProblem('2025-01-02', '2025-01-01', '2026-01-01')).toBe('certificates.period.fromAfterTo')
    expect(periodProblem('2025-01-01', '2026-01-02', '2026-01-01')).toBe('certificates.period.future')
    expect(periodProblem('2020-01-01', '2024-12-31', '2026-01-01')).toBeNull()
    expect(periodProblem('2020-01-01', '2025-01-01', '2026-01-01')).toBe('certificates.period.tooLong')
  })
  it('encrypts ID numbers so only the same key and owner read them back', () => {
    const key = Buffer.alloc(32, 1)
    const stored = encryptIdNumber(key, 42, '11010519491231002X')
    expect(stored).not.toContain('11010519491231002X')
    expect(encryptIdNumber(key, 42, '11010519491231002X')).not.toBe(stored)
    expect(decryptIdNumber(key, 42, stored)).toBe('11010519491231002X')
    expect(() => decryptIdNumber(key, 43, stored)).toThrow()
    expect(() => decryptIdNumber(Buffer.alloc(32, 2), 42, stored)).toThrow()
  })
})
