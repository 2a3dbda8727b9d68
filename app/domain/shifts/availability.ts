/** How full a shift looks at a glance. Pure, shared by pages and the calendar. */
export type Availability = 'open' | 'almost_full' | 'full'

export function availabilityOf(confirmed: number, capacity: number): Availability {
  const left = capacity - confirmed
  if (left <= 0) return 'full'
  // One seat left, or under a fifth of a large shift.
  if (left === 1 || left / capacity < 0.2) return 'almost_full'
  return 'open'
}
