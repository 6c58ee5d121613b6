import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ThemesConfig } from '../config/config.js';
import type { ActionItem } from '../model/review.js';
import { CONVERTIBLE_EXTENSIONS, displayPath } from '../read/read-sources.js';
import { selectFiles } from '../read/select-files.js';
import { contentHash } from '../parse-cache.js';
import { actionsPage, type BoardItem } from '../render/html/actions-page.js';
import { ASSET_NAMES, readAsset } from '../render/html/assets.js';
import { homePage } from '../render/html/home-page.js';
import { DEFAULT_SITE_TITLE, type PageContent, renderDocument } from '../render/html/layout.js';
import { attentionPage, listIndexPage, listPage, searchPage } from '../render/html/list-pages.js';
import { actionStatus, reviewLinks } from '../render/html/review-page.js';
import type { ReviewSummary } from '../render/html/summary.js';
import {
  LIST_KINDS,
  type ListKind,
  SITE_PATHS,
  type SiteUrls,
  slugOf,
  staticUrls,
} from '../render/html/urls.js';
import { actionsCsv } from './actions-csv.js';
import { atomFeed } from './feed.js';
import type { BrokenLink } from './links.js';
import { writeReviewsJson } from './reviews-json.js';
import {
  buildSearchIndex,
  deltaManifest,
  type IndexedDoc,
  type PackedTerms,
  packTerms,
  type SearchDoc,
  snippetOf,
  TermNumbers,
  unpackTerms,
} from './search-index.js';
import {
  type CachedFile,
  cachedFile,
  type CachedReview,
  type CachedReviewHead,
  cacheStamp,
  cacheVersion,
  type LoadedSiteCache,
  loadSiteCache,
  markSite,
  saveSiteCache,
  type SearchState,
  type SiteCache,
} from './site-cache.js';
import { type FinishOrder, type FinishReport, mergeReports, type ParsedSiteFile } from './site-job.js';
import { type SitePool, startSitePool } from './site-pool.js';
import { type KnownThemes, type PageSettings, taxonomyOf } from './site-task.js';
import { similarDocs, termSourceOf } from './similar.js';
import { SiteWriter } from './site-writer.js';

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
  /** The config's changes to the theme taxonomy: the themes the insights page shows, and their labels. */
  readonly themes?: ThemesConfig;
  /** Ignore the cache: rebuild everything. */
  readonly full?: boolean;
  readonly onProgress?: (phase: string, done: number, total: number) => void;
  /** Kept by a process that builds again and again (`build --watch`): the cache need not be read back. */
  readonly memory?: BuildMemory;
}

/** The cache a build saved, and the stamp of its files then (`cacheStamp`). */
export interface BuildMemory {
  kept: { readonly cache: LoadedSiteCache; readonly stamp: string } | null;
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
  readonly durationMs: number;
}

/** One document of the site, from this build's parse (`terms` set) or from the cache. */
export interface Entry extends Omit<CachedReviewHead, 'id' | 'refs' | 'searchDoc'> {
  readonly id: string;
  readonly file: string;
  readonly fresh: boolean;
  /** What the pages show of it: parsed in this build, or the last build's read from the cache on first use. */
  readonly record: () => Omit<CachedReview, 'similar'>;
  /** Page keys of its similar reviews; null for a review kept from the last build (its record has them). */
  similar: readonly string[] | null;
  searchDoc: number | null;
  /** Where the review sits in its file (the thread that rendered it holds its page by file and index). */
  readonly index: number;
  terms: PackedTerms | null;
  readonly length: number;
}

/** Each parsed file's reviews' cause themes, in file order. */
type ThemeBook = Map<string, readonly (readonly string[])[]>;

/** Where the threads append their parts of reviews.json before it is put together. */
const JSON_PARTS = '.hindsight/reviews-part';
/** Past this many changed documents since the last cold build, the search index is rebuilt from scratch. */
const DELTA_LIMIT = 200;

/**
 * `hindsight build`: read → parse → render every review page (on worker threads), then the lists, the action
 * board, insights, search index, feed and data files. With the cache of the last build in the same output folder,
 * only changed files are parsed and only the pages that show them are written.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const { cwd, outDir } = options;
  const progress = options.onProgress ?? (() => undefined);
  const siteTitle = options.siteTitle ?? DEFAULT_SITE_TITLE;
  const settings: PageSettings = {
    siteTitle,
    today: options.today,
    editUrl: options.editUrl,
    canonical: options.baseUrl !== null,
    themes: options.themes ?? null,
  };
  const selection = {
    ...(options.ignore && { ignore: options.ignore }),
    ...(options.root && { root: options.root }),
  };
  // Inputs that do not exist were refused before the build started (`hindsight build`).
  const { files } = await selectFiles(options.inputs, cwd, selection, CONVERTIBLE_EXTENSIONS);
  // The day is not part of the version: a build on a new day redraws only what ages with it (below).
  const { today: _today, ...shaping } = settings;
  const version = cacheVersion({ ...shaping, baseUrl: options.baseUrl, cwd });
  // A site whose home page is gone was cleared by hand: trust nothing of it.
  const cache =
    options.full || !existsSync(join(outDir, SITE_PATHS.home))
      ? null
      : (recall(options.memory, outDir, version) ?? loadSiteCache(outDir, version));
  markSite(outDir);

  // 1. What changed since the last build: stat first, the content hash when the stat differs.
  const unchanged = new Map<string, CachedFile>();
  for (const file of files) {
    const before = cache?.files[file];
    if (before && isUnchanged(file, before)) unchanged.set(file, before);
  }
  // A new day turns open action items overdue: their reviews' pages are rendered again, and the board redrawn.
  const newDay = cache !== null && cache.today !== options.today;
  if (newDay)
    for (const [file, before] of unchanged)
      if (
        before
          .reviews()
          .some((r) => r.actions.some((item) => statusChanges(item, cache.today, options.today)))
      )
        unchanged.delete(file);
  const toParse = files.filter((file) => !unchanged.has(file));
  const knownThemes = themesBefore(cache, toParse);
  progress('parse', 0, toParse.length);
  // A cold build numbers terms as the threads' results come in, while this thread would otherwise wait; a warm one
  // numbers none (should it rebuild the index after all, `table` numbers what was not).
  const numbers = new TermNumbers();
  const pools = [
    await startSitePool(
      toParse,
      cwd,
      settings,
      join(outDir, JSON_PARTS),
      (batch, done) => {
        if (cache === null)
          for (const result of batch)
            for (const review of result.reviews) if (review.summary.isReview) numbers.add(review.terms);
        progress('parse', done, toParse.length);
      },
      knownThemes,
    ),
  ];
  // Pages whose related or similar lists name a review whose link changed are rendered again too.
  const reviewUrls = staticUrls(SITE_PATHS.review('page'));
  if (cache) {
    const dependents = dependentsOf(cache, unchanged, pools[0]?.parsed ?? [], reviewUrls);
    for (const file of dependents) unchanged.delete(file);
    if (dependents.length > 0)
      pools.push(
        await startSitePool(
          dependents,
          cwd,
          settings,
          join(outDir, `${JSON_PARTS}-linked`),
          undefined,
          themesBefore(cache, dependents),
        ),
      );
  }
  const parsedFiles = pools.flatMap((pool) => pool.parsed);
  const parsed = new Map(parsedFiles.map((result) => [result.file, result]));
  progress('parse', parsed.size, parsed.size);

  // 2. Every document of the site, in file order, with a stable, unique page key.
  // Filled from the threads' finish reports: themes are worked out after parsing (SiteJob.settleThemes).
  const themeBook: ThemeBook = new Map();
  const entries = assignEntries(files, unchanged, parsed, cache, themeBook);
  const reviews = entries.filter((e) => e.isReview);
  const fresh = reviews.filter((e) => e.fresh);
  const deltaSize = fresh.length + Object.keys(cache?.search.delta ?? {}).length;
  const incremental = cache !== null && unchanged.size > 0 && deltaSize <= DELTA_LIMIT;
  // The delta grew too big: a new base index needs every review's terms, so this becomes a cold build.
  if (cache !== null && !incremental && unchanged.size > 0) return buildSite({ ...options, full: true });

  const writer = new SiteWriter(outDir, cache?.written ?? []);
  const search = incremental ? updateSearch(reviews, cache.search, writer) : rebuildSearch(reviews, numbers);

  // 3. Review pages: rendered on the threads that parsed them, finished there with what needs every review.
  const byKey = new Map(reviews.map((e) => [e.key, e]));
  const pageOfSource = new Map<string, string>();
  const idToKey = new Map<string, string>();
  for (const e of reviews) {
    if (!pageOfSource.has(e.file)) pageOfSource.set(e.file, SITE_PATHS.review(e.key));
    if (!idToKey.has(e.id)) idToKey.set(e.id, e.key);
  }
  const summariesOf = (keys: readonly string[]) => keys.flatMap((k) => byKey.get(k)?.record().summary ?? []);
  const base = options.baseUrl?.replace(/\/?$/, '/') ?? '';
  // Documents that are not reviews (index pages, templates) get no page and stay out of reviews.json.
  const orders: FinishOrder[] = fresh.map((e) => ({
    file: e.file,
    index: e.index,
    path: SITE_PATHS.review(e.key),
    lists: [
      reviewLinks(
        'Related reviews',
        summariesOf(e.record().related.flatMap((id) => idToKey.get(id) ?? [])),
        reviewUrls,
      ),
      reviewLinks('Similar reviews', summariesOf(e.similar ?? []), reviewUrls),
    ].join(''),
    canonical: options.baseUrl === null ? null : `${base}${SITE_PATHS.review(e.key)}`,
  }));
  progress('pages', 0, orders.length);
  const finishing = finishAll(pools, outDir, orders, pageOfSource);
  // Awaited below; a thread that fails meanwhile must not count as an unhandled rejection.
  finishing.catch(() => undefined);
  // A cold build draws the charts: their library loads while the threads write the review pages.
  const charts = incremental ? null : import('./insights-page.js');
  charts?.catch(() => undefined);
  // While the threads write the review pages, this one writes what takes little memory: the search index (built
  // already) and reviews.json (copied piece by piece). Drawing the lists meanwhile too was no faster (both cores
  // are busy) and took 100 MB more.
  for (const [path, text] of search.files) writer.write(path, text);
  for (const e of reviews) if (!e.fresh) writer.keep(SITE_PATHS.review(e.key));
  const json = writeReviewsJson(
    outDir,
    files,
    new Map(parsedFiles.map((p) => [p.file, p.json])),
    unchanged,
    cache,
  );
  writer.keep('reviews.json');
  const finished = await finishing;
  for (const [file, themes] of finished.themes) themeBook.set(file, themes);
  progress('pages', orders.length, orders.length);
  writer.adopt(finished.written, true);
  const copiedBy = new Map<string, Set<string>>();
  for (const [sitePath, target, file] of finished.copies) {
    writer.copy(sitePath, target);
    copiedBy.set(file, (copiedBy.get(file) ?? new Set()).add(sitePath));
  }
  const brokenLinks: (BrokenLink & { readonly file: string })[] = finished.broken.map(({ file, target }) => ({
    file,
    path: displayPath(file, cwd),
    target: displayPath(target, cwd),
  }));
  for (const [file, entry] of unchanged) {
    for (const path of entry.copied ?? []) writer.keep(path);
    for (const target of entry.brokenLinks ?? [])
      brokenLinks.push({ file, path: displayPath(file, cwd), target });
  }

  // 4. The pages that list reviews. On a warm build only those whose data changed: the lists a changed review is
  // (or was) in, and the pages over all reviews only when a summary, action item or theme changed at all.
  const page = (path: string, content: () => PageContent, scripts: readonly string[] = []) => {
    const urls = staticUrls(path);
    const canonical = options.baseUrl === null ? {} : { canonical: `${base}${path}` };
    const document = renderDocument(content(), {
      urls,
      siteTitle,
      scripts: scripts.map((s) => urls.asset(s)),
      ...canonical,
    });
    writer.write(path, document, true);
  };
  const changes = incremental ? changesSince(cache, entries, unchanged, newDay) : ALL_CHANGED;
  // Every review's record is read from the cache only when a page over all reviews is drawn.
  let all: ReviewSummary[] | null = null;
  const summaries = () => (all ??= reviews.map((e) => e.record().summary));
  const unless = (changed: boolean, paths: readonly string[], write: () => void) => {
    if (changed) write();
    else for (const path of paths) writer.keep(path);
  };
  for (const kind of LIST_KINDS) {
    const index = SITE_PATHS.lists(kind);
    if (!changes.summaries) {
      writer.keepPrefix(index.slice(0, index.lastIndexOf('/') + 1));
      continue;
    }
    const groups = groupBy(summaries(), kind);
    const counts = new Map([...groups].map(([key, members]) => [key, members.length]));
    page(index, () => listIndexPage({ kind, counts, urls: staticUrls(index) }));
    for (const [key, members] of groups) {
      const path = SITE_PATHS.list(kind, key);
      const listed = changes.lists?.has(`${kind}\u0000${key}`) ?? true;
      unless(listed, [path], () =>
        page(path, () => listPage({ kind, key, reviews: members, urls: staticUrls(path) })),
      );
    }
  }
  unless(changes.summaries, [SITE_PATHS.home], () =>
    page(
      SITE_PATHS.home,
      () => homePage({ reviews: summaries(), urls: staticUrls(SITE_PATHS.home), title: siteTitle }),
      ['filter.js'],
    ),
  );
  unless(changes.board, [SITE_PATHS.actions, 'actions.csv'], () => {
    const board: BoardItem[] = reviews.flatMap((e) => {
      const { summary, actions } = e.record();
      return actions.map((item: ActionItem) => ({ review: summary, item }));
    });
    page(SITE_PATHS.actions, () =>
      actionsPage({ items: board, today: options.today, urls: staticUrls(SITE_PATHS.actions) }),
    );
    writer.write('actions.csv', actionsCsv(board));
  });
  if (changes.insights) {
    // Loaded only when drawn: the chart library and its DOM take a fifth of a warm build's start-up.
    const { insightsPage } = await (charts ?? import('./insights-page.js'));
    const themes = new Map(reviews.map((e) => [e.key, e.record().themes]));
    const { labels } = taxonomyOf(settings);
    page(SITE_PATHS.insights, () => insightsPage({ reviews: summaries(), themes, themeLabels: labels }));
  } else writer.keep(SITE_PATHS.insights);
  const attention = reviews.filter((e) => e.errors > 0).map((e) => e.record().summary);
  const unreadable = files.flatMap((file) => {
    const errors = (parsed.get(file)?.diagnostics ?? unchanged.get(file)?.diagnostics ?? []).filter(
      (d) => d.severity === 'error',
    );
    return errors.length === 0
      ? []
      : [{ path: displayPath(file, cwd), messages: errors.map((d) => d.message) }];
  });
  // Small, and it also lists files that yield no review at all: written every time.
  const notReviews = entries.filter((e) => !e.isReview).map((e) => e.record().summary);
  page(SITE_PATHS.attention, () =>
    attentionPage({ reviews: attention, notReviews, unreadable, urls: staticUrls(SITE_PATHS.attention) }),
  );
  // The feed dates an undated review by the day of the build.
  unless(changes.summaries || newDay, [SITE_PATHS.feed], () => {
    writer.write(
      SITE_PATHS.feed,
      atomFeed({
        reviews: summaries(),
        title: siteTitle,
        baseUrl: options.baseUrl,
        fallbackUpdated: options.today,
      }),
    );
  });
  unless(!incremental, [SITE_PATHS.search, ...ASSET_NAMES.map((name) => SITE_PATHS.asset(name))], () => {
    page(SITE_PATHS.search, () => searchPage({ urls: staticUrls(SITE_PATHS.search), root: '' }), [
      'search.js',
    ]);
    for (const name of ASSET_NAMES) writer.write(SITE_PATHS.asset(name), readAsset(name));
  });

  // 5. Files of the last build that this one did not write or keep (a removed review's page, an emptied list) go.
  writer.removeStale();
  const byFile = new Map<string, Entry[]>();
  for (const e of entries) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const nextFiles: Record<string, CachedFile> = {};
  for (const file of files) {
    const kept = unchanged.get(file);
    if (kept) {
      nextFiles[file] = kept;
      continue;
    }
    const result = parsed.get(file);
    const fileEntries = byFile.get(file) ?? [];
    nextFiles[file] = cachedFile(
      {
        mtimeMs: result?.mtimeMs ?? 0,
        size: result?.size ?? -1,
        hash: result?.hash ?? null,
        ...nonEmpty('diagnostics', result?.diagnostics ?? []),
        heads: fileEntries.map(reviewHeadOf),
        jsonLength: json.lengths.get(file) ?? 0,
        ...nonEmpty('copied', [...(copiedBy.get(file) ?? [])]),
        ...nonEmpty(
          'brokenLinks',
          brokenLinks.filter((b) => b.file === file).map((b) => b.target),
        ),
      },
      fileEntries.map((e) => ({ ...e.record(), similar: e.similar ?? [] })),
    );
  }
  const saved = saveSiteCache(
    outDir,
    {
      version,
      files: nextFiles,
      search: search.state,
      written: writer.allWritten(),
      jsonBytes: json.bytes,
      today: options.today,
    },
    incremental ? cache : null,
    new Set(parsed.keys()),
  );
  if (options.memory) options.memory.kept = { cache: saved, stamp: cacheStamp(outDir) };
  return {
    incremental,
    reviews: reviews.length,
    rendered: fresh.length,
    pages: writer.pages,
    written: writer.count,
    needsAttention: [
      ...attention.map((s) => ({ path: s.path, title: s.title, errors: s.errors })),
      ...unreadable.map((f) => ({ path: f.path, title: null, errors: f.messages.length })),
    ],
    brokenLinks: brokenLinks.map(({ path, target }) => ({ path, target })),
    durationMs: performance.now() - started,
  };
}

/** The cache this process saved last, while its files are still as it left them and the options the same. */
function recall(memory: BuildMemory | undefined, outDir: string, version: string): LoadedSiteCache | null {
  const kept = memory?.kept;
  if (!kept || kept.cache.version !== version || kept.stamp !== cacheStamp(outDir)) return null;
  return kept.cache;
}

/** The themes the last build worked out for these files' reviews, by what they were worked out from. */
function themesBefore(cache: SiteCache | null, files: readonly string[]): KnownThemes {
  const known = new Map<string, readonly string[]>();
  for (const file of files)
    for (const r of cache?.files[file]?.reviews() ?? []) if (r.themeKey) known.set(r.themeKey, r.themes);
  return (key) => known.get(key);
}

/** Unchanged files whose pages list a review whose link changed (changedLinks). */
function dependentsOf(
  cache: SiteCache,
  unchanged: ReadonlyMap<string, CachedFile>,
  parsed: readonly ParsedSiteFile[],
  urls: SiteUrls,
): string[] {
  const linked = changedLinks(cache, unchanged, parsed, urls);
  if (linked.size === 0) return [];
  return [...unchanged]
    .filter(([, entry]) => entry.heads.some((r) => r.refs.split(' ').some((k) => linked.has(k))))
    .map(([file]) => file);
}

/**
 * Page keys whose link on other pages changed since the last build: reviews gone, new, or shown differently
 * (another title, date or severity). An edit that leaves the link as it was re-renders no other page.
 */
function changedLinks(
  cache: SiteCache,
  unchanged: ReadonlyMap<string, CachedFile>,
  parsed: readonly ParsedSiteFile[],
  urls: SiteUrls,
): Set<string> {
  const shown = (summary: ReviewSummary) => reviewLinks('', [{ ...summary, key: '' }], urls).value;
  const keys = new Set<string>();
  const now = new Map(parsed.map((result) => [result.file, result.reviews]));
  for (const [file, entry] of Object.entries(cache.files)) {
    if (unchanged.has(file)) continue;
    const fresh = new Map((now.get(file) ?? []).map((r) => [r.summary.id, r.summary]));
    for (const { summary } of entry.reviews()) {
      const next = fresh.get(summary.id);
      if (next === undefined || shown(next) !== shown(summary)) keys.add(summary.key);
      fresh.delete(summary.id);
    }
    for (const id of fresh.keys()) keys.add(slugOf(id));
  }
  for (const result of parsed)
    if (!(result.file in cache.files)) for (const r of result.reviews) keys.add(slugOf(r.summary.id));
  return keys;
}

/** Every page finished on the thread that rendered it (each pool takes the orders of the files it holds). */
async function finishAll(
  pools: readonly SitePool[],
  outDir: string,
  orders: readonly FinishOrder[],
  pageOfSource: ReadonlyMap<string, string>,
): Promise<FinishReport> {
  return mergeReports(await Promise.all(pools.map((pool) => pool.finish(outDir, orders, pageOfSource))));
}

/** Which of the pages over all reviews show something that changed. */
interface Changes {
  /** Home, lists, feed: they show every field of a summary. */
  readonly summaries: boolean;
  /**
   * The lists (`kind\0key`) a review whose summary changed is or was in; null for all. A review rendered again
   * only for its links to others keeps its summary, so its lists stay as they are.
   */
  readonly lists: ReadonlySet<string> | null;
  /** The action board and actions.csv. */
  readonly board: boolean;
  /** The insights page's charts. */
  readonly insights: boolean;
}

const ALL_CHANGED: Changes = { summaries: true, lists: null, board: true, insights: true };

/** What the board and actions.csv show of a review: nothing when it has no action items. */
const onBoard = ({ actions, summary: s }: Omit<CachedReview, 'similar'>) =>
  actions.length === 0 ? null : [actions, s.isReview, s.key, s.id, s.title, s.date, s.path];
/** What the insights charts count of a review: a new title or summary leaves them as they are. */
const inCharts = ({ themes, summary: s }: Omit<CachedReview, 'similar'>) => [
  s.isReview,
  s.date,
  s.severity,
  s.durations,
  themes,
];

/** What changed in the data the shared pages show, comparing this build's documents with the last build's. */
function changesSince(
  cache: SiteCache,
  entries: readonly Entry[],
  unchanged: ReadonlyMap<string, CachedFile>,
  newDay: boolean,
): Changes {
  const before = new Map<string, CachedReview>();
  for (const [file, entry] of Object.entries(cache.files))
    if (!unchanged.has(file)) for (const r of entry.reviews()) before.set(r.summary.key, r);
  const fresh = entries.filter((e) => e.fresh);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const differs = (pick: (r: Omit<CachedReview, 'similar'>) => unknown) =>
    fresh.length !== before.size ||
    fresh.some((e) => {
      const old = before.get(e.key);
      return old === undefined || !same(pick(old), pick(e.record()));
    });
  // Every open item's age is on the board.
  const board = newDay || differs(onBoard);
  const insights = differs(inCharts);
  const moved: ReviewSummary[] = [];
  for (const e of fresh) {
    const now = e.record().summary;
    const old = before.get(e.key)?.summary;
    before.delete(e.key);
    if (old === undefined || !same(old, now)) moved.push(now, ...(old ? [old] : []));
  }
  for (const gone of before.values()) moved.push(gone.summary);
  return { summaries: moved.length > 0, lists: listKeysOf(moved), board, insights };
}

/** Whether an action item's status on its review's page differs between two days. */
function statusChanges(item: ActionItem, before: string, today: string): boolean {
  return actionStatus(item, before) !== actionStatus(item, today);
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
  parsed: ReadonlyMap<string, ParsedSiteFile>,
  cache: SiteCache | null,
  themeBook: ThemeBook,
): Entry[] {
  const used = new Set<string>();
  for (const entry of unchanged.values()) for (const r of entry.heads) used.add(r.key);
  const entries: Entry[] = [];
  for (const file of files) {
    const kept = unchanged.get(file);
    if (kept) {
      kept.heads.forEach(({ key, id, isReview, errors, searchDoc }, i) =>
        entries.push({
          key,
          id: id ?? key,
          isReview,
          errors,
          searchDoc,
          file,
          fresh: false,
          record: () => kept.reviews()[i] as CachedReview,
          similar: null,
          index: 0,
          terms: null,
          length: 0,
        }),
      );
      continue;
    }
    const before = cache?.files[file]?.reviews() ?? [];
    (parsed.get(file)?.reviews ?? []).forEach((review, index) => {
      const previous = before.find((r) => r.summary.id === review.summary.id);
      const key =
        previous !== undefined && !used.has(previous.summary.key)
          ? previous.summary.key
          : uniqueKey(review.summary.id, used);
      used.add(key);
      entries.push(freshEntry(file, key, index, review, previous?.similar ?? [], themeBook));
    });
  }
  return entries;
}

/** A review parsed in this build; on a warm build it keeps the similar reviews its page showed before. */
function freshEntry(
  file: string,
  key: string,
  index: number,
  review: ParsedSiteFile['reviews'][number],
  similar: readonly string[],
  themeBook: ThemeBook,
): Entry {
  const { summary, diagnostics, related, actions, themeKey } = review;
  const record = {
    summary: { ...summary, key },
    diagnostics,
    related,
    actions,
    themeKey,
    get themes(): readonly string[] {
      const themes = themeBook.get(file)?.[index];
      if (themes === undefined) throw new Error(`themes of ${file} read before its pages were finished`);
      return themes;
    },
  };
  return {
    file,
    key,
    id: summary.id,
    isReview: summary.isReview,
    errors: summary.errors,
    index,
    fresh: true,
    record: () => record,
    similar,
    searchDoc: null,
    terms: review.terms,
    length: review.length,
  };
}

/** `{ [name]: list }`, or nothing when the list is empty: the cache leaves empty lists out. */
function nonEmpty<K extends string, T>(name: K, list: readonly T[]): Partial<Record<K, readonly T[]>> {
  return list.length === 0 ? {} : ({ [name]: list } as Record<K, readonly T[]>);
}

function uniqueKey(id: string, used: ReadonlySet<string>): string {
  const slug = slugOf(id);
  if (!used.has(slug)) return slug;
  for (let n = 2; ; n++) if (!used.has(`${slug}-${n}`)) return `${slug}-${n}`;
}

function reviewHeadOf(e: Entry): CachedReviewHead {
  const { key, id, isReview, errors, searchDoc } = e;
  const refs = [...(e.similar ?? []), ...e.record().related.map(slugOf)].join(' ');
  return { key, ...(id !== key && { id }), isReview, errors, searchDoc, refs };
}

function searchDocOf(summary: ReviewSummary): SearchDoc {
  return {
    path: SITE_PATHS.review(summary.key),
    title: summary.title ?? summary.id,
    date: summary.date,
    severity: summary.severity?.level ?? null,
    snippet: snippetOf(summary.summary ?? ''),
  };
}

function indexedOf(e: Entry): IndexedDoc {
  return { doc: searchDocOf(e.record().summary), terms: e.terms ?? packTerms([]), length: e.length };
}

interface SearchUpdate {
  readonly state: SearchState;
  /** The index's files to write: [path, text]. */
  readonly files: Iterable<readonly [string, string]>;
}

/** Cold: every review numbered in build order, and its similar reviews found from the same terms. */
function rebuildSearch(reviews: readonly Entry[], numbers: TermNumbers): SearchUpdate {
  const docs = reviews.map(indexedOf);
  const table = numbers.table(docs);
  const { files, shards, common } = buildSearchIndex(docs, table);
  const source = termSourceOf(table);
  reviews.forEach((e, n) => {
    e.searchDoc = n;
    e.similar = similarDocs(n, source).flatMap((other) => reviews[other]?.key ?? []);
    e.terms = null;
  });
  return { state: { shards, docs: docs.length, common, deleted: [], delta: {} }, files };
}

/**
 * Warm: the base index stays; a changed review hides its old document and joins the delta segment of the manifest.
 * Its similar list is kept from the last build (a cold build, `--full`, recomputes every one).
 */
function updateSearch(reviews: readonly Entry[], before: SearchState, writer: SiteWriter): SearchUpdate {
  const present = new Set(reviews.map((e) => e.key));
  const delta: Record<string, SearchState['delta'][string]> = {};
  for (const [key, doc] of Object.entries(before.delta)) if (present.has(key)) delta[key] = doc;
  const live = new Set(reviews.flatMap((e) => (!e.fresh && e.searchDoc !== null ? [e.searchDoc] : [])));
  const deleted: number[] = [];
  for (let n = 0; n < before.docs; n++) if (!live.has(n)) deleted.push(n);
  for (const e of reviews) {
    if (!e.fresh) continue;
    const terms = e.terms === null ? [] : unpackTerms(e.terms);
    delta[e.key] = { doc: searchDocOf(e.record().summary), terms, length: e.length };
    e.terms = null;
  }
  const added = Object.values(delta).map((d) => ({
    doc: d.doc,
    terms: packTerms(d.terms),
    length: d.length,
  }));
  writer.keepPrefix('search/');
  return {
    state: { ...before, deleted, delta },
    files: [['search/index.js', deltaManifest(before, deleted, added)]],
  };
}

export function groupBy(summaries: readonly ReviewSummary[], kind: ListKind): Map<string, ReviewSummary[]> {
  const groups = new Map<string, ReviewSummary[]>();
  for (const s of summaries)
    for (const key of listKeys(s, kind)) {
      const group = groups.get(key);
      if (group) group.push(s);
      else groups.set(key, [s]);
    }
  return groups;
}

const LIST_KEYS: Readonly<Record<ListKind, (s: ReviewSummary) => readonly string[]>> = {
  service: (s) => s.services,
  tag: (s) => s.tags,
  severity: (s) => [String(s.severity?.level ?? 'none')],
  year: (s) => (s.date ? [s.date.slice(0, 4)] : []),
};

function listKeys(s: ReviewSummary, kind: ListKind): readonly string[] {
  return LIST_KEYS[kind](s);
}

function listKeysOf(summaries: readonly ReviewSummary[]): Set<string> {
  const keys = new Set<string>();
  for (const s of summaries)
    for (const kind of LIST_KINDS) for (const key of listKeys(s, kind)) keys.add(`${kind}\u0000${key}`);
  return keys;
}
