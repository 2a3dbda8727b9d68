import { describe, expect, it } from 'vitest'
import { availabilityOf } from '~/domain/shifts/availability'

describe('availability of a shift', () => {
  it('is full when every seat is taken', () => {
    expect(availabilityOf(10, 10)).toBe('full')
    expect(availabilityOf(2, 2)).toBe('full')
  })
  it('is almost full with one seat left or under a fifth free', () => {
    expect(availabilityOf(1, 2)).toBe('almost_full')
    expect(availabilityOf(9, 12)).toBe('open')
    expect(availabilityOf(17, 20)).toBe('almost_full')
  })
  it('is open otherwise', () => {
    expect(availabilityOf(0, 2)).toBe('open')
    expect(availabilityOf(3, 6)).toBe('open')
  })
})
