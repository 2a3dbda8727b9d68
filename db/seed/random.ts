/**
 * A small seeded PRNG (mulberry32) and the helpers the seed draws with. The demo
 * data depends only on the seed and `now`, never on Math.random or the clock.
 */

export const DEFAULT_SEED = 20211231

export class Random {
  private state: number

  constructor(seed: number = DEFAULT_SEED) {
    this.state = seed >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** A multiple of `step` in [min, max]. */
  step(min: number, max: number, step: number): number {
    return min + step * this.int(0, Math.floor((max - min) / step))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Random.pick from an empty list')
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** Picks one item, each with the weight `weightOf` gives it. */
  weighted<T>(items: readonly T[], weightOf: (item: T) => number): T {
    let total = 0
    for (const item of items) total += Math.max(0, weightOf(item))
    if (total <= 0) return this.pick(items)
    let r = this.next() * total
    for (const item of items) {
      r -= Math.max(0, weightOf(item))
      if (r < 0) return item
    }
    return items[items.length - 1] as T
  }

  /** The index of one of `weights`, each as likely as its weight. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0
    for (const w of weights) total += Math.max(0, w)
    let r = this.next() * total
    for (let i = 0; i < weights.length; i++) {
      r -= Math.max(0, weights[i]!)
      if (r < 0) return i
    }
    return weights.length - 1
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      ;[copy[i], copy[j]] = [copy[j] as T, copy[i] as T]
    }
    return copy
  }

  /** Up to `count` distinct items. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, count))
  }

  /** An independent stream, so adding draws in one part of the seed leaves the others unchanged. */
  fork(label: string): Random {
    let h = this.state ^ 0x9e3779b9
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193)
    return new Random(h >>> 0)
  }
}

/**
 * Splits `total` over `weights` in whole numbers (largest remainder), so that
 * the parts add up to `total` exactly and each is at least `min`.
 */
export function apportion(weights: readonly number[], total: number, min = 0): number[] {
  const n = weights.length
  if (n === 0) return []
  const spare = total - min * n
  if (spare < 0) throw new Error(`cannot split ${total} into ${n} parts of at least ${min}`)
  const sum = weights.reduce((a, w) => a + w, 0)
  const exact = weights.map((w) => (sum > 0 ? (w / sum) * spare : spare / n))
  const parts = exact.map((x) => Math.floor(x))
  let left = spare - parts.reduce((a, p) => a + p, 0)
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i)
  for (let k = 0; left > 0; k = (k + 1) % n, left--) parts[order[k]!.i]! += 1
  return parts.map((p) => p + min)
}
