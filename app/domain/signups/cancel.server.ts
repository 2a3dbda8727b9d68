/** A volunteer gives up their own place; a confirmed one goes to the next in line. */
import type { Kysely } from 'kysely'
import { writeTransaction } from '#db/dialect'
import type { DB } from '#db/schema'
import type { RequestMeta } from '~/domain/accounts/request-meta'
import type { Actor } from '~/domain/actor'
import { DomainError, notFound } from '~/domain/errors'
import { loadShiftMailInfo } from './mail.server'
import { lockOwnSignup, seats } from './seats.server'

export interface CancelResult {
  signupId: number
  /** False when it was already cancelled (a repeated request). */
  cancelled: boolean
  /** Waitlisted sign-ups that got the freed seat. */
  promoted: number[]
}

/**
 * The volunteer cancels their own sign-up. A confirmed place cannot be given up
 * online inside the shift's cut-off: the error names the contact person.
 */
export async function cancelSignup(
  db: Kysely<DB>,
  actor: Actor,
  signupId: number,
  meta: RequestMeta,
): Promise<CancelResult> {
  return writeTransaction(db, async (trx) => {
    const { shift, signup } = await lockOwnSignup(trx, actor, signupId)
    if (!signup) throw notFound('signup.notFound')
    if (signup.status === 'cancelled') return { signupId, cancelled: false, promoted: [] }
    const startsMs = Date.parse(shift.starts_at)
    if (startsMs <= meta.now.getTime()) throw new DomainError('rule', 'signup.cancel.started')
    const cutoffMs = shift.cancel_cutoff_hours * 3_600_000
    // A waitlisted place leaves no gap, so only a confirmed one is held to the cut-off.
    if (signup.status === 'confirmed' && shift.status === 'open' && startsMs - meta.now.getTime() < cutoffMs) {
      const info = await loadShiftMailInfo(trx, signup.shift_id)
      const hours = shift.cancel_cutoff_hours
      if (info.contactName) {
        throw new DomainError('rule', 'signup.cancel.tooLate', {
          params: { hours, name: info.contactName, phone: info.contactPhone ?? '' },
        })
      }
      throw new DomainError('rule', 'signup.cancel.tooLateNoContact', { params: { hours } })
    }
    const promoted = await seats.release(trx, signup, 'volunteer', meta)
    return { signupId, cancelled: true, promoted }
  })
}
