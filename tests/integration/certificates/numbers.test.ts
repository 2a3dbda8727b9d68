/** Certificate numbers come from a per-year counter in the issuing transaction: concurrent issues never collide. */
import { expect, it } from 'vitest'
import { issueCertificateFor } from '~/domain/certificates/issue.server'
import { shanghaiDay, shanghaiInstant } from '~/lib/dates'
import { describeEachDialect, useTestDatabase } from '../../support/databases'
import { createShift, createSignup, createSite } from '../accounts/helpers'
import { actorFor, metaAt } from '../planning/helpers'

const settings = {
  idKey: Buffer.alloc(32, 7),
  personInCharge: '',
  contact: '',
  appOrigin: 'https://tongxing.example.org',
}

describeEachDialect('certificate numbers', (dialect) => {
  const database = useTestDatabase(dialect, { poolSize: 8 })

  it('twenty certificates issued at once get twenty distinct, consecutive numbers', async () => {
    const { db } = database()
    const coordinator = await actorFor(db, { role: 'coordinator' })
    const site = await createSite(db)
    const volunteers = []
    for (let i = 0; i < 20; i++) {
      const volunteer = await actorFor(db)
      const shift = await createShift(db, site, new Date(shanghaiInstant('2025-05-04', '09:00')))
      await createSignup(db, shift, volunteer.accountId, { minutes: 60, approvedBy: coordinator.accountId })
      volunteers.push(volunteer)
    }
    const numbers = await db.selectFrom('volunteer_profile').select(['account_id', 'volunteer_number']).execute()
    const numberOf = new Map(numbers.map((n) => [n.account_id, n.volunteer_number]))
    const now = new Date()
    const issued = await Promise.all(
      volunteers.map((v) =>
        issueCertificateFor(
          db,
          coordinator,
          numberOf.get(v.accountId)!,
          { from: '2025-05-01', to: '2025-05-31' },
          settings,
          metaAt(now),
        ),
      ),
    )
    const year = shanghaiDay(now).slice(0, 4)
    const sequence = issued.map((c) => c.number).sort()
    expect(new Set(sequence).size).toBe(20)
    expect(sequence).toEqual(Array.from({ length: 20 }, (_, i) => `GLTS-${year}-${String(i + 1).padStart(6, '0')}`))
  }, 60_000)
})
