import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ThemesConfig } from '../config/config.js';
import {
  type Taxonomy,
  taxonomyFromConfig,
  type ThemeSource,
  themeInputKey,
  themeSourceOf,
} from '../insights/themes.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { ActionItem } from '../model/review.js';
import { onSourceLines, readAnyFormat } from '../parse/formats/convert.js';
import { decodeHref, isTemplatedHref } from '../parse/hrefs.js';
import { analyzeSource } from '../parse/parse-source.js';
import { contentHash } from '../parse-cache.js';
import { renderDocument } from '../render/html/layout.js';
import { isSafeUrl } from '../render/html/markdown.js';
import { parsedReviewBody, reviewPage } from '../render/html/review-page.js';
import { type ReviewSummary, summarizeReview } from '../render/html/summary.js';
import { staticUrls } from '../render/html/urls.js';
import { type PackedTerms, packTerms, reviewTerms } from './search-index.js';

/** Parts of a rendered review page that the main thread fills in once it knows every review (see build-site.ts). */
export const MARKERS = {
  /** Prefix of a relative link: `hindsight-link:<absolute path, URI-encoded>`. */
  link: 'hindsight-link:',
  /** The page's own absolute URL (`<link rel="canonical">`). */
  self: 'hindsight-self:',
} as const;

/** What every page of a build shares: plain data, so it can be handed to a worker thread. */
export interface PageSettings {
  readonly siteTitle: string;
  readonly today: string;
  /** `{path}` is replaced by the source's path. */
  readonly editUrl: string | null;
  readonly canonical: boolean;
  /** The config's theme taxonomy changes (docs/themes.md), as `hindsight themes` reads them. */
  readonly themes: ThemesConfig | null;
}

/** Each thread compiles the taxonomy of its build's settings once. */
const taxonomies = new WeakMap<PageSettings, Taxonomy>();
export function taxonomyOf(settings: PageSettings): Taxonomy {
  let taxonomy = taxonomies.get(settings);
  if (taxonomy === undefined)
    taxonomies.set(settings, (taxonomy = taxonomyFromConfig(settings.themes ?? undefined)));
  return taxonomy;
}

/** One review, rendered: all of it plain data, to cross worker threads. */
export interface SiteReview {
  /** The summary; its `key` is the review's id until the main thread makes it unique. */
  readonly summary: ReviewSummary;
  readonly diagnostics: readonly Diagnostic[];
  readonly related: readonly string[];
  readonly actions: readonly ActionItem[];
  /** What its cause themes are worked out from, later (see SiteJob); null for a document that is not a review. */
  readonly themeSource: ThemeSource | null;
  /** `themeInputKey` of it: a warm build keeps the themes of an edit that left it alone. */
  readonly themeKey: string | null;
  /** The whole page without its related and similar lists, with MARKERS where it links elsewhere. */
  readonly page: string;
  /** The review as `hindsight parse --format json` prints it. */
  readonly json: string;
  readonly terms: PackedTerms;
  readonly length: number;
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

/** Every review page sits one folder down (`reviews/<key>.html`): its relative links are the same whatever the key. */
const REVIEW_PAGE_URLS = staticUrls('reviews/page.html');

/** Themes a build already has, by `themeInputKey`: an edit that leaves a review's causes alone keeps them. */
export type KnownThemes = (key: string) => readonly string[] | undefined;

/**
 * read → parse → render page and index terms for one file, on whichever thread runs it: the expensive per-review
 * work of a build, spread over worker threads like parsing. Only strings and small records come back.
 */
export async function siteFile(file: string, cwd: string, settings: PageSettings): Promise<SiteFile> {
  // Every format `parse` reads (HTML, reStructuredText, PDF …) gets its page, with diagnostics on the source's lines.
  const { source, format, sourceLine, bytes } = await readAnyFormat(file, cwd);
  const parsed = analyzeSource(source, format);
  const folder = dirname(file);
  const resolveLink = (href: string): string | null => {
    if (!isSafeUrl(href) || href.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
    const [path = '', fragment] = href.split('#', 2);
    if (path === '') return href;
    // Dropped, its text kept, and not reported as broken (as the broken-link lint rule does).
    if (isTemplatedHref(path)) return null;
    const target = encodeURIComponent(resolve(folder, decodeHref(path)));
    return `${MARKERS.link}${target}${fragment === undefined ? '' : `#${fragment}`}`;
  };
  return {
    file,
    hash: bytes === null ? null : contentHash(bytes),
    ...statOf(file),
    diagnostics: parsed.diagnostics,
    reviews: parsed.reviews.map((document) => {
      const { review, diagnostics: found } = document;
      const diagnostics = onSourceLines(found, sourceLine);
      const { terms, length } = reviewTerms(review);
      const themeSource = review.isReview ? themeSourceOf(review, taxonomyOf(settings)) : null;
      const content = reviewPage({
        review,
        diagnostics,
        related: [],
        similar: [],
        editUrl: settings.editUrl === null ? null : settings.editUrl.replace('{path}', review.source.path),
        today: settings.today,
        urls: REVIEW_PAGE_URLS,
        body: parsedReviewBody(document, { resolveLink }),
      });
      return {
        summary: summarizeReview(review, diagnostics),
        diagnostics,
        related: review.related,
        actions: review.actionItems,
        themeSource,
        themeKey: themeSource === null ? null : themeInputKey(themeSource),
        page: renderDocument(content, {
          urls: REVIEW_PAGE_URLS,
          siteTitle: settings.siteTitle,
          ...(settings.canonical && { canonical: MARKERS.self }),
        }),
        json: JSON.stringify(review),
        terms: packTerms(terms),
        length,
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
