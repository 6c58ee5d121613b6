import { durationSplit, reviewLink, severityBadge } from './components.js';
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
 * A review's row, kept while its summary object lives: a site lists each review on five pages or so (services,
 * tags, severity, year), all one folder down, so their rows are the same markup — 55,000 rows at 10,000 reviews.
 * The row depends on nothing but the summary and its link, which is checked.
 */
const ROWS = new WeakMap<ReviewSummary, { readonly href: string; readonly row: Html }>();

function reviewRow(review: ReviewSummary, urls: SiteUrls): Html {
  const href = urls.review(review.key);
  const kept = ROWS.get(review);
  if (kept?.href === href) return kept.row;
  const row = renderRow(review, urls);
  ROWS.set(review, { href, row });
  return row;
}

function renderRow(review: ReviewSummary, urls: SiteUrls): Html {
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
  const flat = summary.replace(/\s+/g, ' ').trim();
  const sentence = /^.+?[.!?](?=\s|$)/.exec(flat)?.[0] ?? flat;
  return sentence.length <= SUMMARY_CHARS ? sentence : `${sentence.slice(0, SUMMARY_CHARS - 1).trimEnd()}…`;
}
