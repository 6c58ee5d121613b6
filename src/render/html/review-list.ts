import { flat } from '../../parse/blocks.js';
import {
  durationSplit,
  type LinkHalves,
  linkHalves,
  reviewLink,
  severityBadge,
  withLink,
} from './components.js';
import { type Html, html } from './escape.js';
import { compareNewestFirst, type ReviewSummary } from './summary.js';
import type { SiteUrls } from './urls.js';

/** The separator inside `data-` attributes that hold several values (services, tags). */
export const DATA_SEPARATOR = '|';

/**
 * Reviews grouped by year, newest first: date, title, severity badge, duration split, one-line summary. Each row
 * carries its severity, services, tags and status as `data-` attributes for the filter script.
 */
export function reviewList(reviews: readonly ReviewSummary[], urls: SiteUrls): Html {
  if (reviews.length === 0) return html`<p class="muted">No reviews.</p>`;
  const years = new Map<string, ReviewSummary[]>();
  for (const review of [...reviews].sort(compareNewestFirst)) {
    const year = review.date?.slice(0, 4) ?? 'Undated';
    const group = years.get(year);
    if (group) group.push(review);
    else years.set(year, [review]);
  }
  return html`${[...years].map(
    ([year, group]) =>
      html`<section class="year" aria-labelledby="year-${year}">
        <h2 id="year-${year}">${year} <span class="count">${group.length}</span></h2>
        <ol class="reviews">
          ${group.map((review) => reviewRow(review, urls))}
        </ol>
      </section> `,
  )}`;
}

/**
 * A review's row, kept while its summary object lives: a site lists each review on six pages or so (home, services,
 * tags, severity, year), so their rows are the same markup but for the link to the review — 65,000 rows at 10,000
 * reviews. So the row is kept in two halves around that link's address, which each page fills in.
 */
const ROWS = new WeakMap<ReviewSummary, LinkHalves>();

function reviewRow(review: ReviewSummary, urls: SiteUrls): Html {
  let row = ROWS.get(review);
  if (!row) ROWS.set(review, (row = linkHalves((link) => rowMarkup(review, link))));
  return withLink(row, urls.review(review.key));
}

function rowMarkup(review: ReviewSummary, urls: Pick<SiteUrls, 'review'>): Html {
  return html`<li
    class="review-row"
    data-severity="${review.severity?.level ?? 'none'}"
    data-services="${review.services.join(DATA_SEPARATOR)}"
    data-tags="${review.tags.join(DATA_SEPARATOR)}"
    data-status="${review.status ?? 'none'}"
  >
    <div class="row-head">
      <time datetime="${review.date ?? ''}">${review.date ?? 'undated'}</time>
      ${severityBadge(review.severity)}
      <h3>${reviewLink(review, urls)}</h3>
      ${review.errors > 0 ? html` <span class="attention">needs attention</span>` : ''}
    </div>
    <div class="row-duration">${durationSplit(review.durations)}</div>
    ${review.summary ? html`<p class="row-summary">${oneLine(review.summary)}</p>` : ''}
  </li> `;
}

const SUMMARY_CHARS = 240;

/** The summary's first sentence, or its first 240 characters. */
export function oneLine(summary: string): string {
  const line = flat(summary);
  const sentence = /^.+?[.!?](?=\s|$)/.exec(line)?.[0] ?? line;
  return sentence.length <= SUMMARY_CHARS ? sentence : `${sentence.slice(0, SUMMARY_CHARS - 1).trimEnd()}…`;
}
