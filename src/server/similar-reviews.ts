import type { ReviewIndex } from '../index/review-index.js';
import type { Review } from '../model/review.js';
import { reviewTerms } from '../site/search-index.js';
import { versionedCache } from './versioned-cache.js';

/** Words tried per review, its most frequent; the rarest of them make the probe. */
const CANDIDATES = 24;
const PROBE = 8;
/** A word in more than this share of reviews says nothing about which are alike (the site's limit too). */
const COMMON_SHARE = 0.05;
const SHOWN = 3;

/**
 * "Similar reviews" on a review page, from the full-text index: the review's distinctive words (frequent in it,
 * rare across reviews: the site's tf × idf probe, with document counts from FTS5) matched with OR and ranked by
 * bm25. A few small queries per review instead of the site's in-memory postings, kept until the index changes.
 */
export function similarReviews(index: ReviewIndex): (review: Review) => readonly string[] {
  const cache = versionedCache<readonly string[]>(() => index.generation);
  return (review) => cache.get(review.id) ?? cache.set(review.id, similarReviewIds(index, review));
}

function similarReviewIds(index: ReviewIndex, review: Review): string[] {
  const reviews = index.reviewCount();
  const common = Math.max(2, reviews * COMMON_SHARE);
  const { terms } = reviewTerms(review);
  const candidates = [...terms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, CANDIDATES);
  const probe = candidates
    .flatMap(([word, tf]) => {
      const df = index.reviewsWithWord(word);
      return df >= 2 && df <= common ? [{ word, weight: tf * Math.log(reviews / df) }] : [];
    })
    .sort((a, b) => b.weight - a.weight)
    .slice(0, PROBE)
    .map((p) => p.word);
  return index
    .bestMatchesOfAny(probe, SHOWN + 1)
    .filter((id) => id !== review.id)
    .slice(0, SHOWN);
}
