/**
 * A volunteer's sign-up answers over HTTP: a redirect back to the shift with a
 * one-time toast (the waitlist position in it), and a refusal shown on the
 * shift's page with its status, not a query string.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import { describeEachDialect } from '../../support/databases'
import { followToast } from '../../support/toast'
import { createAccount, createShift, createSite, sessionClient } from '../accounts/helpers'

describeEachDialect('sign-up answers', (dialect) => {
  let app: TestApp
  let shiftId: number

  beforeAll(async () => {
    app = await startTestApp(dialect)
    const db = app.database.db
    shiftId = await createShift(db, await createSite(db), new Date(Date.now() + 5 * 86_400_000), 1)
  }, 60_000)

  afterAll(async () => {
    await app?.close()
  })

  it('confirms the first volunteer and tells the second their waitlist position, in a toast', async () => {
    const db = app.database.db
    const page = `/shifts/${shiftId}`
    const first = await sessionClient(app, await createAccount(db))
    await followToast(first, await first.post(page, { intent: 'signup' }), page, '报名成功，确认邮件已发送')
    const second = await sessionClient(app, await createAccount(db))
    await followToast(second, await second.post(page, { intent: 'signup' }), page, '您已进入候补，当前第 1 位')

    const english = await sessionClient(app, await createAccount(db))
    english.setCookie('lng', 'en')
    const html = await followToast(english, await english.post(page, { intent: 'signup' }), page, 'waitlist, number 2')
    expect(html).not.toContain('当前第')
  })

  it('shows a refusal on the shift page with its status, and no toast', async () => {
    const db = app.database.db
    const volunteer = await sessionClient(app, await createAccount(db))
    const other = await sessionClient(app, await createAccount(db))
    await other.post(`/shifts/${shiftId}`, { intent: 'signup' })
    const [theirs] = await db
      .selectFrom('signup')
      .select('id')
      .where('shift_id', '=', shiftId)
      .orderBy('id', 'desc')
      .limit(1)
      .execute()
    // Cancelling someone else's sign-up is refused by the rule, not by a crash.
    const response = await volunteer.post(`/shifts/${shiftId}`, { intent: 'cancel', signupId: String(theirs!.id) })
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith('toast='))).toBe(false)
  })
})
