/**
 * What the sweeps see go wrong today and another branch is fixing: listed so
 * the suites stay green while the fixes land, and checked to still happen, so
 * each entry fails once its fix is merged and must then be removed. The lead
 * empties this list after merging the routes branch (issue 7).
 */
import type { TestDialect } from '../../support/databases'

export interface KnownFinding {
  method: 'GET' | 'POST'
  /** The exact request path and query that fails. */
  path: string
  /** Only on these dialects (default: both). */
  dialects?: TestDialect[]
  /** The status seen today. */
  status: number
  reason: string
}

export const KNOWN_FINDINGS: KnownFinding[] = []

/** Records hits so that a finding that no longer happens fails the sweep. */
export class FindingLedger {
  private readonly seen = new Map<KnownFinding, string[]>()

  constructor(private readonly dialect: TestDialect) {}

  /** The known finding this answer is, if any. */
  match(method: 'GET' | 'POST', path: string, status: number, who: string): KnownFinding | undefined {
    const finding = KNOWN_FINDINGS.find(
      (f) =>
        f.method === method &&
        f.path === path &&
        f.status === status &&
        (f.dialects ?? [this.dialect]).includes(this.dialect),
    )
    if (finding) this.seen.set(finding, [...(this.seen.get(finding) ?? []), who])
    return finding
  }

  /** Findings for this dialect that were requested and did not happen. */
  unseen(method: 'GET' | 'POST', requested: Set<string>): KnownFinding[] {
    return KNOWN_FINDINGS.filter(
      (f) =>
        f.method === method &&
        (f.dialects ?? [this.dialect]).includes(this.dialect) &&
        requested.has(f.path) &&
        !this.seen.has(f),
    )
  }

  report(): string[] {
    return [...this.seen].map(([f, who]) => `${f.method} ${f.path} → ${f.status} as ${who.join(', ')}: ${f.reason}`)
  }
}
