import type { Review } from '../model/review.js';
import {
  type DurationReport,
  durationsOf,
  type MissingDetection,
  severityKey,
  UNKNOWN_SEVERITY,
} from './durations.js';
import { actionRecords, followThroughOf, type ReviewMonthCompletion } from './follow-through.js';

/**
 * The numbers of `hindsight stats`, in one plain-JSON object the CLI prints and the site and server can serve
 * as they are (`/api/stats`). Documents that are not reviews are counted and otherwise left out.
 */
export interface Stats {
  /** The date overdue items and ages were measured against. */
  readonly today: string;
  readonly totals: {
    /** Every document read, reviews or not. */
    readonly documents: number;
    readonly reviews: number;
    /** Index pages, templates, link lists: skipped. */
    readonly notReviews: number;
    /** Reviews per severity level: "1" (most severe) … "5", and "unknown"; every key present. */
    readonly bySeverity: Readonly<Record<string, number>>;
    /** Reviews per status as written (draft, published …), "unknown" when none is given; most first. */
    readonly byStatus: Readonly<Record<string, number>>;
  };
  /** Duration groups and the longest silent failures (the missing-detection list has its own field below). */
  readonly durations: Omit<DurationReport, 'missingDetection'>;
  /** Every review whose time to detect cannot be computed, with what is missing. */
  readonly missingDetection: {
    readonly count: number;
    readonly reviews: readonly MissingDetection[];
  };
  readonly followThrough: {
    readonly total: number;
    readonly open: number;
    readonly done: number;
    readonly overdue: number;
    /** done / total over all items, 3 decimals; null when there are none. */
    readonly completionRate: number | null;
    /** By the month of the review that raised the items: the model has no completion dates. */
    readonly byReviewMonth: readonly ReviewMonthCompletion[];
    /** How many items look like they repeat an item of an earlier review. */
    readonly repeats: number;
    /** A few of them, from the latest reviews; `hindsight actions` and the follow-through module give all. */
    readonly repeatExamples: readonly RepeatExample[];
  };
}

export interface RepeatExample {
  readonly reviewId: string;
  readonly path: string;
  readonly line: number;
  readonly text: string;
  readonly repeats: { readonly reviewId: string; readonly text: string; readonly done: boolean };
  readonly similarity: number;
}

const SEVERITY_KEYS = ['1', '2', '3', '4', '5', UNKNOWN_SEVERITY] as const;
const REPEAT_EXAMPLES = 5;

export function statsOf(documents: readonly Review[], today: string): Stats {
  const reviews = documents.filter((r) => r.isReview);
  const durations = durationsOf(reviews);
  const follow = followThroughOf(actionRecords(reviews, today), today);
  const repeatExamples = [...follow.repeats]
    .sort((a, b) => compare(b.item.reviewDate ?? '', a.item.reviewDate ?? ''))
    .slice(0, REPEAT_EXAMPLES)
    .map(({ item, repeats, similarity }) => ({
      reviewId: item.reviewId,
      path: item.reviewPath,
      line: item.line,
      text: item.text,
      repeats: { reviewId: repeats.reviewId, text: repeats.text, done: repeats.done },
      similarity,
    }));
  return {
    today: follow.today,
    totals: {
      documents: documents.length,
      reviews: reviews.length,
      notReviews: documents.length - reviews.length,
      bySeverity: countBy(
        reviews.map((r) => severityKey(r.severity?.level ?? null)),
        SEVERITY_KEYS,
      ),
      byStatus: countBy(reviews.map((r) => r.status ?? 'unknown')),
    },
    durations: {
      overall: durations.overall,
      byMonth: durations.byMonth,
      byQuarter: durations.byQuarter,
      bySeverity: durations.bySeverity,
      byService: durations.byService,
      worstSilentFailures: durations.worstSilentFailures,
    },
    missingDetection: { count: durations.missingDetection.length, reviews: durations.missingDetection },
    followThrough: {
      total: follow.total,
      open: follow.open,
      done: follow.done,
      overdue: follow.overdue,
      completionRate: follow.completionRate,
      byReviewMonth: follow.byReviewMonth,
      repeats: follow.repeats.length,
      repeatExamples,
    },
  };
}

/** Counts per key: the fixed keys first (zeros included) in their order, else the keys found, most first. */
function countBy(keys: readonly string[], fixed?: readonly string[]): Record<string, number> {
  const counts = new Map<string, number>((fixed ?? []).map((k) => [k, 0]));
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const entries = [...counts];
  if (!fixed) entries.sort(([a, x], [b, y]) => y - x || compare(a, b));
  return Object.fromEntries(entries);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
