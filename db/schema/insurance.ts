import type { Generated } from 'kysely'
import type { Day, Instant } from './types'

/** A group accident-insurance policy (志愿服务条例 Art. 17) covering named volunteers over a date range. */
export interface InsurancePolicyTable {
  id: Generated<number>
  insurer: string
  policy_number: string
  covers_from: Day
  covers_until: Day
  note: string | null
  created_by: number | null
  created_at: Instant
  updated_at: Instant
}

/** A volunteer covered by a policy. */
export interface InsuranceCoverTable {
  policy_id: number
  account_id: number
  added_by: number | null
  created_at: Instant
}
