/**
 * Model-based property test (fast-check): random interleavings of sign-up,
 * cancel, capacity change and no-show marking on one shift. After every step
 * the database must match a simple model (who holds a seat, the waitlist in
 * first-come order) and keep the invariants.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Actor } from '~/domain/actor'
import { DomainError } from '~/domain/errors'
import { cancelSignup } from '~/domain/signups/cancel.server'
import { changeCapacity } from '~/domain/signups/staff-actions.server'
import { signUp } from '~/domain/signups/sign-up.server'
import { useTestDatabase } from '../../support/databases'
import { HOUR, createShift, createStaff, createVolunteers, expectInvariants, meta } from './helpers'

const PEOPLE = 6

type Command =
  | { kind: 'signUp'; who: number }
  | { kind: 'cancel'; who: number }
  | { kind: 'capacity'; to: number }
  | { kind: 'noShow'; who: number }

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('signUp' as const), who: fc.nat(PEOPLE - 1) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel' as const), who: fc.nat(PEOPLE - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('capacity' as const), to: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('noShow' as const), who: fc.nat(PEOPLE - 1) }) },
)

describe('sign-up invariants under random interleavings (fast-check)', () => {
  const database = useTestDatabase('sqlite')

  it('match the model and keep confirmed ≤ capacity, count = rows, FIFO waitlist, one active sign-up each', async () => {
    const { db } = database()
    const people = await createVolunteers(db, PEOPLE)
    const { actor: staff } = await createStaff(db)
    let run = 0

    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(command, { minLength: 1, maxLength: 25 }),
        async (capacity, commands) => {
          run++
          // Each run gets its own shift, hours apart from the others so they never overlap.
          const shiftId = await createShift(db, {
            capacity,
            startsAt: new Date(Date.now() + 24 * HOUR + run * 4 * HOUR),
            hours: 2,
          })
          const model = { capacity, confirmed: new Set<number>(), queue: [] as number[] }
          const signupOf = new Map<number, number>()
          const promote = () => {
            while (model.confirmed.size < model.capacity && model.queue.length > 0)
              model.confirmed.add(model.queue.shift()!)
          }
          const person = (i: number): Actor => people[i]!

          for (const step of commands) {
            const id = step.kind === 'capacity' ? 0 : person(step.who).accountId
            if (step.kind === 'signUp') {
              const result = await signUp(db, person(step.who), shiftId, meta())
              const held = model.confirmed.has(id) || model.queue.includes(id)
              expect(result.alreadySignedUp).toBe(held)
              if (!held) {
                if (model.confirmed.size < model.capacity) model.confirmed.add(id)
                else model.queue.push(id)
              }
              signupOf.set(id, result.signupId)
              expect(result.status).toBe(model.confirmed.has(id) ? 'confirmed' : 'waitlisted')
            } else if (step.kind === 'cancel') {
              const signupId = signupOf.get(id)
              if (signupId === undefined) continue
              const result = await cancelSignup(db, person(step.who), signupId, meta())
              const held = model.confirmed.has(id) || model.queue.includes(id)
              expect(result.cancelled).toBe(held)
              model.confirmed.delete(id)
              model.queue = model.queue.filter((q) => q !== id)
              promote()
            } else if (step.kind === 'capacity') {
              const attempt = changeCapacity(db, staff, shiftId, step.to, meta())
              if (step.to < model.confirmed.size) {
                await expect(attempt).rejects.toBeInstanceOf(DomainError)
              } else {
                await attempt
                model.capacity = step.to
                promote()
              }
            } else {
              // A coordinator marks a confirmed volunteer as a no-show: the place stays taken.
              const signupId = signupOf.get(id)
              if (signupId === undefined || !model.confirmed.has(id)) continue
              await db.updateTable('signup').set({ attendance: 'no_show' }).where('id', '=', signupId).execute()
            }

            const { confirmed, waitlisted, shift } = await expectInvariants(db, shiftId)
            expect(shift.capacity).toBe(model.capacity)
            expect(new Set(confirmed.map((r) => r.volunteer_id))).toEqual(model.confirmed)
            const byPosition = [...waitlisted].sort((a, b) => a.waitlist_position! - b.waitlist_position!)
            expect(byPosition.map((r) => r.volunteer_id)).toEqual(model.queue)
          }
        },
      ),
      { numRuns: 100 },
    )
  })
})
