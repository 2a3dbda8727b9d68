/**
 * Outreach visits' teams in the demo: every shift of a visit at a partner is a
 * team role (reader, activity assistant, book handling), and the insured
 * mountain trip of 翻书越岭 has its group accident-insurance policy covering
 * everyone on its team. Adds no activity or shift, so the 2021 counts stay.
 */
import type { ComingWeeksContext, PlannedVisit } from './coming-weeks'
import { add } from './plan'
import { addDays } from './time'

const TEAM_ROLE = {
  newspaper_reading: 'reader',
  reading_guide: 'reader',
  activity_assistant: 'activity_assistant',
  book_handling: 'book_handling',
} as const

export function planVisitTeams(ctx: ComingWeeksContext, visits: Map<string, PlannedVisit>) {
  const { plan, today, people } = ctx
  const visitIds = new Set(
    plan.activity.flatMap((a, i) => (a.partner_organisation_id != null && a.starts_at >= `${today}` ? [i + 1] : [])),
  )
  plan.shift.forEach((shift) => {
    if (shift.activity_id == null || !visitIds.has(shift.activity_id)) return
    const role = shift.role as keyof typeof TEAM_ROLE
    shift.team_role = TEAM_ROLE[role] ?? null
  })
  const trip = visits.get('mountain-trip')
  if (!trip) return
  const tripShifts = new Set(plan.shift.flatMap((s, i) => (s.activity_id === trip.id ? [i + 1] : [])))
  const team = [
    ...new Set(
      plan.signup.filter((s) => tripShifts.has(s.shift_id) && s.status !== 'cancelled').map((s) => s.volunteer_id),
    ),
  ]
  const at = `${addDays(today, -10)}T02:00:00.000Z`
  const policy = add(plan, 'insurance_policy', {
    insurer: '中国人寿保险股份有限公司徐州分公司',
    policy_number: `GL-YW-${today.slice(0, 4)}-0815`,
    covers_from: addDays(today, -10),
    covers_until: addDays(today, 80),
    note: '翻书越岭 山区送书送课 团体意外险',
    created_by: people.demoCoordinator,
    created_at: at,
    updated_at: at,
  })
  for (const accountId of team) {
    add(plan, 'insurance_cover', {
      policy_id: policy,
      account_id: accountId,
      added_by: people.demoCoordinator,
      created_at: at,
    })
  }
}
