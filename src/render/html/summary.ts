import type { Diagnostic } from '../../model/diagnostic.js';
import type { Review } from '../../model/review.js';

/**
 * What a list, the home page or a link needs to know about a review: small, so a site of 10,000 reviews keeps
 * every summary in memory (and in the build cache) without keeping every review.
 */
export interface ReviewSummary {
  /** The review's page key: its id, made unique by the site when two reviews share one. */
  readonly key: string;
  readonly id: string;
  readonly isReview: boolean;
  readonly title: string | null;
  readonly date: string | null;
  readonly severity: Review['severity'];
  readonly status: string | null;
  readonly services: readonly string[];
  readonly tags: readonly string[];
  readonly summary: string | null;
  readonly durations: Review['durations'];
  /** Parse errors: the review still gets a page, and lists flag it as "needs attention". */
  readonly errors: number;
  readonly path: string;
}

export function summarizeReview(
  review: Review,
  diagnostics: readonly Diagnostic[],
  key: string = review.id,
): ReviewSummary {
  return {
    key,
    id: review.id,
    isReview: review.isReview,
    title: review.title,
    date: review.date,
    severity: review.severity,
    status: review.status,
    services: review.services,
    tags: review.tags,
    summary: review.summary,
    durations: review.durations,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    path: review.source.path,
  };
}

/** Newest first; undated last; then by title, so lists are stable. */
export function compareNewestFirst(a: ReviewSummary, b: ReviewSummary): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  return (a.title ?? a.id).localeCompare(b.title ?? b.id);
}
