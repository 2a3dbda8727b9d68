import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { generateId, generateNumericCode, generateSecret, hashSecret, hashesEqual } from '~/auth/tokens.server'

describe('generateId', () => {
  it('is 24 characters of a-z and 2-9 without l, o, 0, 1 (120 bits)', () => {
    const ids = Array.from({ length: 2000 }, generateId)
    for (const id of ids) expect(id).toMatch(/^[a-km-np-z2-9]{24}$/)
    expect(new Set(ids).size).toBe(ids.length)
    // Every letter of the 32-letter alphabet turns up.
    expect(new Set(ids.join('')).size).toBe(32)
  })
})

describe('generateSecret', () => {
  it('is 32 random bytes as 52 characters of lower-case base32', () => {
    const secrets = Array.from({ length: 1000 }, generateSecret)
    for (const secret of secrets) expect(secret).toMatch(/^[a-z2-7]{52}$/)
    expect(new Set(secrets).size).toBe(secrets.length)
  })
})

describe('generateNumericCode', () => {
  const codes = Array.from({ length: 50_000 }, generateNumericCode)

  it('is always exactly 8 digits, leading zeros kept', () => {
    for (const code of codes) expect(code).toMatch(/^\d{8}$/)
    expect(codes.some((code) => code.startsWith('0'))).toBe(true)
  })

  it('is uniform: each digit in each position about 10% (chi-square, 9 degrees of freedom)', () => {
    for (let position = 0; position < 8; position++) {
      const counts = new Array<number>(10).fill(0)
      for (const code of codes) counts[Number(code[position])]!++
      const expected = codes.length / 10
      const chiSquare = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0)
      // 40 is beyond the p = 0.00001 critical value for 9 d.f.; a modulo-biased generator scores in the thousands.
      expect(chiSquare, `position ${position}: ${counts.join(',')}`).toBeLessThan(40)
    }
  })

  it('rarely repeats', () => {
    // 50 000 draws from 10^8: about 12.5 collisions expected.
    expect(codes.length - new Set(codes).size).toBeLessThan(60)
  })
})

describe('hashSecret and hashesEqual', () => {
  it('hashSecret is the hex SHA-256 of the UTF-8 text', () => {
    for (const text of ['', 'abc', '验证码12345678', generateSecret()]) {
      expect(hashSecret(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'))
    }
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it('hashesEqual compares exactly', () => {
    const a = hashSecret('one')
    expect(hashesEqual(a, a)).toBe(true)
    expect(hashesEqual(a, hashSecret('two'))).toBe(false)
    expect(hashesEqual(a, a.slice(0, -1))).toBe(false)
    expect(hashesEqual(a, `${a}0`)).toBe(false)
    expect(hashesEqual(a, a.toUpperCase())).toBe(false)
    expect(hashesEqual('', '')).toBe(true)
    expect(hashesEqual('', a)).toBe(false)
  })
})
