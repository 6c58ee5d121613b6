import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { themeIds } from '../insights/themes.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Review } from '../model/review.js';
import { parseSource } from '../parse/parse-source.js';
import { readSource } from '../read/read-sources.js';
import { contentHash } from '../parse-cache.js';
import { reviewBody } from '../render/html/review-page.js';
import { isSafeUrl } from '../render/html/markdown.js';
import { indexReview } from './search-index.js';

/** The part of a link in a review body that the main thread resolves once it knows every page (see links.ts). */
export const LINK_MARKER = 'hindsight-link:';

/** What the per-file work of a build yields for one review: all of it plain data, to cross worker threads. */
export interface SiteReview {
  readonly review: Review;
  readonly diagnostics: readonly Diagnostic[];
  /** The rendered body; relative links are `hindsight-link:<absolute path>` until the main thread resolves them. */
  readonly body: string;
  readonly terms: ReadonlyMap<string, number>;
  readonly length: number;
  readonly themes: readonly string[];
}

export interface SiteFile {
  /** Absolute path. */
  readonly file: string;
  readonly hash: string | null;
  readonly mtimeMs: number;
  readonly size: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly reviews: readonly SiteReview[];
}

/**
 * read → parse → render body, index terms and themes for one file, on whichever thread runs it. The expensive
 * per-review work of a build happens here, so it spreads over worker threads like parsing does.
 */
export function siteFile(file: string, cwd: string): SiteFile {
  const info = statOf(file);
  const source = readSource(file, cwd);
  const parsed = parseSource(source);
  const folder = dirname(file);
  const resolveLink = (href: string): string | null => {
    if (!isSafeUrl(href) || href.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
    const [path = '', fragment] = href.split('#', 2);
    if (path === '') return href;
    return `${LINK_MARKER}${encodeURIComponent(resolve(folder, decodeURIComponent(path)))}${fragment === undefined ? '' : `#${fragment}`}`;
  };
  return {
    file,
    hash: hashOf(file),
    ...info,
    diagnostics: parsed.diagnostics,
    reviews: parsed.reviews.map(({ review, diagnostics }) => {
      const { terms, length } = indexReview(review, '');
      return {
        review,
        diagnostics,
        body: reviewBody(review, { resolveLink }).value,
        terms,
        length,
        themes: review.isReview ? themeIds(review) : [],
      };
    }),
  };
}

function statOf(file: string): { mtimeMs: number; size: number } {
  try {
    const { mtimeMs, size } = statSync(file);
    return { mtimeMs, size };
  } catch {
    return { mtimeMs: 0, size: -1 };
  }
}

function hashOf(file: string): string | null {
  try {
    return contentHash(readFileSync(file));
  } catch {
    return null;
  }
}
