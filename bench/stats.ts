/** Small statistics and output helpers for the benchmark. */

/** Percentile by linear interpolation between closest ranks (the "type 7" definition). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export const sum = (samples: readonly number[]) => samples.reduce((a, b) => a + b, 0);
export const mean = (samples: readonly number[]) => (samples.length ? sum(samples) / samples.length : Number.NaN);

/** Milliseconds rounded for printing: 3 decimals below 10 ms, 2 above. */
export const ms = (value: number) => Number(value.toFixed(Math.abs(value) < 10 ? 3 : 2));

export interface Summary {
  n: number;
  total_ms: number;
  mean_ms: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    total_ms: ms(sum(samples)),
    mean_ms: ms(mean(samples)),
    p50_ms: ms(percentile(samples, 50)),
    p95_ms: ms(percentile(samples, 95)),
    p99_ms: ms(percentile(samples, 99)),
    max_ms: ms(Math.max(...samples)),
  };
}

/** Every figure goes to stdout as one JSON line; progress chatter goes to stderr. */
export function emit(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Deterministic PRNG (mulberry32) so every run loads the same office. */
export function makeRandom(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  /** Pick by weight: `[[value, weight], ...]`. */
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [value, w] of items) {
      r -= w;
      if (r < 0) return value;
    }
    return items[items.length - 1]![0];
  };
  const chance = (p: number) => next() < p;
  const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(next() * 10))).join('');
  return { next, int, pick, weighted, chance, digits };
}
export type Random = ReturnType<typeof makeRandom>;
