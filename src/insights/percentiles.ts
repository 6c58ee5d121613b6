/**
 * Percentiles by the **nearest-rank** method: the p-th percentile of n sorted values is the value at rank
 * ⌈p/100 · n⌉ (1-based). It always answers a value that was observed — a duration someone actually lived
 * through, in whole minutes — never an interpolation between two incidents. For an even count the median is
 * therefore the lower of the two middle values ([1, 2, 3, 4] → 2), and p90 of fewer than ten values is the
 * largest one.
 */

/** A measure over a group: how many values it had, and their median and p90 (null when there were none). */
export interface Spread {
  readonly n: number;
  readonly median: number | null;
  readonly p90: number | null;
}

/** The nearest-rank p-th percentile (0 < p ≤ 100) of values sorted ascending; null for no values. */
export function percentileOfSorted(sorted: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile ${p} is outside (0, 100]`);
  if (sorted.length === 0) return null;
  // p · n first: (p / 100) · n can land a hair above a whole number (0.07 · 100 = 7.000000000000001).
  const rank = Math.ceil((p * sorted.length) / 100);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

export function percentile(values: readonly number[], p: number): number | null {
  return percentileOfSorted(sortNumbers(values), p);
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}

export function p90(values: readonly number[]): number | null {
  return percentile(values, 90);
}

/** n, median and p90 in one sort. */
export function spreadOf(values: readonly number[]): Spread {
  const sorted = sortNumbers(values);
  return { n: sorted.length, median: percentileOfSorted(sorted, 50), p90: percentileOfSorted(sorted, 90) };
}

function sortNumbers(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}
