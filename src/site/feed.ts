import { escapeHtml } from '../render/html/escape.js';
import { type ReviewSummary, compareNewestFirst } from '../render/html/summary.js';
import { SITE_PATHS } from '../render/html/urls.js';

const ENTRIES = 50;

/**
 * An Atom feed (RFC 4287) of the newest reviews: a small template rather than a feed library, since the whole
 * format used here is one element per field and every value goes through the same escaping. Links are absolute
 * with `--base-url`; without it they are relative to the feed, which Atom allows.
 */
export function atomFeed(input: {
  readonly reviews: readonly ReviewSummary[];
  readonly title: string;
  readonly baseUrl: string | null;
  /** When the feed says it was updated: the newest review's date, so an unchanged site gives the same feed. */
  readonly fallbackUpdated: string;
}): string {
  const base = input.baseUrl === null ? '' : input.baseUrl.replace(/\/?$/, '/');
  const newest = [...input.reviews]
    .filter((r) => r.date !== null)
    .sort(compareNewestFirst)
    .slice(0, ENTRIES);
  const updated = stamp(newest[0]?.date ?? input.fallbackUpdated);
  const entries = newest.map((r) => {
    const url = `${base}${SITE_PATHS.review(r.key)}`;
    return `  <entry>
    <title>${escapeHtml(r.title ?? r.id)}</title>
    <link href="${escapeHtml(url)}"/>
    <id>${escapeHtml(base === '' ? `urn:hindsight:review:${r.id}` : url)}</id>
    <updated>${stamp(r.date as string)}</updated>
${r.severity ? `    <category term="SEV${r.severity.level}"/>\n` : ''}${r.services.map((s) => `    <category term="${escapeHtml(s)}"/>\n`).join('')}${r.summary ? `    <summary>${escapeHtml(r.summary)}</summary>\n` : ''}  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${escapeHtml(input.title)}</title>
  <link rel="self" href="${escapeHtml(`${base}${SITE_PATHS.feed}`)}"/>
  <link href="${escapeHtml(`${base}${SITE_PATHS.home}`)}"/>
  <id>${escapeHtml(base === '' ? 'urn:hindsight:reviews' : `${base}${SITE_PATHS.feed}`)}</id>
  <updated>${updated}</updated>
  <generator>Hindsight</generator>
${entries.join('\n')}
</feed>
`;
}

/** Atom wants a full timestamp: a `YYYY-MM-DD` (or `YYYY-MM`) date becomes midnight UTC. */
function stamp(date: string): string {
  return `${date.length === 7 ? `${date}-01` : date}T00:00:00Z`;
}
