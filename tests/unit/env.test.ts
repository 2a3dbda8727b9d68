import { describe, expect, it } from 'vitest'
import { loadEnv } from '~/env.server'

describe('environment', () => {
  it('defaults to SQLite on 127.0.0.1:3000 with a matching origin', () => {
    const env = loadEnv({})
    expect(env.DATABASE_URL).toBeUndefined()
    expect(env.PORT).toBe(3000)
    expect(env.APP_ORIGIN).toBe('http://127.0.0.1:3000')
  })
  it('honours PORT, HOST and APP_ORIGIN', () => {
    const env = loadEnv({ PORT: '8080', HOST: '0.0.0.0' })
    expect(env.APP_ORIGIN).toBe('http://localhost:8080')
    expect(loadEnv({ APP_ORIGIN: 'https://tongxing.example.org' }).APP_ORIGIN).toBe('https://tongxing.example.org')
  })
  it('stops at boot on a bad value, naming it', () => {
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => loadEnv({ APP_ORIGIN: 'not a url' })).toThrow(/APP_ORIGIN/)
  })
})
