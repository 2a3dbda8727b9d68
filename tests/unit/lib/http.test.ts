import { describe, expect, it } from 'vitest'
import { safeRedirectPath } from '~/lib/http'

describe('safeRedirectPath', () => {
  it('keeps paths on this site', () => {
    expect(safeRedirectPath('/activities?type=lecture')).toBe('/activities?type=lecture')
  })
  it('refuses other sites and odd values', () => {
    for (const value of ['//evil.example', '/\\evil.example', 'https://evil.example', 'activities', '', null]) {
      expect(safeRedirectPath(value)).toBe('/')
    }
  })
})
