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
import { SITE_CACHE_FILES, SITE_MARKER } from '../read/read-sources.js';
import type { ActionItem } from '../model/review.js';
import type { ReviewSummary } from '../render/html/summary.js';
import type { SearchDoc } from './search-index.js';

/**
 * What a build keeps for the next one, inside the output folder (so a fresh output folder is always a cold
 * build): per source file its stat and content hash, and per review what the pages that list it need — never the
 * review itself. A warm build re-parses only changed files and rewrites only the pages that show them.
 *
 * A warm build after one edit needs little of it: which files changed, the page keys, what links to what. So the
 * file is a header line with that (`CachedFileHead`s), then one line per source file with the rest of its
 * reviews' records (`CachedReview`), parsed only when asked for: when the lists or the board are redrawn.
 */
export const CACHE_FILE = SITE_CACHE_FILES.current;
/** The cache of builds before the records were read lazily (one JSON document): such a folder is ours too. */
export const FORMER_CACHE_FILE = SITE_CACHE_FILES.former;
/** What such a build left: a cold build removes them. */
const FORMER_FILES = [FORMER_CACHE_FILE, '.hindsight/build-cache-delta.json'];

/**
 * What every build needs of a review without reading its record. Kept small, for there is one per review in every
 * warm build's start-up: no id when it is the page key, the keys as one string.
 */
export interface CachedReviewHead {
  readonly key: string;
  /** Absent when it is the page key. */
  readonly id?: string;
  readonly isReview: boolean;
  /** Parse errors: the review is listed as needing attention. */
  readonly errors: number;
  /** The review's number in the base search index; null when it is in the delta segment or not a review. */
  readonly searchDoc: number | null;
  /** Page keys of the reviews its page names (similar and related), joined by spaces: its page shows their links. */
  readonly refs: string;
}

export interface CachedReview {
  readonly summary: ReviewSummary;
  readonly actions: readonly ActionItem[];
  readonly themes: readonly string[];
  /** What the themes were worked out from (`themeInputKey`): an edit that keeps it keeps them. */
  readonly themeKey?: string | null;
  readonly related: readonly string[];
  /** Page keys of the similar reviews shown on this review's page. */
  readonly similar: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface CachedFileHead {
  readonly mtimeMs: number;
  readonly size: number;
  readonly hash: string | null;
  /** The file's own diagnostics (not its reviews'); absent when none, as are the lists below. */
  readonly diagnostics?: readonly Diagnostic[];
  readonly heads: readonly CachedReviewHead[];
  /** The length in bytes of this file's reviews in reviews.json (they follow the files before it, in order). */
  readonly jsonLength: number;
  /** Files outside the site that this file's reviews link to (copied under `files/`). */
  readonly copied?: readonly string[];
  /** Links to files that do not exist, reported again by every build until fixed. */
  readonly brokenLinks?: readonly string[];
}

export interface CachedFile extends CachedFileHead {
  /** The records of the file's reviews, in the order of `heads`: parsed from the cache on first use. */
  readonly reviews: () => readonly CachedReview[];
  /** The same as stored: a record that did not change is written back without being parsed. */
  readonly stored: () => string;
}

/** A record made by this build. */
export function cachedFile(head: CachedFileHead, reviews: readonly CachedReview[]): CachedFile {
  let stored: string | null = null;
  return { ...head, reviews: () => reviews, stored: () => (stored ??= JSON.stringify(reviews)) };
}

/** A record read from the cache: `text` is its line. The head is the one just parsed, so it is not copied. */
function storedFile(head: CachedFileHead, text: () => string): CachedFile {
  let reviews: readonly CachedReview[] | null = null;
  return Object.assign(head, {
    reviews: () => (reviews ??= JSON.parse(text()) as CachedReview[]),
    stored: text,
  });
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
  /** The day the pages were built for: what an open action item's status and age were measured against. */
  readonly today: string;
}

/**
 * Code and options that shape the output: any change to them makes the next build a cold one. The code is known by
 * each file's size and modification time (as make does): reading and hashing it all took 17 ms of every build.
 */
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
      const info = statSync(path);
      if (info.isFile()) hash.update(`${name} ${info.size} ${info.mtimeMs}\n`);
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
const DELTA_FILE = '.hindsight/build-cache-delta.jsonl';
const MAX_DELTA_FILES = 1000;

/** A head as stored: with the length in bytes of the file's record line. */
interface StoredHead extends CachedFileHead {
  readonly bytes: number;
}

interface BaseHeader extends Omit<SiteCache, 'files'> {
  /** Names this base, so a delta written over another base is never applied to it. */
  readonly id: string;
  readonly files: Readonly<Record<string, StoredHead>>;
}

interface DeltaHeader extends Omit<SiteCache, 'files'> {
  readonly base: string;
  /** The records that differ from the base's. */
  readonly files: Readonly<Record<string, StoredHead>>;
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
    const base = readCacheFile<BaseHeader>(join(outDir, CACHE_FILE));
    if (base.header.version !== version) return null;
    const deltaPath = join(outDir, DELTA_FILE);
    const delta = existsSync(deltaPath) ? readCacheFile<DeltaHeader>(deltaPath) : null;
    const { id, search, written, jsonBytes, today } = base.header;
    // reviews.json is changed in place: one of another length than the cache says was not finished.
    const json = join(outDir, 'reviews.json');
    const jsonIntact = (bytes: number) => existsSync(json) && statSync(json).size === bytes;
    if (delta === null && !jsonIntact(jsonBytes)) return null;
    if (delta === null)
      return {
        version,
        files: base.files,
        search,
        written,
        jsonBytes,
        today,
        base: { id, files: base.files },
        inDelta: new Set(),
      };
    if (delta.header.base !== id || delta.header.version !== version) return null;
    if (!jsonIntact(delta.header.jsonBytes)) return null;
    const files: Record<string, CachedFile> = {};
    for (const file of delta.header.order ?? Object.keys(base.files)) {
      const record = delta.files[file] ?? base.files[file];
      if (record) files[file] = record;
    }
    return {
      version,
      files,
      search: delta.header.search,
      written: delta.header.written,
      jsonBytes: delta.header.jsonBytes,
      today: delta.header.today,
      base: { id, files: base.files },
      inDelta: new Set(Object.keys(delta.files)),
    };
  } catch {
    // No cache, or one that cannot be read: a cold build, which rewrites it.
    return null;
  }
}

const NEWLINE = 0x0a;

/** A header line, then each file's record on a line of its own, in the header's order. */
function readCacheFile<H extends { readonly files: Readonly<Record<string, StoredHead>> }>(
  path: string,
): { header: H; files: Record<string, CachedFile> } {
  const bytes = readFileSync(path);
  let at = bytes.indexOf(NEWLINE);
  if (at < 0) throw new Error(`${path}: no header`);
  const header = JSON.parse(bytes.toString('utf8', 0, at)) as H;
  const files: Record<string, CachedFile> = {};
  for (const [file, head] of Object.entries(header.files)) {
    const length = head.bytes;
    const start = at + 1;
    at = start + length;
    if (bytes[at] !== NEWLINE) throw new Error(`${path}: the record of ${file} does not end where it should`);
    files[file] = storedFile(head, () => bytes.toString('utf8', start, start + length));
  }
  return { header, files };
}

function writeCacheFile(path: string, header: object, files: Readonly<Record<string, CachedFile>>): void {
  const records = Object.entries(files);
  const lines = records.map(([, record]) => record.stored());
  const heads = Object.fromEntries(
    records.map(([file, record], i) => [
      file,
      { ...fileHeadOf(record), bytes: Buffer.byteLength(lines[i] as string) },
    ]),
  );
  // Renamed into place, so a build stopped half way never leaves a cache that does not parse.
  writeFileSync(`${path}.next`, [JSON.stringify({ ...header, files: heads }), ...lines, ''].join('\n'));
  renameSync(`${path}.next`, path);
}

function fileHeadOf(file: CachedFileHead): CachedFileHead {
  const { mtimeMs, size, hash, diagnostics, heads, jsonLength, copied, brokenLinks } = file;
  return {
    mtimeMs,
    size,
    hash,
    heads,
    jsonLength,
    ...(diagnostics && { diagnostics }),
    ...(copied && { copied }),
    ...(brokenLinks && { brokenLinks }),
  };
}

/**
 * Writes the cache: after a cold build (`previous` null) a new base; after a warm one only the delta, with every
 * record parsed in this build (`parsed`) or already in the last delta. Returns the cache as the next build would
 * read it back, for a build that stays up (`build --watch`) to keep instead.
 */
export function saveSiteCache(
  outDir: string,
  cache: SiteCache,
  previous: LoadedSiteCache | null,
  parsed: ReadonlySet<string>,
): LoadedSiteCache {
  const deltaPath = join(outDir, DELTA_FILE);
  const basePath = join(outDir, CACHE_FILE);
  mkdirSync(dirname(basePath), { recursive: true });
  const files = Object.keys(cache.files);
  const changed =
    previous === null
      ? null
      : files.filter((f) => parsed.has(f) || previous.inDelta.has(f) || !(f in previous.base.files));
  const { version, search, written, jsonBytes, today } = cache;
  if (previous === null || changed === null || changed.length > MAX_DELTA_FILES) {
    for (const stale of [deltaPath, ...FORMER_FILES.map((name) => join(outDir, name))])
      rmSync(stale, { force: true });
    const id = randomUUID();
    writeCacheFile(basePath, { version, id, search, written, jsonBytes, today }, cache.files);
    return { ...cache, base: { id, files: cache.files }, inDelta: new Set() };
  }
  const baseOrder = Object.keys(previous.base.files);
  const sameOrder = baseOrder.length === files.length && baseOrder.every((f, i) => f === files[i]);
  const header = {
    version,
    base: previous.base.id,
    order: sameOrder ? null : files,
    search,
    written,
    jsonBytes,
    today,
  };
  writeCacheFile(
    deltaPath,
    header,
    Object.fromEntries(changed.map((f) => [f, cache.files[f] as CachedFile])),
  );
  return { ...cache, base: previous.base, inDelta: new Set(changed) };
}

/**
 * The cache files and reviews.json as they stand (size and modification time): a build that kept the cache it
 * saved uses it only while they are still the files it wrote, so a build run meanwhile from elsewhere, or a
 * reviews.json changed by hand, is never overlooked.
 */
export function cacheStamp(outDir: string): string {
  return [CACHE_FILE, DELTA_FILE, 'reviews.json']
    .map((name) => {
      const path = join(outDir, name);
      if (!existsSync(path)) return '-';
      const { size, mtimeMs } = statSync(path);
      return `${size}:${mtimeMs}`;
    })
    .join(' ');
}

/** Marks the output folder as a site before any page is written: a walk or a watcher leaves it alone at once. */
export function markSite(outDir: string): void {
  const marker = join(outDir, SITE_MARKER);
  if (existsSync(marker)) return;
  mkdirSync(dirname(marker), { recursive: true });
  writeFileSync(marker, '');
}
