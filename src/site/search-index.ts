import type { Review } from '../model/review.js';

/**
 * The static search index: term-sharded, loaded by the browser one shard per query word, so a cold search at
 * 10,000 reviews downloads tens of kilobytes, not the whole index (see ARCHITECTURE.md, "Search").
 *
 * Files (classic scripts that call `hindsightSearch.*`, so they load from `file://` too, where `fetch` cannot):
 * - `search/index.js` — the manifest: shard count, document count, deleted documents, the delta segment;
 * - `search/t/<n>.js` — the postings of the terms whose hash falls in shard n: term → [doc, weight, doc, weight …]
 *   with doc numbers delta-encoded and the weight BM25's term part (tf and length normalisation) × 100;
 * - `search/d/<n>.js` — the documents n × 16 … n × 16 + 15: [path, title, date, severity level, snippet].
 * The client multiplies each weight by the term's idf (from its posting count) and sums over the query's words.
 */

export interface SearchDoc {
  /** The page, relative to the site root. */
  readonly path: string;
  readonly title: string;
  readonly date: string | null;
  readonly severity: number | null;
  readonly snippet: string;
}

/** Term → how often it occurs (the title counts three times). */
export type TermCounts = ReadonlyMap<string, number>;

export interface IndexedDoc {
  readonly doc: SearchDoc;
  readonly terms: TermCounts;
  readonly length: number;
}

export const DOCS_PER_CHUNK = 16;
const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 3;
const SNIPPET_CHARS = 180;
const STOP_WORDS: ReadonlySet<string> = new Set(
  'an and are as at be but by for from had has have in into is it its of on or that the their then there these this to was we were which while who will with'.split(
    ' ',
  ),
);

/**
 * Words as the browser's search script cuts them too (assets/search.js `words`): accents folded, lower case,
 * letters and digits; 2–32 characters. The index leaves out stop words and numbers other than 3–4 digits (HTTP
 * codes, years), which only make the index bigger.
 */
export function searchWords(text: string): string[] {
  const words: string[] = [];
  const keep = (word: string) => {
    if (word.length >= 2 && word.length <= 32) words.push(word);
  };
  const folded = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  // Cut at ASCII first, and with the Unicode classes (ten times slower) only pieces that are not all ASCII.
  for (const piece of folded.split(/[^a-z0-9\u0080-\uffff]+/)) {
    if (/[\u0080-\uffff]/.test(piece)) for (const word of piece.split(/[^\p{L}\p{N}]+/u)) keep(word);
    else keep(piece);
  }
  return words;
}

function indexable(word: string): boolean {
  if (STOP_WORDS.has(word)) return false;
  return !/^\d+$/.test(word) || word.length === 3 || word.length === 4;
}

/** What the index keeps of a review: its terms with counts, and its length in words. */
export function reviewTerms(review: Review): { terms: Map<string, number>; length: number } {
  const terms = new Map<string, number>();
  let length = 0;
  const add = (text: string, weight: number) => {
    for (const word of searchWords(text)) {
      if (!indexable(word)) continue;
      terms.set(word, (terms.get(word) ?? 0) + weight);
      length += 1;
    }
  };
  if (review.title) add(review.title, TITLE_WEIGHT);
  for (const section of review.sections) add(`${section.heading}\n${section.markdown}`, 1);
  add([...review.services, ...review.tags].join(' '), 1);
  return { terms, length };
}

/** A result's snippet: the summary as plain text, at most 180 characters. */
export function snippetOf(summary: string): string {
  const text = summary
    .replace(/[`*_#>[\]]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length <= SNIPPET_CHARS ? text : `${text.slice(0, SNIPPET_CHARS - 1).trimEnd()}…`;
}

/** 32-bit FNV-1a over UTF-16 code units: the same function as `shardOf` in assets/search.js. */
export function shardOf(term: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    hash ^= term.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}

/** About 20 documents per shard, a power of two between 16 and 2048. */
export function shardCount(docs: number): number {
  let shards = 16;
  while (shards < 2048 && shards * 20 < docs) shards *= 2;
  return shards;
}

/**
 * Terms in more than 40% of the reviews of a big site ("incident", "impact", "minutes" …) rank nothing and would
 * make the shards that hold them several times bigger; they are listed in the manifest instead, so the search page
 * can say that a word is too common.
 */
export function commonTerms(docs: readonly { readonly terms: ReadonlyMap<string, number> }[]): Set<string> {
  if (docs.length < COMMON_MIN_DOCS) return new Set();
  const df = new Map<string, number>();
  for (const d of docs) for (const term of d.terms.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  return new Set([...df].filter(([, n]) => n > docs.length * COMMON_SHARE).map(([term]) => term));
}

const COMMON_MIN_DOCS = 200;
const COMMON_SHARE = 0.4;

export interface SearchManifest {
  readonly version: 1;
  readonly shards: number;
  readonly docs: number;
  readonly chunk: number;
  /** Base documents replaced or removed since the base was built (warm builds). */
  readonly deleted: readonly number[];
  /** Terms left out of the index for being in too many reviews (see commonTerms). */
  readonly common: readonly string[];
  /** Documents added or changed since the base was built, with their own small inverted index. */
  readonly delta: { readonly docs: readonly SearchDoc[]; readonly postings: Record<string, number[]> };
}

/** The file contents of a whole index: path (below the site root) → text. */
export type SearchFiles = Map<string, string>;

/** The base index over all documents; document n is `docs[n]`. */
export function buildSearchIndex(docs: readonly IndexedDoc[]): {
  files: SearchFiles;
  shards: number;
  common: string[];
} {
  const shards = shardCount(docs.length);
  const common = commonTerms(docs);
  const files: SearchFiles = new Map();
  const byShard: Record<string, number[]>[] = Array.from({ length: shards }, () => ({}));
  for (const [term, list] of postingsOf(docs, common))
    (byShard[shardOf(term, shards)] as Record<string, number[]>)[term] = list;
  byShard.forEach((terms, n) => files.set(`search/t/${n}.js`, call('shard', n, terms)));
  for (let start = 0, n = 0; start < docs.length; start += DOCS_PER_CHUNK, n++)
    files.set(
      `search/d/${n}.js`,
      call(
        'docs',
        n,
        docs.slice(start, start + DOCS_PER_CHUNK).map((d) => docRow(d.doc)),
      ),
    );
  const sortedCommon = [...common].sort();
  files.set(
    'search/index.js',
    manifestFile({
      version: 1,
      shards,
      docs: docs.length,
      chunk: DOCS_PER_CHUNK,
      deleted: [],
      common: sortedCommon,
      delta: { docs: [], postings: {} },
    }),
  );
  return { files, shards, common: sortedCommon };
}

/** The manifest with a delta segment: `deleted` base documents hidden, `added` searched beside the base. */
export function deltaManifest(
  base: { readonly shards: number; readonly docs: number; readonly common: readonly string[] },
  deleted: readonly number[],
  added: readonly IndexedDoc[],
): string {
  return manifestFile({
    version: 1,
    shards: base.shards,
    docs: base.docs,
    chunk: DOCS_PER_CHUNK,
    deleted,
    common: base.common,
    delta: {
      docs: added.map((d) => d.doc),
      postings: Object.fromEntries(postingsOf(added, new Set(base.common))),
    },
  });
}

function manifestFile(manifest: SearchManifest): string {
  const { delta } = manifest;
  return `hindsightSearch.manifest(${JSON.stringify({ ...manifest, delta: { docs: delta.docs.map(docRow), postings: delta.postings } })});\n`;
}

/** term → [doc, weight, doc, weight …], docs ascending and delta-encoded. */
function postingsOf(docs: readonly IndexedDoc[], common: ReadonlySet<string>): Map<string, number[]> {
  const average = docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, docs.length) || 1;
  const postings = new Map<string, number[]>();
  docs.forEach((d, n) => {
    const norm = K1 * (1 - B + (B * d.length) / average);
    for (const [term, tf] of d.terms) {
      if (common.has(term)) continue;
      const weight = Math.max(1, Math.round((100 * tf * (K1 + 1)) / (tf + norm)));
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push(n, weight);
    }
  });
  for (const list of postings.values())
    for (let i = list.length - 2; i >= 2; i -= 2) list[i] = (list[i] as number) - (list[i - 2] as number);
  return postings;
}

function docRow(doc: SearchDoc): (string | number | null)[] {
  return [doc.path, doc.title, doc.date, doc.severity, doc.snippet];
}

function call(name: string, n: number, data: unknown): string {
  return `hindsightSearch.${name}(${n},${JSON.stringify(data)});\n`;
}
