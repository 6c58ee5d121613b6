import type { Review } from '../../model/review.js';
import { formatMinutes } from '../duration-format.js';
import { Html, html } from './escape.js';
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

export function titleOf(review: { readonly title: string | null; readonly id: string }): string {
  return review.title ?? review.id;
}

export function reviewLink(summary: ReviewSummary, urls: Pick<SiteUrls, 'review'>): Html {
  return html`<a href="${urls.review(summary.key)}">${titleOf(summary)}</a>`;
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
