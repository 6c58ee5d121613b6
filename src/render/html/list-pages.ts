import { severityLabel } from './components.js';
import { html } from './escape.js';
import type { PageContent } from './layout.js';
import { reviewList } from './review-list.js';
import type { ReviewSummary } from './summary.js';
import type { ListKind, SiteUrls } from './urls.js';

const KIND_TITLES: Readonly<Record<ListKind, { readonly one: string; readonly all: string }>> = {
  service: { one: 'Service', all: 'Services' },
  tag: { one: 'Tag', all: 'Tags' },
  severity: { one: 'Severity', all: 'Severities' },
  year: { one: 'Year', all: 'Years' },
};

/** How a list key reads: severities as `SEV2` (the key is the level, or `none`). */
export function listLabel(kind: ListKind, key: string): string {
  return kind === 'severity' ? severityLabel(key === 'none' ? null : Number(key)) : key;
}

/** The reviews of one service, tag, severity or year. */
export function listPage(input: {
  readonly kind: ListKind;
  readonly key: string;
  readonly reviews: readonly ReviewSummary[];
  readonly urls: SiteUrls;
}): PageContent {
  const { kind, key, reviews, urls } = input;
  const title = `${KIND_TITLES[kind].one}: ${listLabel(kind, key)}`;
  return {
    title,
    main: html`<p class="crumbs">
        <a href="${urls.lists(kind)}">All ${KIND_TITLES[kind].all.toLowerCase()}</a>
      </p>
      <h1>${title}</h1>
      <p class="lead">${reviews.length} ${reviews.length === 1 ? 'review' : 'reviews'}</p>
      ${reviewList(reviews, urls)}`,
  };
}

/** Every key of a kind with its review count, most reviews first (years and severities in their own order). */
export function listIndexPage(input: {
  readonly kind: ListKind;
  readonly counts: ReadonlyMap<string, number>;
  readonly urls: SiteUrls;
}): PageContent {
  const { kind, counts, urls } = input;
  const entries = [...counts].sort(
    kind === 'year'
      ? ([a], [b]) => b.localeCompare(a)
      : kind === 'severity'
        ? ([a], [b]) => a.localeCompare(b)
        : ([a, n], [b, m]) => m - n || a.localeCompare(b),
  );
  return {
    title: KIND_TITLES[kind].all,
    main: html`<h1>${KIND_TITLES[kind].all}</h1>
      <ul class="key-list">
        ${entries.map(
          ([key, count]) =>
            html`<li>
              <a href="${urls.list(kind, key)}">${listLabel(kind, key)}</a>
              <span class="count">${count}</span>
            </li>`,
        )}
      </ul>`,
  };
}

/** Reviews that did not parse cleanly (each page shows why), and documents that are not reviews. */
export function attentionPage(input: {
  readonly reviews: readonly ReviewSummary[];
  readonly notReviews: readonly { readonly path: string; readonly title: string | null }[];
  readonly urls: SiteUrls;
  /** Files that could not be read as text at all (binary, too big …), with what the reader said. */
  readonly unreadable?: readonly { readonly path: string; readonly messages: readonly string[] }[];
}): PageContent {
  const { reviews, notReviews, urls } = input;
  const unreadable = input.unreadable ?? [];
  return {
    title: 'Needs attention',
    current: 'attention',
    main: html`<h1>Needs attention</h1>
      <p class="lead">
        ${
          reviews.length === 0
            ? 'Every review parsed cleanly.'
            : `${reviews.length} ${reviews.length === 1 ? 'review has' : 'reviews have'} parse errors; each page lists them.`
        }
      </p>
      ${reviews.length > 0 ? reviewList(reviews, urls) : ''}
      ${
        unreadable.length > 0
          ? html`<h2>Files that could not be read</h2>
              <ul>
                ${unreadable.map((f) => html`<li><code>${f.path}</code>: ${f.messages.join(' ')}</li>`)}
              </ul>`
          : ''
      }
      ${
        notReviews.length > 0
          ? html`<h2>Not reviews</h2>
              <p>
                These documents were read but are not reviews (index pages, templates, link lists), so they
                have no page.
              </p>
              <ul>
                ${notReviews.map((d) => html`<li><code>${d.path}</code>${d.title ? ` — ${d.title}` : ''}</li>`)}
              </ul>`
          : ''
      }`,
  };
}

/** The search form; `search.js` runs the query against the static index below `root`. */
export function searchPage(input: { readonly urls: SiteUrls; readonly root: string }): PageContent {
  return {
    title: 'Search',
    current: 'search',
    main: html`<h1>Search</h1>
      <form id="search-form" class="search-form" role="search" action="" data-root="${input.root}">
        <label for="search-input" class="visually-hidden">Search reviews</label>
        <input
          id="search-input"
          name="q"
          type="search"
          placeholder="Search every review"
          autocomplete="off"
        />
        <button type="submit">Search</button>
      </form>
      <p id="search-status" aria-live="polite"></p>
      <ol id="search-results" class="search-results"></ol>
      <noscript
        ><p>
          Search needs JavaScript. The <a href="${input.urls.home()}">list of reviews</a> works without it.
        </p></noscript
      >`,
  };
}
