import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../config/defaults.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { Page, Paging, SearchHit } from '../index/queries.js';
import type { ReviewIndex } from '../index/review-index.js';
import { statsOf, type Stats } from '../insights/stats.js';
import { type Taxonomy, taxonomyFromConfig } from '../insights/themes.js';
import { type LintDiagnostic, lintSource } from '../lint/lint-review.js';
import { type ActiveRule, resolveRules } from '../lint/resolve-rules.js';
import { RULES } from '../lint/rules/index.js';
import type { Review } from '../model/review.js';
import { localToday } from '../model/time.js';
import { analyzeSource } from '../parse/parse-source.js';
import { decode } from '../read/decode.js';
import { reviewBody } from '../render/html/index.js';
import { createReviewFiles, type ReviewFiles } from './review-files.js';
import { versionedCache } from './versioned-cache.js';

export interface ServerOptions {
  readonly index: ReviewIndex;
  /** Writes need this token (HINDSIGHT_TOKEN) when set: the server listens beyond loopback. */
  readonly token?: string | null;
  /** The reviews folder's config (rules for the live lint); the defaults when not given. */
  readonly config?: LoadedConfig;
  /** The date overdue items are measured against; today's local date unless a test fixes it. */
  readonly today?: () => string;
  /** Where internal errors are logged (never sent to clients). */
  readonly log?: (message: string) => void;
}

export interface Preview {
  readonly html: string;
  readonly review: Review | null;
  readonly diagnostics: readonly LintDiagnostic[];
}

/** What every route needs: the index, the writer, and a few things derived from the index, cached by generation. */
export interface ServerContext {
  readonly index: ReviewIndex;
  readonly files: ReviewFiles;
  readonly token: string | null;
  readonly log: (message: string) => void;
  /** Cause themes as the config defines them (docs/themes.md). */
  readonly taxonomy: Taxonomy;
  today(): string;
  stats(): Stats;
  /** Full-text search, its answers kept until the index changes. */
  search(q: string, paging: Paging): Page<SearchHit>;
  /** Lint diagnostics of a markdown text, and its page body: the editor's live preview. */
  preview(markdown: string, path?: string): Preview;
  /** Lint diagnostics of an indexed review's file, kept per etag. */
  diagnosticsOf(review: Review & { readonly etag: string }): readonly LintDiagnostic[];
}

const LINT_CACHE_SIZE = 1000;
/** Searches answered from memory (about 10 KB each) while the index stays as it is. */
const SEARCH_CACHE_SIZE = 500;

/** Searches that differ only in case or spacing have the same answer. */
export function searchKey(q: string, paging: Paging): string {
  return `${paging.limit} ${paging.offset} ${q.trim().toLowerCase().replace(/\s+/g, ' ')}`;
}

export function createContext(options: ServerOptions): ServerContext {
  const { index } = options;
  const today = options.today ?? localToday;
  const rules: ActiveRule[] = resolveRules(
    options.config?.config ?? DEFAULT_CONFIG,
    RULES,
    options.config?.path ?? null,
  );
  let cachedStats: { generation: number; today: string; stats: Stats } | null = null;
  const lintCache = new Map<string, readonly LintDiagnostic[]>();
  // As a search engine's query result cache: people look up the same words (the service that is down, the error
  // of the day), and search-as-you-type asks for every prefix on the way to them. A miss costs 1–6 ms at 10,000
  // reviews (FTS5 ranks every match), a hit a map lookup; any change to the index empties it.
  const searches = versionedCache<Page<SearchHit>>(() => index.generation, SEARCH_CACHE_SIZE);

  const lintText = (markdown: string, path: string, absolute: string | null) => {
    const source = analyzeSource({ path, ...decode(Buffer.from(markdown, 'utf8'), path) });
    return { source, diagnostics: lintSource(source, absolute, rules) };
  };

  return {
    index,
    files: createReviewFiles(index, today),
    token: options.token ?? null,
    log: options.log ?? ((message) => process.stderr.write(`${message}\n`)),
    taxonomy: taxonomyFromConfig(options.config?.config.themes),
    today,
    stats() {
      const day = today();
      if (cachedStats?.generation !== index.generation || cachedStats.today !== day)
        cachedStats = {
          generation: index.generation,
          today: day,
          stats: statsOf(
            index.allDocuments().map((d) => d.review),
            day,
          ),
        };
      return cachedStats.stats;
    },
    search(q, paging) {
      const key = searchKey(q, paging);
      return searches.get(key) ?? searches.set(key, index.search(q, paging));
    },
    preview(markdown, path) {
      const named = path ?? 'preview.md';
      const { source, diagnostics } = lintText(markdown, named, join(index.root, named));
      const review = source.reviews[0]?.review ?? null;
      // Text with no file yet has no file name to judge.
      const relevant = path === undefined ? diagnostics.filter((d) => d.rule !== 'file-name') : diagnostics;
      return { html: review ? reviewBody(review).value : '', review, diagnostics: relevant };
    },
    diagnosticsOf(review) {
      const cached = lintCache.get(review.etag);
      if (cached) return cached;
      const absolute = join(index.root, review.source.path);
      const bytes = readBytes(absolute);
      const diagnostics =
        bytes === null ? [] : lintText(bytes.toString('utf8'), review.source.path, absolute).diagnostics;
      if (lintCache.size >= LINT_CACHE_SIZE) lintCache.delete(lintCache.keys().next().value ?? '');
      lintCache.set(review.etag, diagnostics);
      return diagnostics;
    },
  };
}

function readBytes(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}
