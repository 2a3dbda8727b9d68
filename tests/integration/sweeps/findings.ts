/**
 * A 5xx the sweeps see and a change in flight is fixing may be listed here,
 * with its reason, so the suites stay green while the fix lands. Each entry is
 * checked to still happen, so it fails once fixed and must then be removed.
 * Empty: every finding of issue 7 is fixed.
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

/** Every query parameter any loader reads, at once, each with a value it must refuse or ignore. */
export const HOSTILE_QUERY =
  '?view=month&date=2021-13-45&from=2021-02-30&to=9999-99-99&site=2147483648&programme=-1&role=%3Cscript%3E' +
  '&type=%00&q=%25%27%20OR%201%3D1%20--&code=1e309&redirectTo=%2F%2Fevil.example&page=-1&notice=x'

export const KNOWN_FINDINGS: KnownFinding[] = []

/** Records hits so that a finding that no longer happens fails the sweep. */
export class FindingLedger {
  private readonly seen = new Map<KnownFinding, string[]>()

  constructor(private readonly dialect: TestDialect) {}

  /** True for 5xx answers that are not a known finding (and records those that are). */
  unexpected5xx(method: 'GET' | 'POST', path: string, status: number, who: string): boolean {
    return status >= 500 && !this.match(method, path, status, who)
  }

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
