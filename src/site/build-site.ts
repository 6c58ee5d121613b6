import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { runTask, selectFiles } from '../pipeline.js';
import { displayPath } from '../read/read-sources.js';
import { contentHash } from '../parse-cache.js';
import { actionsPage, type BoardItem } from '../render/html/actions-page.js';
import { ASSET_NAMES, readAsset } from '../render/html/assets.js';
import { trusted } from '../render/html/escape.js';
import { homePage } from '../render/html/home-page.js';
import { DEFAULT_SITE_TITLE, type PageContent, renderDocument } from '../render/html/layout.js';
import { attentionPage, listIndexPage, listPage, searchPage } from '../render/html/list-pages.js';
import { reviewPage } from '../render/html/review-page.js';
import { type ReviewSummary, summarizeReview } from '../render/html/summary.js';
import { LIST_KINDS, type ListKind, SITE_PATHS, slugOf, staticUrls } from '../render/html/urls.js';
import { actionsCsv } from './actions-csv.js';
import { atomFeed } from './feed.js';
import { insightsPage } from './insights-page.js';
import { type BrokenLink, resolveLinks } from './links.js';
import { buildSearchIndex, deltaManifest, type IndexedDoc, shardCount } from './search-index.js';
import {
  type CachedFile,
  type CachedReview,
  cacheVersion,
  loadSiteCache,
  saveSiteCache,
  type SearchState,
  type SiteCache,
} from './site-cache.js';
import type { SiteFile, SiteReview } from './site-task.js';
import { similarDocs, termSourceOf } from './similar.js';

export interface BuildOptions {
  readonly inputs: readonly string[];
  readonly cwd: string;
  /** Absolute path of the output folder. */
  readonly outDir: string;
  /** Absolute URL the site will be served from: the feed's links and `<link rel="canonical">`. */
  readonly baseUrl: string | null;
  /** Where a source file can be edited: `{path}` is replaced by its path relative to `cwd`. */
  readonly editUrl: string | null;
  readonly today: string;
  readonly siteTitle?: string;
  readonly ignore?: readonly string[];
  readonly root?: string;
  /** Ignore the cache: rebuild everything. */
  readonly full?: boolean;
  readonly onProgress?: (phase: string, done: number, total: number) => void;
}

export interface BuildResult {
  readonly incremental: boolean;
  readonly reviews: number;
  /** Reviews whose pages were rendered in this build. */
  readonly rendered: number;
  /** Pages (HTML) written in this build. */
  readonly pages: number;
  /** Every file written in this build (pages, data, assets, search index). */
  readonly written: number;
  readonly needsAttention: readonly {
    readonly path: string;
    readonly title: string | null;
    readonly errors: number;
  }[];
  readonly brokenLinks: readonly BrokenLink[];
  readonly missing: readonly string[];
  readonly durationMs: number;
}

/** One review of the site, from this build's parse or from the cache. */
interface Entry {
  readonly file: string;
  readonly key: string;
  readonly cached: CachedReview | null;
  readonly fresh: SiteReview | null;
  summary: ReviewSummary;
  related: readonly string[];
  themes: readonly string[];
  actions: CachedReview['actions'];
  similar: readonly string[];
  searchDoc: number | null;
  diagnostics: readonly Diagnostic[];
}

const ATTENTION_LIMIT = 0;
/** Past this many changed documents since the last cold build, the search index is rebuilt from scratch. */
const DELTA_LIMIT = 200;

/**
 * `hindsight build`: read → parse → render every review page, the lists, the action board, insights, search
 * index, feed and data files. With a cache from the last build in the same output folder, only changed files are
 * parsed and only the pages that show them are written.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const { cwd, outDir } = options;
  const progress = options.onProgress ?? (() => undefined);
  const selection = {
    ...(options.ignore && { ignore: options.ignore }),
    ...(options.root && { root: options.root }),
  };
  const { files, missing } = await selectFiles(options.inputs, cwd, selection);
  const version = cacheVersion({
    baseUrl: options.baseUrl,
    editUrl: options.editUrl,
    today: options.today,
    title: options.siteTitle ?? null,
    cwd,
  });
  const cache = options.full ? null : loadSiteCache(outDir, version);

  // 1. Which files changed since the cache was written (stat first, content hash when the stat differs).
  const unchanged = new Map<string, CachedFile>();
  const changed: string[] = [];
  for (const file of files) {
    const before = cache?.files[file];
    if (before && isUnchanged(file, before)) unchanged.set(file, before);
    else changed.push(file);
  }
  const removedKeys = new Set<string>();
  if (cache)
    for (const [file, entry] of Object.entries(cache.files)) {
      if (unchanged.has(file)) continue;
      for (const review of entry.reviews) removedKeys.add(review.summary.key);
    }
  // Pages that show a changed review's title in their related or similar lists are rendered again too.
  const dependents = new Set<string>();
  if (removedKeys.size > 0)
    for (const [file, entry] of unchanged)
      if (
        entry.reviews.some(
          (r) =>
            r.similar.some((k) => removedKeys.has(k)) || r.related.some((id) => removedKeys.has(slugOf(id))),
        )
      )
        dependents.add(file);
  for (const file of dependents) unchanged.delete(file);
  const toParse = [...changed, ...dependents];

  progress('parse', 0, toParse.length);
  const parsed = new Map<string, SiteFile>();
  for (const result of await runTask({ kind: 'site' }, toParse, cwd)) parsed.set(result.file, result);
  progress('parse', toParse.length, toParse.length);

  // 2. Every review of the site, in file order, with a stable, unique page key.
  const entries = assignEntries(files, unchanged, parsed, cache);
  const byKey = new Map(entries.map((e) => [e.key, e]));
  const reviews = entries.filter((e) => e.summary.isReview);
  const fresh = reviews.filter((e) => e.fresh !== null);

  // 3. Search index and similar reviews: rebuilt from scratch on a cold build, a delta segment on a warm one.
  const writer = new SiteWriter(outDir, cache?.written ?? []);
  const coldSearch =
    cache === null ||
    fresh.length + Object.keys(cache.search.delta).length > DELTA_LIMIT ||
    fresh.length === reviews.length;
  const incremental = cache !== null && !coldSearch;
  if (!incremental && cache !== null && fresh.length < reviews.length) {
    // The delta grew too big: the index needs every review's terms, so this build is a cold one after all.
    return buildSite({ ...options, full: true });
  }
  const search = incremental
    ? updateSearch(reviews, fresh, cache.search, writer)
    : rebuildSearch(reviews, writer);

  // 4. Pages.
  const siteTitle = options.siteTitle ?? DEFAULT_SITE_TITLE;
  const editUrl = (path: string) =>
    options.editUrl === null ? null : options.editUrl.replace('{path}', path);
  const brokenLinks: (BrokenLink & { readonly file: string })[] = [];
  /** Site path → source of linked files copied under `files/`, and which review files link to each. */
  const copied = new Map<string, string>();
  const copiedBy = new Map<string, Set<string>>();
  const pageOfSource = new Map<string, string>();
  for (const e of reviews) if (!pageOfSource.has(e.file)) pageOfSource.set(e.file, SITE_PATHS.review(e.key));
  const idToKey = new Map<string, string>();
  for (const e of reviews) if (!idToKey.has(e.summary.id)) idToKey.set(e.summary.id, e.key);
  const summariesOf = (keys: readonly string[]) =>
    keys.flatMap((k) => {
      const s = byKey.get(k)?.summary;
      return s ? [s] : [];
    });
  const page = (path: string, content: PageContent, scripts: readonly string[] = []) => {
    const urls = staticUrls(path);
    writer.write(
      path,
      renderDocument(content, {
        urls,
        siteTitle,
        scripts: scripts.map((s) => urls.asset(s)),
        ...(options.baseUrl !== null && { canonical: `${options.baseUrl.replace(/\/?$/, '/')}${path}` }),
      }),
      true,
    );
  };

  const toRender = reviews.filter((e) => e.fresh !== null);
  toRender.forEach((e, i) => {
    const fresh = e.fresh as SiteReview;
    const path = SITE_PATHS.review(e.key);
    const urls = staticUrls(path);
    const body = resolveLinks(fresh.body, {
      pageOf: (target) => pageOfSource.get(target) ?? null,
      toRoot: '../',
      cwd,
      onCopy: (target, sitePath) => {
        copied.set(sitePath, target);
        copiedBy.set(e.file, (copiedBy.get(e.file) ?? new Set()).add(sitePath));
      },
      onBroken: (target) =>
        brokenLinks.push({ file: e.file, path: e.summary.path, target: displayPath(target, cwd) }),
    });
    page(
      path,
      reviewPage({
        review: fresh.review,
        key: e.key,
        diagnostics: e.diagnostics,
        related: summariesOf(e.related.flatMap((id) => idToKey.get(id) ?? [])),
        similar: summariesOf(e.similar),
        editUrl: editUrl(e.summary.path),
        today: options.today,
        urls,
        body: trusted(body),
      }),
    );
    if (i % 500 === 0) progress('pages', i, toRender.length);
  });
  progress('pages', toRender.length, toRender.length);
  for (const [sitePath, target] of copied) writer.copy(sitePath, target);
  for (const [file, entry] of unchanged)
    for (const target of entry.brokenLinks) brokenLinks.push({ file, path: displayPath(file, cwd), target });
  for (const e of reviews) if (e.fresh === null) writer.keep(SITE_PATHS.review(e.key));
  for (const entry of unchanged.values()) for (const path of entry.copied) writer.keep(path);

  const summaries = reviews.map((e) => e.summary);
  const touchedLists = incremental
    ? listKeysOf([...fresh.map((e) => e.summary), ...removedSummaries(cache, unchanged, parsed)])
    : null;
  for (const kind of LIST_KINDS) {
    const groups = groupBy(summaries, kind);
    page(
      SITE_PATHS.lists(kind),
      listIndexPage({
        kind,
        counts: new Map([...groups].map(([k, v]) => [k, v.length])),
        urls: staticUrls(SITE_PATHS.lists(kind)),
      }),
    );
    for (const [key, members] of groups) {
      if (touchedLists && !touchedLists.has(`${kind}\u0000${key}`)) {
        writer.keep(SITE_PATHS.list(kind, key));
        continue;
      }
      const path = SITE_PATHS.list(kind, key);
      page(path, listPage({ kind, key, reviews: members, urls: staticUrls(path) }));
    }
  }
  page(
    SITE_PATHS.home,
    homePage({ reviews: summaries, urls: staticUrls(SITE_PATHS.home), title: siteTitle }),
    ['filter.js'],
  );
  const board: BoardItem[] = reviews.flatMap((e) => e.actions.map((item) => ({ review: e.summary, item })));
  page(
    SITE_PATHS.actions,
    actionsPage({ items: board, today: options.today, urls: staticUrls(SITE_PATHS.actions) }),
  );
  page(
    SITE_PATHS.insights,
    insightsPage({
      reviews: summaries,
      themes: new Map(reviews.map((e) => [e.key, e.themes])),
      urls: staticUrls(SITE_PATHS.insights),
    }),
  );
  const attention = reviews.filter((e) => e.summary.errors > ATTENTION_LIMIT).map((e) => e.summary);
  const notReviews = entries
    .filter((e) => !e.summary.isReview)
    .map((e) => ({ path: e.summary.path, title: e.summary.title }));
  page(
    SITE_PATHS.attention,
    attentionPage({ reviews: attention, notReviews, urls: staticUrls(SITE_PATHS.attention) }),
  );
  page(SITE_PATHS.search, searchPage({ urls: staticUrls(SITE_PATHS.search), root: '' }), ['search.js']);
  writer.write(
    SITE_PATHS.feed,
    atomFeed({
      reviews: summaries,
      title: siteTitle,
      baseUrl: options.baseUrl,
      fallbackUpdated: options.today,
    }),
  );
  writer.write('actions.csv', actionsCsv(board));
  for (const name of ASSET_NAMES) writer.write(SITE_PATHS.asset(name), readAsset(name));
  const json = writeReviewsJson(outDir, files, entries, unchanged, parsed, cache);
  writer.keep('reviews.json');

  // 5. Files of the last build that this one did not write (a removed review's page, an emptied list) go.
  writer.removeStale();
  const nextFiles: Record<string, CachedFile> = {};
  for (const file of files) {
    const kept = unchanged.get(file);
    const result = parsed.get(file);
    const own = entries.filter((e) => e.file === file);
    const range = json.ranges.get(file) ?? [0, 0];
    nextFiles[file] = {
      mtimeMs: result?.mtimeMs ?? kept?.mtimeMs ?? 0,
      size: result?.size ?? kept?.size ?? -1,
      hash: result?.hash ?? kept?.hash ?? null,
      diagnostics: result?.diagnostics ?? kept?.diagnostics ?? [],
      reviews: own.map(toCached),
      json: range,
      copied: kept?.copied ?? [...(copiedBy.get(file) ?? [])],
      brokenLinks: kept?.brokenLinks ?? brokenLinks.filter((b) => b.file === file).map((b) => b.target),
    };
  }
  saveSiteCache(outDir, {
    version,
    files: nextFiles,
    search,
    written: writer.allWritten(),
    jsonBytes: json.bytes,
  });
  return {
    incremental,
    reviews: reviews.length,
    rendered: toRender.length,
    pages: writer.pages,
    written: writer.count,
    needsAttention: attention.map((s) => ({ path: s.path, title: s.title, errors: s.errors })),
    brokenLinks: brokenLinks.map(({ path, target }) => ({ path, target })),
    missing,
    durationMs: performance.now() - started,
  };
}

function isUnchanged(file: string, before: CachedFile): boolean {
  try {
    const info = statSync(file);
    if (info.mtimeMs === before.mtimeMs && info.size === before.size) return true;
    return before.hash !== null && contentHash(readFileSync(file)) === before.hash;
  } catch {
    return false;
  }
}

function assignEntries(
  files: readonly string[],
  unchanged: ReadonlyMap<string, CachedFile>,
  parsed: ReadonlyMap<string, SiteFile>,
  cache: SiteCache | null,
): Entry[] {
  const used = new Set<string>();
  for (const entry of unchanged.values()) for (const r of entry.reviews) used.add(r.summary.key);
  const entries: Entry[] = [];
  for (const file of files) {
    const kept = unchanged.get(file);
    if (kept) {
      for (const cached of kept.reviews) entries.push(entryOf(file, cached.summary.key, cached, null));
      continue;
    }
    const result = parsed.get(file);
    const before = cache?.files[file]?.reviews ?? [];
    for (const fresh of result?.reviews ?? []) {
      const previous = before.find((r) => r.summary.id === fresh.review.id)?.summary.key;
      const key = previous !== undefined && !used.has(previous) ? previous : uniqueKey(fresh.review.id, used);
      used.add(key);
      entries.push(entryOf(file, key, null, fresh));
    }
  }
  return entries;
}

function uniqueKey(id: string, used: ReadonlySet<string>): string {
  const slug = slugOf(id);
  if (!used.has(slug)) return slug;
  for (let n = 2; ; n++) if (!used.has(`${slug}-${n}`)) return `${slug}-${n}`;
}

function entryOf(file: string, key: string, cached: CachedReview | null, fresh: SiteReview | null): Entry {
  if (cached) return { file, key, cached, fresh, ...cached, summary: cached.summary };
  const review = (fresh as SiteReview).review;
  const diagnostics = (fresh as SiteReview).diagnostics;
  return {
    file,
    key,
    cached,
    fresh,
    summary: summarizeReview(review, diagnostics, key),
    related: review.related,
    themes: (fresh as SiteReview).themes,
    actions: review.actionItems,
    similar: [],
    searchDoc: null,
    diagnostics,
  };
}

function toCached(e: Entry): CachedReview {
  return {
    summary: e.summary,
    actions: e.actions,
    themes: e.themes,
    related: e.related,
    similar: e.similar,
    searchDoc: e.searchDoc,
    diagnostics: e.diagnostics,
  };
}

function indexedOf(e: Entry): IndexedDoc {
  const fresh = e.fresh as SiteReview;
  return {
    doc: {
      path: SITE_PATHS.review(e.key),
      title: e.summary.title ?? e.summary.id,
      date: e.summary.date,
      severity: e.summary.severity?.level ?? null,
      snippet: snippetOf(e.summary),
    },
    terms: fresh.terms,
    length: fresh.length,
  };
}

function snippetOf(summary: ReviewSummary): string {
  const text = (summary.summary ?? '')
    .replace(/[`*_#>[\]]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length <= 180 ? text : `${text.slice(0, 179).trimEnd()}…`;
}

/** Cold: every review numbered in build order; similar reviews from the same terms. */
function rebuildSearch(reviews: Entry[], writer: SiteWriter): SearchState {
  const docs = reviews.map(indexedOf);
  for (const [path, text] of buildSearchIndex(docs)) writer.write(path, text);
  const source = termSourceOf(docs);
  reviews.forEach((e, n) => {
    e.searchDoc = n;
    e.similar = similarDocs(n, docs[n]?.terms ?? new Map(), source).map((other) => reviews[other]?.key ?? '');
  });
  return { shards: shardCount(docs.length), docs: docs.length, deleted: [], delta: {} };
}

/**
 * Warm: the base index stays; changed reviews hide their old document and join the delta segment in the manifest.
 * Their similar lists are kept from the last build (recomputed on the next cold one).
 */
function updateSearch(
  reviews: readonly Entry[],
  fresh: readonly Entry[],
  before: SearchState,
  writer: SiteWriter,
): SearchState {
  const present = new Set(reviews.map((e) => e.key));
  const deleted = new Set(before.deleted);
  const delta: Record<string, SearchState['delta'][string]> = {};
  for (const [key, doc] of Object.entries(before.delta)) if (present.has(key)) delta[key] = doc;
  const live = new Set(
    reviews.filter((e) => e.cached !== null && e.searchDoc !== null).map((e) => e.searchDoc as number),
  );
  for (let n = 0; n < before.docs; n++) if (!live.has(n)) deleted.add(n);
  for (const e of fresh) {
    const indexed = indexedOf(e);
    delta[e.key] = { doc: indexed.doc, terms: [...indexed.terms], length: indexed.length };
    const previous = e.cached?.similar;
    if (previous) e.similar = previous;
  }
  const added = Object.values(delta).map((d) => ({ doc: d.doc, terms: new Map(d.terms), length: d.length }));
  writer.write('search/index.js', deltaManifest(before, [...deleted], added));
  writer.keepPrefix('search/');
  return { ...before, deleted: [...deleted].sort((a, b) => a - b), delta };
}

function groupBy(summaries: readonly ReviewSummary[], kind: ListKind): Map<string, ReviewSummary[]> {
  const groups = new Map<string, ReviewSummary[]>();
  for (const s of summaries)
    for (const key of listKeys(s, kind)) {
      const group = groups.get(key);
      if (group) group.push(s);
      else groups.set(key, [s]);
    }
  return groups;
}

function listKeys(s: ReviewSummary, kind: ListKind): readonly string[] {
  switch (kind) {
    case 'service':
      return s.services;
    case 'tag':
      return s.tags;
    case 'severity':
      return [String(s.severity?.level ?? 'none')];
    case 'year':
      return s.date ? [s.date.slice(0, 4)] : [];
  }
}

function listKeysOf(summaries: readonly ReviewSummary[]): Set<string> {
  const keys = new Set<string>();
  for (const s of summaries)
    for (const kind of LIST_KINDS) for (const key of listKeys(s, kind)) keys.add(`${kind}\u0000${key}`);
  return keys;
}

/** The summaries the last build had for files that were re-parsed or removed: their old lists change too. */
function removedSummaries(
  cache: SiteCache | null,
  unchanged: ReadonlyMap<string, CachedFile>,
  parsed: ReadonlyMap<string, SiteFile>,
): ReviewSummary[] {
  if (!cache) return [];
  return Object.entries(cache.files)
    .filter(([file]) => !unchanged.has(file) || parsed.has(file))
    .flatMap(([, entry]) => entry.reviews.map((r) => r.summary));
}

/**
 * reviews.json: every review as `hindsight parse --format json` gives it (one per line). On a warm build the
 * bytes of unchanged files are copied from the last build's file, so the 10,000 reviews are not needed in memory.
 */
function writeReviewsJson(
  outDir: string,
  files: readonly string[],
  entries: readonly Entry[],
  unchanged: ReadonlyMap<string, CachedFile>,
  parsed: ReadonlyMap<string, SiteFile>,
  cache: SiteCache | null,
): { ranges: Map<string, [number, number]>; bytes: number } {
  const path = join(outDir, 'reviews.json');
  const old = cache !== null && unchanged.size > 0 ? readOldBody(path, cache.jsonBytes) : null;
  if (cache !== null && unchanged.size > 0 && old === null)
    throw new Error('reviews.json of the last build is missing or changed; run with --full');
  const chunks: Buffer[] = [];
  const ranges = new Map<string, [number, number]>();
  let offset = 0;
  for (const file of files) {
    const kept = unchanged.get(file);
    let chunk: Buffer;
    if (kept && old) chunk = old.subarray(kept.json[0], kept.json[0] + kept.json[1]);
    else {
      const own = new Set(
        entries.filter((e) => e.file === file && e.summary.isReview).map((e) => e.fresh?.review),
      );
      const lines = (parsed.get(file)?.reviews ?? [])
        .filter((r) => own.has(r.review))
        .map((r) => `,\n${JSON.stringify(r.review)}`);
      chunk = Buffer.from(lines.join(''));
    }
    ranges.set(file, [offset, chunk.length]);
    offset += chunk.length;
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  const text =
    body.length === 0
      ? Buffer.from('[]\n')
      : Buffer.concat([Buffer.from('['), body.subarray(1), Buffer.from('\n]\n')]);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path, text);
  return { ranges, bytes: text.length };
}

function readOldBody(path: string, bytes: number): Buffer | null {
  if (!existsSync(path)) return null;
  const text = readFileSync(path);
  if (text.length !== bytes) return null;
  if (text.length <= 3) return Buffer.alloc(0);
  return Buffer.concat([Buffer.from(','), text.subarray(1, text.length - 3)]);
}

/** Writes the site's files, counts them, and knows which files of the last build this one no longer has. */
class SiteWriter {
  count = 0;
  pages = 0;
  private readonly written = new Set<string>();
  private readonly keptPrefixes: string[] = [];
  private readonly folders = new Set<string>();

  constructor(
    private readonly outDir: string,
    private readonly previous: readonly string[],
  ) {}

  write(path: string, text: string, isPage = false): void {
    const target = join(this.outDir, path);
    const folder = dirname(target);
    if (!this.folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    writeFileSync(target, text);
    this.written.add(path);
    this.count++;
    if (isPage) this.pages++;
  }

  copy(path: string, source: string): void {
    const target = join(this.outDir, path);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
    this.written.add(path);
    this.count++;
  }

  /** A file of the last build that stays as it is. */
  keep(path: string): void {
    this.written.add(path);
  }

  keepPrefix(prefix: string): void {
    this.keptPrefixes.push(prefix);
  }

  /** Everything this build owns: written now, or kept from the last build. */
  allWritten(): string[] {
    const kept = this.previous.filter(
      (p) => !this.written.has(p) && this.keptPrefixes.some((prefix) => p.startsWith(prefix)),
    );
    return [...this.written, ...kept];
  }

  /** Deletes files the last build wrote that this one neither wrote nor kept: only files Hindsight made. */
  removeStale(): void {
    const now = new Set(this.allWritten());
    for (const path of this.previous)
      if (!now.has(path) && !relative(this.outDir, join(this.outDir, path)).startsWith('..'))
        rmSync(join(this.outDir, path), { force: true });
  }
}
