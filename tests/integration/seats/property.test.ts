/**
 * Random interleavings (fast-check) of everything that takes, frees or adds a
 * seat, on the two shifts of a weekly series: sign-up, cancel, offer and take,
 * a coordinator's add and remove, capacity edits of one shift and of the
 * series, a requirement change, an account deleted. After every step, on both
 * shifts: confirmed ≤ capacity, count = rows, one active sign-up per volunteer,
 * no free seat while someone waits, and promotion strictly first come first served.
 */
import fc from 'fast-check'
import { expect, it } from 'vitest'
import type { Kysely } from 'kysely'
import type { DB } from '#db/schema'
import { deleteAccount } from '~/domain/accounts/privacy.server'
import { DomainError } from '~/domain/errors'
import { editSeriesFrom } from '~/domain/planning/series.server'
import { updateShift } from '~/domain/planning/shifts.server'
import { cancelSignup } from '~/domain/signups/cancel.server'
import { offerPlace, takeOffer } from '~/domain/signups/offers.server'
import { signUp } from '~/domain/signups/sign-up.server'
import { addToShift, removeFromShift } from '~/domain/signups/staff-actions.server'
import { PASSWORD } from '../accounts/helpers'
import { describeEachDialect, useTestDatabase } from '../../support/databases'
import { makeSeries, makeStaff, makeVolunteer, metaNow, type Person } from '../../factories'
import { seatViolations } from './invariants'

const PEOPLE = 5
const SKILLS = [null, 'sign language'] as const
const who = fc.nat(PEOPLE - 1)
const which = fc.nat(1)

type Step =
  | { kind: 'signUp' | 'cancel' | 'add' | 'remove' | 'delete'; who: number; shift: number }
  | { kind: 'offer'; who: number; taker: number; shift: number }
  | { kind: 'capacity'; shift: number; to: number }
  | { kind: 'seriesCapacity'; to: number }
  | { kind: 'requirement'; shift: number; skill: 0 | 1 }

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('signUp' as const), who, shift: which }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel' as const), who, shift: which }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('offer' as const), who, taker: who, shift: which }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('add' as const), who, shift: which }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), who, shift: which }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('capacity' as const), shift: which, to: fc.integer({ min: 1, max: 4 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('seriesCapacity' as const), to: fc.integer({ min: 1, max: 4 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('requirement' as const),
      shift: which,
      skill: fc.constantFrom(0 as const, 1 as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), who, shift: which }) },
)

async function queueOf(db: Kysely<DB>, shiftId: number) {
  const rows = await db
    .selectFrom('signup')
    .select(['volunteer_id', 'status', 'waitlist_position'])
    .where('shift_id', '=', shiftId)
    .where('status', '<>', 'cancelled')
    .execute()
  return {
    waiting: rows
      .filter((r) => r.status === 'waitlisted')
      .sort((a, b) => a.waitlist_position! - b.waitlist_position!)
      .map((r) => r.volunteer_id),
    status: new Map(rows.map((r) => [r.volunteer_id, r.status])),
  }
}

async function activeSignup(db: Kysely<DB>, shiftId: number, volunteerId: number) {
  return db
    .selectFrom('signup')
    .select(['id', 'status'])
    .where('shift_id', '=', shiftId)
    .where('volunteer_id', '=', volunteerId)
    .where('status', '<>', 'cancelled')
    .executeTakeFirst()
}

describeEachDialect('seat invariants under random interleavings (fast-check)', (dialect) => {
  const database = useTestDatabase(dialect)

  it('hold after every step', async () => {
    const { db } = database()
    const staff = await makeStaff(db)

    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const { seriesId, shiftIds } = await makeSeries(db, staff.actor, { weeks: 2, capacity: 1 })
        const people: Person[] = []
        for (let i = 0; i < PEOPLE; i++)
          people.push(await makeVolunteer(db, { skills: i % 2 === 0 ? ['  Sign Language '] : ['绘本'] }))
        const state = shiftIds.map(() => ({ capacity: 1, skill: null as string | null }))
        const site = (
          await db.selectFrom('shift').select('site_id').where('id', '=', shiftIds[0]!).executeTakeFirstOrThrow()
        ).site_id
        const edit = (s: { capacity: number; skill: string | null }) => ({
          startTime: '09:00',
          endTime: '12:00',
          siteId: site,
          activityId: null,
          title: null,
          capacity: s.capacity,
          minAge: null,
          requiredSkill: s.skill,
          cancelCutoffHours: 0,
          whatToBring: null,
          notes: null,
        })

        for (const st of steps) {
          const before = await Promise.all(shiftIds.map((id) => queueOf(db, id)))
          let taker: number | null = null
          try {
            if (st.kind === 'capacity' || st.kind === 'requirement') {
              const next = {
                ...state[st.shift]!,
                ...(st.kind === 'capacity' ? { capacity: st.to } : { skill: SKILLS[st.skill] }),
              }
              await updateShift(db, staff.actor, shiftIds[st.shift]!, edit(next), metaNow())
              state[st.shift] = next
            } else if (st.kind === 'seriesCapacity') {
              const next = { ...state[0]!, capacity: st.to }
              await editSeriesFrom(db, staff.actor, seriesId, shiftIds[0]!, edit(next), metaNow())
              state.forEach((_, i) => (state[i] = { ...next }))
            } else {
              const p = people[st.who]!
              const shiftId = shiftIds[st.shift]!
              const own = await activeSignup(db, shiftId, p.account.id)
              if (st.kind === 'signUp') await signUp(db, p.actor, shiftId, metaNow())
              if (st.kind === 'add') await addToShift(db, staff.actor, shiftId, p.account.id, 'test', metaNow())
              if (st.kind === 'cancel' && own) await cancelSignup(db, p.actor, own.id, metaNow())
              if (st.kind === 'remove' && own) await removeFromShift(db, staff.actor, own.id, 'test', metaNow())
              if (st.kind === 'delete') await deleteAccount(db, p.actor, PASSWORD, metaNow())
              if (st.kind === 'offer' && own?.status === 'confirmed') {
                const offer = await offerPlace(db, p.actor, own.id, metaNow())
                taker = people[st.taker]!.account.id
                await takeOffer(db, people[st.taker]!.actor, offer.offerId, metaNow())
              }
            }
          } catch (error) {
            if (!(error instanceof DomainError)) throw error
          }
          for (const [i, shiftId] of shiftIds.entries()) {
            expect(await seatViolations(db, shiftId), `after ${JSON.stringify(st)}`).toEqual([])
            const after = await queueOf(db, shiftId)
            // Of those who waited and are still on the shift, the ones now confirmed are the head of the queue.
            const stayed = before[i]!.waiting.filter((v) => after.status.has(v) && v !== taker)
            const promoted = stayed.filter((v) => after.status.get(v) === 'confirmed')
            expect(promoted, `FIFO after ${JSON.stringify(st)}`).toEqual(stayed.slice(0, promoted.length))
          }
        }
      }),
      { numRuns: 12 },
    )
  }, 120_000)
})
