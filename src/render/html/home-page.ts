import { severityLabel } from './components.js';
import { type Html, html } from './escape.js';
import type { PageContent } from './layout.js';
import { reviewList } from './review-list.js';
import type { ReviewSummary } from './summary.js';
import { LIST_KINDS, type ListKind, type SiteUrls } from './urls.js';

export interface HomePageInput {
  readonly reviews: readonly ReviewSummary[];
  readonly urls: SiteUrls;
  readonly title?: string;
}

const LIST_LABELS: Readonly<Record<ListKind, string>> = {
  service: 'Services',
  tag: 'Tags',
  severity: 'Severities',
  year: 'Years',
};

/**
 * Every review by year, newest first, with filters by severity, service, tag and status. The filters need
 * `filter.js` (the form stays hidden without it); without JavaScript the per-service, tag, severity and year
 * pages do the same job, linked right above the list.
 */
export function homePage(input: HomePageInput): PageContent {
  const { reviews, urls } = input;
  const attention = reviews.filter((r) => r.errors > 0).length;
  return {
    title: input.title ?? 'Incident reviews',
    current: 'home',
    main: html`<h1>${input.title ?? 'Incident reviews'}</h1>
      <p class="lead">
        ${reviews.length}
        reviews${attention > 0 ? html` · <a href="${urls.attention()}">${attention} need attention</a>` : ''}
      </p>
      <nav class="browse" aria-label="Browse">
        Browse by
        ${LIST_KINDS.map((kind, i) => html`${i > 0 ? ' · ' : ''}<a href="${urls.lists(kind)}">${LIST_LABELS[kind].toLowerCase()}</a>`)}
      </nav>
      ${filterForm(reviews)}
      <div id="review-list">${reviewList(reviews, urls)}</div>
      <p id="filter-empty" class="muted" hidden>No review matches these filters.</p>`,
  };
}

function filterForm(reviews: readonly ReviewSummary[]): Html {
  const distinct = (values: readonly string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
  const levels = distinct(reviews.map((r) => String(r.severity?.level ?? 'none')));
  const select = (name: string, label: string, options: readonly (readonly [string, string])[]) =>
    html`<label
      >${label}
      <select name="${name}" data-filter="${name}">
        <option value="">all</option>
        ${options.map(([value, text]) => html`<option value="${value}">${text}</option>`)}
      </select></label
    > `;
  return html`<form class="filters" id="filters" hidden aria-label="Filter reviews">
    ${select(
      'severity',
      'Severity',
      levels.map((l) => [l, severityLabel(l === 'none' ? null : Number(l))]),
    )}${select(
      'services',
      'Service',
      distinct(reviews.flatMap((r) => r.services)).map((s) => [s, s]),
    )}${select(
      'tags',
      'Tag',
      distinct(reviews.flatMap((r) => r.tags)).map((t) => [t, t]),
    )}${select(
      'status',
      'Status',
      distinct(reviews.map((r) => r.status ?? 'none')).map((s) => [s, s]),
    )}<output id="filter-count" aria-live="polite"></output>
  </form>`;
}
