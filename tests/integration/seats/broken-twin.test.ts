/**
 * Negative control: the same scenarios run against a twin of the seat module
 * with promotion turned off (seatRules({ promote: false })). The invariant
 * check must see the breakage, proving the seat tests can fail.
 */
import { expect, it } from 'vitest'
import { writeTransaction } from '#db/dialect'
import { lockShift, seatRules, seats, type SeatRules } from '~/domain/signups/seats.server'
import { describeEachDialect, useTestDatabase } from '../../support/databases'
import { makeShift, makeStaff, makeVolunteer, metaNow, signUpFor } from '../../factories'
import { seatViolations } from './invariants'

describeEachDialect('seat module twin without promotion', (dialect) => {
  const database = useTestDatabase(dialect)

  async function scenario(rules: SeatRules, kind: 'release' | 'capacity') {
    const { db } = database()
    const staff = await makeStaff(db)
    const shiftId = await makeShift(db, staff.actor, { capacity: 1 })
    const [holder, first] = [await makeVolunteer(db), await makeVolunteer(db)]
    const held = await signUpFor(db, holder, shiftId)
    await signUpFor(db, first, shiftId)
    await writeTransaction(db, async (trx) => {
      const shift = await lockShift(trx, shiftId)
      if (kind === 'release')
        await rules.release(trx, { id: held.signupId, shift_id: shiftId, status: 'confirmed' }, 'volunteer', metaNow())
      else await rules.setCapacity(trx, shift, 2, metaNow())
    })
    return seatViolations(db, shiftId)
  }

  for (const kind of ['release', 'capacity'] as const) {
    it(`${kind}: the real module keeps the invariants, the twin is caught`, async () => {
      expect(await scenario(seats, kind)).toEqual([])
      expect(await scenario(seatRules({ promote: false }), kind)).toEqual(['a free seat while 1 wait'])
    })
  }
})
