import type { Review } from '../../model/review.js';
import { formatMinutes } from '../duration-format.js';
import { escapeHtml, Html, html } from './escape.js';
import type { ReviewSummary } from './summary.js';
import type { SiteUrls } from './urls.js';

/** `SEV1`…`SEV5` by level, the written value as a tooltip; unknown severity gets a neutral badge. */
export function severityBadge(severity: Review['severity']): Html {
  if (!severity) return html`<span class="sev sev-unknown">no severity</span>`;
  return html`<span class="sev sev-${severity.level}" title="Severity as written: ${severity.raw}"
    >SEV${severity.level}</span
  >`;
}

export function severityLabel(level: number | null): string {
  return level === null ? 'No severity' : `SEV${level}`;
}

/** The review's title; for one without ("2024-02-28-decide is down.md"), its id read as words, or the id itself. */
export function titleOf(review: { readonly title: string | null; readonly id: string }): string {
  if (review.title !== null) return review.title;
  const words = review.id.replace(LEADING_DATE, '').replace(/[-_]+/g, ' ').trim();
  // A generated name ("160d35a4-38ac-…") or a bare date is no title: show the id as it is.
  if (UUID.test(review.id) || !/[a-z]{2}/i.test(words)) return review.id;
  return words.charAt(0).toUpperCase() + words.slice(1);
}
const LEADING_DATE = /^\d{4}-\d{2}-\d{2}-?/;
const UUID = /^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;

export function reviewLink(summary: ReviewSummary, urls: Pick<SiteUrls, 'review'>): Html {
  return html`<a href="${urls.review(summary.key)}">${titleOf(summary)}</a>`;
}

/**
 * Markup with one review link, kept in two halves around the link's address: the one part of a home or list row, or
 * a board row, that depends on the page's folder. A site lists each review and action item on many pages, and a build
 * that stays up (`build --watch`) draws them all again for one edit; with the halves kept, a page fills them in.
 */
export interface LinkHalves {
  readonly before: string;
  readonly after: string;
}

/** Where the address goes while the halves are drawn: no text of a review holds a NUL (markdown-it replaces it). */
const ADDRESS = '\u0000address\u0000';

/** Draws markup whose review link points at a stand-in, and cuts it where the address goes. */
export function linkHalves(draw: (urls: Pick<SiteUrls, 'review'>) => Html): LinkHalves {
  const [before = '', after = ''] = draw({ review: () => ADDRESS }).value.split(ADDRESS);
  return { before, after };
}

/** The halves put together around a page's address. */
export function withLink(halves: LinkHalves, address: string): Html {
  return new Html(`${halves.before}${escapeHtml(address)}${halves.after}`);
}

/**
 * The dash of an empty cell. Written as an entity: one character beyond Latin-1 makes V8 keep a whole page two bytes
 * a character, and the site build holds thousands of pages.
 */
export const NO_VALUE = new Html('&ndash;');

export function minutes(value: number | undefined): Html | string {
  return value === undefined ? NO_VALUE : formatMinutes(value);
}

/**
 * The split the issue asks for: silent failure (start of impact → detection) and active response (detection →
 * resolution), as words and as a bar whose two parts keep their proportion.
 */
export function durationSplit(durations: Review['durations']): Html {
  const silent = durations.toDetectMinutes;
  const total = durations.toResolveMinutes ?? durations.impactMinutes;
  if (total === undefined) return html`<span class="muted">duration unknown</span>`;
  if (silent === undefined || silent > total)
    return html`<span class="duration">${formatMinutes(total)} in total</span>`;
  const active = total - silent;
  const width = 120;
  const silentWidth = total === 0 ? 0 : Math.round((silent / total) * width);
  return html`<span class="duration"
    ><svg class="split" width="${width}" height="8" viewBox="0 0 ${width} 8" aria-hidden="true">
      <rect class="silent" width="${silentWidth}" height="8" />
      <rect class="active" x="${silentWidth}" width="${width - silentWidth}" height="8" />
    </svg>
    <span>silent ${formatMinutes(silent)}</span> · <span>response ${formatMinutes(active)}</span></span
  >`;
}
