import type { Review } from '../model/review.js';
import { type Spread, spreadOf } from './percentiles.js';

/**
 * Durations across reviews: how long failures went unnoticed, how long users were hurt, how long until things
 * were whole again — per review, and as median/p90 per month, quarter, severity and service. Only documents that
 * are reviews (`isReview`) count. The minutes themselves come from the model (`computeDurations`: from the start
 * of impact to detection, mitigation, resolution; impact to mitigation, else resolution).
 *
 * Silent-failure time is the start → detection span, i.e. time to detect. It is given per review
 * (`silentFailureMinutes`, and the worst ones listed), but not as a second measure in every group, where it would
 * repeat `toDetectMinutes` exactly.
 */

/** The measures every group summarises, named as in the model's `durations`. */
export const MEASURES = [
  'toDetectMinutes',
  'toMitigateMinutes',
  'toResolveMinutes',
  'impactMinutes',
] as const;
export type Measure = (typeof MEASURES)[number];

/** Group keys for what a review does not state. */
export const UNDATED = 'undated';
export const UNKNOWN_SEVERITY = 'unknown';
export const NO_SERVICE = 'none';

/** One review's durations, null where they cannot be computed. */
export interface ReviewDurations {
  readonly id: string;
  readonly path: string;
  readonly title: string | null;
  readonly date: string | null;
  readonly severity: number | null;
  readonly services: readonly string[];
  readonly toDetectMinutes: number | null;
  readonly toMitigateMinutes: number | null;
  readonly toResolveMinutes: number | null;
  readonly impactMinutes: number | null;
  /** Start of impact → detection: how long the failure went unnoticed (equals `toDetectMinutes`). */
  readonly silentFailureMinutes: number | null;
}

/** A group of reviews (a month, a quarter, a severity, a service, or all) and each measure over it. */
export type DurationGroup = { readonly key: string; readonly count: number } & {
  readonly [M in Measure]: Spread;
};

/** A review whose time to detect cannot be computed, and why. */
export interface MissingDetection {
  readonly id: string;
  readonly path: string;
  readonly title: string | null;
  readonly date: string | null;
  /** Which of the two times the review does not give; empty when both are there but out of order. */
  readonly missing: readonly ('started' | 'detected')[];
  readonly reason: string;
}

export interface DurationReport {
  /** Every review, with key "all". */
  readonly overall: DurationGroup;
  /** `YYYY-MM` from the review's date, oldest first, "undated" last. */
  readonly byMonth: readonly DurationGroup[];
  /** `YYYY-Qn`, oldest first, "undated" last. */
  readonly byQuarter: readonly DurationGroup[];
  /** "1" (most severe) … "5", then "unknown". */
  readonly bySeverity: readonly DurationGroup[];
  /** A review counts under each of its services; most reviews first, "none" (no service stated) last. */
  readonly byService: readonly DurationGroup[];
  /** The longest silent failures, longest first. */
  readonly worstSilentFailures: readonly ReviewDurations[];
  /** Every review without a computable time to detect, in input order. */
  readonly missingDetection: readonly MissingDetection[];
}

export interface DurationOptions {
  /** How many of the longest silent failures to list (default 5). */
  readonly worst?: number;
}

export function reviewDurations(review: Review): ReviewDurations {
  const d = review.durations;
  return {
    id: review.id,
    path: review.source.path,
    title: review.title,
    date: review.date,
    severity: review.severity?.level ?? null,
    services: review.services,
    toDetectMinutes: d.toDetectMinutes ?? null,
    toMitigateMinutes: d.toMitigateMinutes ?? null,
    toResolveMinutes: d.toResolveMinutes ?? null,
    impactMinutes: d.impactMinutes ?? null,
    silentFailureMinutes: d.toDetectMinutes ?? null,
  };
}

/** Why a review has no time to detect, or null when it has one. */
export function missingDetection(review: Review): MissingDetection | null {
  if (review.durations.toDetectMinutes !== undefined) return null;
  const { started, detected } = review.times;
  const missing = [
    ...(started === undefined ? (['started'] as const) : []),
    ...(detected === undefined ? (['detected'] as const) : []),
  ];
  const reason =
    missing.length === 2
      ? 'neither the start of impact nor its detection is known'
      : started === undefined
        ? 'the start of impact is not known'
        : detected === undefined
          ? 'the time of detection is not known'
          : `detected (${detected}) before impact started (${started})`;
  return {
    id: review.id,
    path: review.source.path,
    title: review.title,
    date: review.date,
    missing,
    reason,
  };
}

export function monthOf(date: string | null): string {
  return date === null ? UNDATED : date.slice(0, 7);
}

export function quarterOf(date: string | null): string {
  if (date === null) return UNDATED;
  return `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
}

export function severityKey(level: number | null): string {
  return level === null ? UNKNOWN_SEVERITY : String(level);
}

/** The services a review counts under: each one stated (once), or "none". */
export function serviceKeys(services: readonly string[]): readonly string[] {
  const stated = [...new Set(services.map((s) => s.trim()).filter((s) => s !== ''))];
  return stated.length > 0 ? stated : [NO_SERVICE];
}

export function durationsOf(reviews: readonly Review[], options: DurationOptions = {}): DurationReport {
  const overall = new Collector();
  const byMonth = new Map<string, Collector>();
  const byQuarter = new Map<string, Collector>();
  const bySeverity = new Map<string, Collector>();
  const byService = new Map<string, Collector>();
  const perReview: ReviewDurations[] = [];
  const missing: MissingDetection[] = [];

  for (const review of reviews) {
    if (!review.isReview) continue;
    const row = reviewDurations(review);
    perReview.push(row);
    const gap = missingDetection(review);
    if (gap) missing.push(gap);
    overall.add(row);
    collect(byMonth, monthOf(row.date)).add(row);
    collect(byQuarter, quarterOf(row.date)).add(row);
    collect(bySeverity, severityKey(row.severity)).add(row);
    for (const service of serviceKeys(row.services)) collect(byService, service).add(row);
  }

  const worst = perReview
    .filter((r) => r.silentFailureMinutes !== null)
    .sort((a, b) => (b.silentFailureMinutes ?? 0) - (a.silentFailureMinutes ?? 0) || compare(a.path, b.path))
    .slice(0, options.worst ?? 5);

  return {
    overall: overall.group('all'),
    byMonth: groups(byMonth, byKeyLast(UNDATED)),
    byQuarter: groups(byQuarter, byKeyLast(UNDATED)),
    bySeverity: groups(bySeverity, byKeyLast(UNKNOWN_SEVERITY)),
    byService: groups(byService, (a, b) =>
      a.key === NO_SERVICE || b.key === NO_SERVICE
        ? Number(a.key === NO_SERVICE) - Number(b.key === NO_SERVICE)
        : b.count - a.count || compare(a.key, b.key),
    ),
    worstSilentFailures: worst,
    missingDetection: missing,
  };
}

class Collector {
  count = 0;
  readonly values: Record<Measure, number[]> = {
    toDetectMinutes: [],
    toMitigateMinutes: [],
    toResolveMinutes: [],
    impactMinutes: [],
  };

  add(row: ReviewDurations): void {
    this.count += 1;
    for (const measure of MEASURES) {
      const value = row[measure];
      if (value !== null) this.values[measure].push(value);
    }
  }

  group(key: string): DurationGroup {
    return {
      key,
      count: this.count,
      toDetectMinutes: spreadOf(this.values.toDetectMinutes),
      toMitigateMinutes: spreadOf(this.values.toMitigateMinutes),
      toResolveMinutes: spreadOf(this.values.toResolveMinutes),
      impactMinutes: spreadOf(this.values.impactMinutes),
    };
  }
}

function collect(map: Map<string, Collector>, key: string): Collector {
  let collector = map.get(key);
  if (!collector) {
    collector = new Collector();
    map.set(key, collector);
  }
  return collector;
}

function groups(
  map: ReadonlyMap<string, Collector>,
  order: (a: DurationGroup, b: DurationGroup) => number,
): DurationGroup[] {
  return [...map].map(([key, collector]) => collector.group(key)).sort(order);
}

/** Keys in ascending order (dates and severity levels sort as text), with `last` after all others. */
function byKeyLast(last: string) {
  return (a: DurationGroup, b: DurationGroup) =>
    Number(a.key === last) - Number(b.key === last) || compare(a.key, b.key);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
