import { createHash, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
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

/**
 * A warm build changes a few files' records, yet rewriting the whole cache (20 MB at 10,000 reviews) cost it a
 * tenth of its time. So the cache is a base, written by cold builds, and a delta beside it holding only the
 * records that differ from the base, rewritten by each warm build. The delta stays small: past DELTA_LIMIT changed
 * reviews a build is cold again (build-site.ts), and past MAX_DELTA_FILES records the base is rewritten.
 */
const DELTA_FILE = '.hindsight/build-cache-delta.json';
const MAX_DELTA_FILES = 1000;

interface StoredBase extends SiteCache {
  /** Names this base, so a delta written over another base is never applied to it. */
  readonly id: string;
}

interface StoredDelta extends Omit<SiteCache, 'files'> {
  readonly base: string;
  /** The records that differ from the base's. */
  readonly files: Readonly<Record<string, CachedFile>>;
  /** The files of the last build in order, when they are not the base's. */
  readonly order: readonly string[] | null;
}

/** A cache as read: the last build's state, and what of it the base file holds. */
export interface LoadedSiteCache extends SiteCache {
  readonly base: { readonly id: string; readonly files: Readonly<Record<string, CachedFile>> };
  /** Files whose records live in the delta. */
  readonly inDelta: ReadonlySet<string>;
}

export function loadSiteCache(outDir: string, version: string): LoadedSiteCache | null {
  try {
    const base = JSON.parse(readFileSync(join(outDir, CACHE_FILE), 'utf8')) as StoredBase;
    if (base.version !== version) return null;
    const deltaPath = join(outDir, DELTA_FILE);
    const delta = existsSync(deltaPath) ? (JSON.parse(readFileSync(deltaPath, 'utf8')) as StoredDelta) : null;
    if (delta === null)
      return withRanges({ ...base, base: { id: base.id, files: base.files }, inDelta: new Set() });
    if (delta.base !== base.id || delta.version !== version) return null;
    const files: Record<string, CachedFile> = {};
    for (const file of delta.order ?? Object.keys(base.files)) {
      const record = delta.files[file] ?? base.files[file];
      if (record) files[file] = record;
    }
    return withRanges({
      version,
      files,
      search: delta.search,
      written: delta.written,
      jsonBytes: delta.jsonBytes,
      base: { id: base.id, files: base.files },
      inDelta: new Set(Object.keys(delta.files)),
    });
  } catch {
    // No cache, or one that cannot be read: a cold build, which rewrites it.
    return null;
  }
}

/**
 * A record's place in reviews.json follows from the lengths of the files before it, which a warm build does not
 * rewrite for unchanged files: the starts are worked out here, in the last build's order.
 */
function withRanges(cache: LoadedSiteCache): LoadedSiteCache {
  const files: Record<string, CachedFile> = {};
  let start = 0;
  for (const [file, record] of Object.entries(cache.files)) {
    files[file] = { ...record, json: [start, record.json[1]] };
    start += record.json[1];
  }
  return { ...cache, files };
}

/**
 * Writes the cache: after a cold build (`previous` null) a new base; after a warm one only the delta, with every
 * record parsed in this build (`parsed`) or already in the last delta.
 */
export function saveSiteCache(
  outDir: string,
  cache: SiteCache,
  previous: LoadedSiteCache | null,
  parsed: ReadonlySet<string>,
): void {
  const deltaPath = join(outDir, DELTA_FILE);
  const basePath = join(outDir, CACHE_FILE);
  mkdirSync(dirname(basePath), { recursive: true });
  const files = Object.keys(cache.files);
  const changed =
    previous === null
      ? null
      : files.filter((f) => parsed.has(f) || previous.inDelta.has(f) || !(f in previous.base.files));
  if (previous === null || changed === null || changed.length > MAX_DELTA_FILES) {
    rmSync(deltaPath, { force: true });
    const base: StoredBase = { ...cache, id: randomUUID() };
    writeFileSync(basePath, JSON.stringify(base));
    return;
  }
  const baseOrder = Object.keys(previous.base.files);
  const sameOrder = baseOrder.length === files.length && baseOrder.every((f, i) => f === files[i]);
  const delta: StoredDelta = {
    version: cache.version,
    base: previous.base.id,
    files: Object.fromEntries(changed.map((f) => [f, cache.files[f] as CachedFile])),
    order: sameOrder ? null : files,
    search: cache.search,
    written: cache.written,
    jsonBytes: cache.jsonBytes,
  };
  // Renamed into place, so a build stopped half way never leaves a delta that does not parse.
  writeFileSync(`${deltaPath}.next`, JSON.stringify(delta));
  renameSync(`${deltaPath}.next`, deltaPath);
}
