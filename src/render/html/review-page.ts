import type { Diagnostic } from '../../model/diagnostic.js';
import type { ActionItem, Review, Section } from '../../model/review.js';
import { CANONICAL_HEADINGS } from '../../model/section-kind.js';
import type { AnalyzedReview } from '../../parse/parse-review.js';
import { durationSplit, minutes, NO_VALUE, reviewLink, severityBadge, titleOf } from './components.js';
import { type Html, html } from './escape.js';
import type { PageContent } from './layout.js';
import { type MarkdownOptions, renderMarkdownParts, renderParsedParts } from './markdown.js';
import type { ReviewSummary } from './summary.js';
import { timelineTrack } from './timeline-track.js';
import type { SiteUrls } from './urls.js';

export interface ReviewPageInput {
  readonly review: Review;
  /** The page key (see ReviewSummary.key); the review's id when not given. */
  readonly key?: string;
  /** What parsing (and, where the caller ran it, linting) found: shown on the page, errors first. */
  readonly diagnostics: readonly Diagnostic[];
  readonly related: readonly ReviewSummary[];
  readonly similar: readonly ReviewSummary[];
  /** Where the source file can be edited (a forge URL, or the server's editor); no link when null. */
  readonly editUrl: string | null;
  /** `YYYY-MM-DD`: open action items due before it are overdue. */
  readonly today: string;
  readonly urls: SiteUrls;
  /** How relative links in the review's markdown resolve on this page (see MarkdownOptions). */
  readonly resolveLink?: MarkdownOptions['resolveLink'];
  /** The body already rendered (`reviewBody`), e.g. on a worker thread; rendered here when absent. */
  readonly body?: Html;
}

/** One review as a page: body, facts panel, timeline track, action items, related and similar reviews. */
export function reviewPage(input: ReviewPageInput): PageContent {
  const { review } = input;
  const title = titleOf(review);
  return {
    title,
    ...(review.summary !== null && { description: review.summary }),
    main: html`<article class="review" data-review-id="${review.id}">
      <header class="review-header">
        <p class="review-meta">
          ${severityBadge(review.severity)}
          ${review.date ? html`<time datetime="${review.date}">${review.date}</time>` : 'undated'}${review.status ? html` · <span class="status">${review.status}</span>` : ''}
        </p>
        <h1>${title}</h1>
        ${input.editUrl ? html`<p class="edit-link"><a href="${input.editUrl}">Edit this page</a> <span class="muted">(${review.source.path})</span></p>` : html`<p class="muted">${review.source.path}</p>`}
      </header>
      ${diagnosticsPanel(input.diagnostics)} ${factsPanel(review, input.urls)} ${timelineTrack(review)}
      <div class="review-body">
        ${input.body ?? reviewBody(review, input.resolveLink ? { resolveLink: input.resolveLink } : {})}
      </div>
      ${actionItemsTable(review.actionItems, input.today)}
      ${reviewLinks('Related reviews', input.related, input.urls)}
      ${reviewLinks('Similar reviews', input.similar, input.urls)}
    </article>`,
  };
}

/**
 * The review's sections as HTML: each a `<section>` with its heading (the canonical one when it had none). A labelled
 * bullet read as a section (`nested`) is shown where it is written, in the section holding it.
 */
export function reviewBody(review: Review, options: MarkdownOptions = {}): Html {
  const shown = review.sections.filter((section) => section.nested !== true);
  const bodies = renderMarkdownParts(
    shown.map((section) => section.markdown),
    { ...options, minHeadingLevel: 3 },
  );
  return html`${shown.map((section, i) => sectionHtml(section, bodies[i] as Html))}`;
}

/**
 * `reviewBody` of a review as the parser left it, rendered from the parser's tokens when they serve
 * (`renderParsedParts`): the same HTML, without reading the text a second time. Uses up the document's tokens.
 */
export function parsedReviewBody(document: AnalyzedReview, options: MarkdownOptions = {}): Html {
  const nodes = document.sectionNodes.filter((node) => node.nested !== true);
  const bodies = renderParsedParts(
    document.markdown,
    nodes.map((node) => ({ from: node.bodyLine, to: node.endLine })),
    { ...options, minHeadingLevel: 3 },
  );
  if (bodies === null) return reviewBody(document.review, options);
  const shown = document.review.sections.filter((section) => section.nested !== true);
  return html`${shown.map((section, i) => sectionHtml(section, bodies[i] as Html))}`;
}

function sectionHtml(section: Section, body: Html): Html {
  const heading = section.heading.trim() === '' ? CANONICAL_HEADINGS[section.kind] : section.heading;
  return html`<section class="section section-${section.kind}">
    <h2>${heading}</h2>
    ${body}
  </section> `;
}

function diagnosticsPanel(diagnostics: readonly Diagnostic[]): Html {
  if (diagnostics.length === 0) return html``;
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...diagnostics].sort((a, b) => order[a.severity] - order[b.severity] || a.line - b.line);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return html`<aside
    class="diagnostics${errors > 0 ? ' has-errors' : ''}"
    aria-labelledby="diagnostics-title"
  >
    <h2 id="diagnostics-title">
      ${errors > 0 ? 'Needs attention: this review did not parse cleanly' : 'Notes from parsing'}
    </h2>
    <ul>
      ${sorted.map((d) => html`<li><span class="diag-${d.severity}">${d.severity}</span> line ${d.line}: ${d.message} <code>${d.rule}</code></li> `)}
    </ul>
  </aside>`;
}

function factsPanel(review: Review, urls: SiteUrls): Html {
  const { times, durations } = review;
  const links = (kind: 'service' | 'tag', values: readonly string[]) =>
    values.length === 0
      ? html`<span class="muted">none</span>`
      : html`${values.map((v, i) => html`${i > 0 ? ', ' : ''}<a href="${urls.list(kind, v)}">${v}</a>`)}`;
  const time = (value: string | undefined) =>
    value === undefined
      ? html`<span class="muted">unknown</span>`
      : html`<time datetime="${value}">${value.replace('T', ' ')}</time>`;
  return html`<aside class="facts" aria-label="Facts">
    <dl>
      <div>
        <dt>Severity</dt>
        <dd>
          ${severityBadge(review.severity)}${review.severity ? html` <span class="muted">${review.severity.raw}</span>` : ''}
        </dd>
      </div>
      <div>
        <dt>Services</dt>
        <dd>${links('service', review.services)}</dd>
      </div>
      <div>
        <dt>Tags</dt>
        <dd>${links('tag', review.tags)}</dd>
      </div>
      ${
        review.authors.length > 0
          ? html`<div>
              <dt>Authors</dt>
              <dd>${review.authors.join(', ')}</dd>
            </div>`
          : ''
      }
      <div>
        <dt>Started</dt>
        <dd>${time(times.started)}</dd>
      </div>
      <div>
        <dt>Detected</dt>
        <dd>${time(times.detected)}</dd>
      </div>
      <div>
        <dt>Mitigated</dt>
        <dd>${time(times.mitigated)}</dd>
      </div>
      <div>
        <dt>Resolved</dt>
        <dd>${time(times.resolved)}</dd>
      </div>
      ${
        review.timezone
          ? html`<div>
              <dt>Time zone</dt>
              <dd>${review.timezone}</dd>
            </div>`
          : ''
      }
      <div>
        <dt><abbr title="Time to detect">TTD</abbr></dt>
        <dd>${minutes(durations.toDetectMinutes)}</dd>
      </div>
      <div>
        <dt><abbr title="Time to mitigate">TTM</abbr></dt>
        <dd>${minutes(durations.toMitigateMinutes)}</dd>
      </div>
      <div>
        <dt><abbr title="Time to resolve">TTR</abbr></dt>
        <dd>${minutes(durations.toResolveMinutes)}</dd>
      </div>
      <div class="wide">
        <dt>Duration</dt>
        <dd>${durationSplit(durations)}</dd>
      </div>
    </dl>
  </aside>`;
}

function actionItemsTable(items: readonly ActionItem[], today: string): Html {
  if (items.length === 0) return html``;
  return html`<section class="action-items" aria-labelledby="action-items-title">
    <h2 id="action-items-title">
      Action items (${items.filter((a) => !a.done).length} open of ${items.length})
    </h2>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
            <th scope="col">Link</th>
          </tr>
        </thead>
        <tbody>
          ${items.map((item) => actionRow(item, today))}
        </tbody>
      </table>
    </div>
  </section>`;
}

/** `open`, `overdue` (open and past its due date) or `done`. */
export function actionStatus(item: ActionItem, today: string): 'done' | 'open' | 'overdue' {
  if (item.done) return 'done';
  return item.due !== null && item.due < today ? 'overdue' : 'open';
}

function actionRow(item: ActionItem, today: string): Html {
  const status = actionStatus(item, today);
  return html`<tr class="action-${status}">
    <td>${item.text}</td>
    <td>${item.owner ?? html`<span class="muted">none</span>`}</td>
    <td class="date">${item.due ?? html`<span class="muted">${NO_VALUE}</span>`}</td>
    <td><span class="status-${status}">${status}</span></td>
    <td>${item.link ? linkCell(item.link) : html`<span class="muted">${NO_VALUE}</span>`}</td>
  </tr> `;
}

function linkCell(link: string): Html {
  const label = link.replace(/^https?:\/\//, '').replace(/\/$/, '');
  return /^https?:\/\//i.test(link) ? html`<a href="${link}">${label}</a>` : html`${label}`;
}

/** A list of other reviews on a review page ("Related reviews", "Similar reviews"); nothing when empty. */
export function reviewLinks(title: string, reviews: readonly ReviewSummary[], urls: SiteUrls): Html {
  if (reviews.length === 0) return html``;
  return html`<section class="review-links" aria-label="${title}">
    <h2>${title}</h2>
    <ul>
      ${reviews.map((r) => html`<li>${severityBadge(r.severity)} ${reviewLink(r, urls)} <span class="muted">${r.date ?? 'undated'}</span></li> `)}
    </ul>
  </section>`;
}
