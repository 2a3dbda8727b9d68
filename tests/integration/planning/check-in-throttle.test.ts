/**
 * Six-digit check-in codes can't be searched: every attempt takes a token per
 * account and per shift (LIMITS.checkInPerAccount / checkInPerShift), and an
 * empty bucket answers the translated "too many attempts, wait N minutes".
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { LIMITS } from '~/auth/rate-limit.server'
import { DomainError } from '~/domain/errors'
import { checkInCode, selfCheckIn } from '~/domain/planning/attendance.server'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import { createAccount, createShift, createSignup, createSite, sessionClient } from '../accounts/helpers'
import { actorFor } from './helpers'

const SECRET = 'throttle-secret-throttle-secret-throttle'

describeEachDialect('check-in codes are throttled', (dialect) => {
  let app: TestApp

  beforeAll(async () => {
    app = await startTestApp(dialect)
  }, 60_000)

  afterAll(async () => {
    await app?.close()
  })

  async function liveShift(capacity: number) {
    const db = app.database.db
    const shiftId = await createShift(db, await createSite(db), new Date(Date.now() - 5 * 60_000), capacity)
    await db.updateTable('shift').set({ check_in_secret: SECRET }).where('id', '=', shiftId).execute()
    const shift = await db
      .selectFrom('shift')
      .select(['id', 'starts_at', 'ends_at', 'check_in_secret'])
      .where('id', '=', shiftId)
      .executeTakeFirstOrThrow()
    const code = checkInCode(shift, new Date())!
    const wrong = (i: number) => {
      const guess = String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0')
      return guess === code ? '000000' : guess
    }
    return { shiftId, code, wrong }
  }

  const checkedIn = async (shiftId: number, accountId: number) =>
    (
      await app.database.db
        .selectFrom('signup')
        .select('checked_in_at')
        .where('shift_id', '=', shiftId)
        .where('volunteer_id', '=', accountId)
        .executeTakeFirstOrThrow()
    ).checked_in_at

  it('a volunteer posting wrong codes is stopped after a burst, even before the right one, in both languages', async () => {
    const db = app.database.db
    const { shiftId, code, wrong } = await liveShift(3)
    const volunteer = await createAccount(db)
    await createSignup(db, shiftId, volunteer.id)
    const client = await sessionClient(app, volunteer)
    for (let i = 0; i < LIMITS.checkInPerAccount.capacity; i++) {
      const response = await client.post(`/check-in/${shiftId}`, { code: wrong(i) })
      expect(response.status).toBe(400)
    }
    const blocked = await client.post(`/check-in/${shiftId}`, { code })
    expect(blocked.status).toBe(429)
    expect(await blocked.text()).toContain('尝试次数过多，请 1 分钟后再试')
    client.setCookie('lng', 'en')
    const blockedEn = await client.post(`/check-in/${shiftId}`, { code })
    expect(blockedEn.status).toBe(429)
    expect(await blockedEn.text()).toContain('Too many attempts. Please try again in')
    expect(await checkedIn(shiftId, volunteer.id)).toBeNull()

    // Another volunteer on the same shift is not held up by the first one's guesses.
    const other = await createAccount(db)
    await createSignup(db, shiftId, other.id)
    const ok = await (await sessionClient(app, other)).post(`/check-in/${shiftId}`, { code })
    expect(ok.status).toBe(200)
    expect(await checkedIn(shiftId, other.id)).not.toBeNull()
  })

  it('many accounts together cannot search one shift: the shift has its own bucket', async () => {
    const db = app.database.db
    const { shiftId, code, wrong } = await liveShift(40)
    const perAccount = LIMITS.checkInPerAccount.capacity
    const accounts = Math.ceil(LIMITS.checkInPerShift.capacity / perAccount)
    const now = new Date()
    let attempts = 0
    for (let a = 0; a < accounts; a++) {
      const actor = await actorFor(db)
      await createSignup(db, shiftId, actor.accountId)
      for (let i = 0; i < perAccount && attempts < LIMITS.checkInPerShift.capacity; i++, attempts++) {
        await expect(selfCheckIn(db, actor, shiftId, wrong(attempts), now)).rejects.toMatchObject({
          code: 'planning.checkIn.codeInvalid',
        })
      }
    }
    const fresh = await actorFor(db)
    await createSignup(db, shiftId, fresh.accountId)
    const error = await selfCheckIn(db, fresh, shiftId, code, now).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DomainError)
    expect(error).toMatchObject({ kind: 'throttled', code: 'account.throttled', options: { field: 'code' } })
    // A minute later the shift's bucket has refilled enough for the next honest volunteer.
    await expect(selfCheckIn(db, fresh, shiftId, code, new Date(now.getTime() + 60_000))).resolves.toMatchObject({
      already: false,
    })
  })
})
