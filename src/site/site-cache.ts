import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../model/diagnostic.js';
import type { ActionItem } from '../model/review.js';
import type { ReviewSummary } from '../render/html/summary.js';
import type { SearchDoc } from './search-index.js';

/**
 * What a build keeps for the next one, inside the output folder (so a fresh output folder is always a cold
 * build): per source file its stat and content hash, and per review what the pages that list it need — never the
 * review itself. A warm build re-parses only changed files and rewrites only the pages that show them.
 */
export const CACHE_FILE = '.hindsight/build-cache.json';

export interface CachedReview {
  readonly summary: ReviewSummary;
  readonly actions: readonly ActionItem[];
  readonly themes: readonly string[];
  readonly related: readonly string[];
  /** Page keys of the similar reviews shown on this review's page. */
  readonly similar: readonly string[];
  /** The review's number in the base search index; null when it is in the delta segment or not a review. */
  readonly searchDoc: number | null;
  readonly diagnostics: readonly Diagnostic[];
}

export interface CachedFile {
  readonly mtimeMs: number;
  readonly size: number;
  readonly hash: string | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly reviews: readonly CachedReview[];
  /** Where this file's reviews sit in the body of reviews.json: [start, length] in bytes. */
  readonly json: readonly [number, number];
  /** Files outside the site that this file's reviews link to (copied under `files/`). */
  readonly copied: readonly string[];
  /** Links to files that do not exist, reported again by every build until fixed. */
  readonly brokenLinks: readonly string[];
}

export interface SearchState {
  readonly shards: number;
  readonly docs: number;
  readonly common: readonly string[];
  readonly deleted: readonly number[];
  /** Documents added or changed since the base index was built, by page key. */
  readonly delta: Readonly<
    Record<
      string,
      { readonly doc: SearchDoc; readonly terms: readonly [string, number][]; readonly length: number }
    >
  >;
}

export interface SiteCache {
  readonly version: string;
  /** Absolute path → what the last build learned from it, in build order. */
  readonly files: Readonly<Record<string, CachedFile>>;
  readonly search: SearchState;
  /** Every file the last build wrote, relative to the output folder: what a later build may delete. */
  readonly written: readonly string[];
  readonly jsonBytes: number;
}

/** Code and options that shape the output: any change to them makes the next build a cold one. */
export function cacheVersion(options: Readonly<Record<string, unknown>>): string {
  const hash = createHash('sha1').update(JSON.stringify(options));
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  for (const stage of [
    'model',
    'read',
    'parse',
    'insights',
    'render',
    'render/html',
    'render/html/assets',
    'site',
  ]) {
    const folder = join(root, stage);
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isFile()) hash.update(name).update(readFileSync(path));
    }
  }
  return hash.digest('hex');
}

export function loadSiteCache(outDir: string, version: string): SiteCache | null {
  try {
    const cache = JSON.parse(readFileSync(join(outDir, CACHE_FILE), 'utf8')) as SiteCache;
    return cache.version === version ? cache : null;
  } catch {
    // No cache, or one that cannot be read: a cold build, which rewrites it.
    return null;
  }
}

export function saveSiteCache(outDir: string, cache: SiteCache): void {
  const file = join(outDir, CACHE_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(cache));
}
