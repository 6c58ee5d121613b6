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

/**
 * A review's terms as they cross threads and wait for the index: the words joined by spaces and their counts in
 * the same order. One string and one array per review, where a Map of some 300 entries cost a cold build's main
 * thread about 200 MB at 10,000 reviews.
 */
export interface PackedTerms {
  readonly words: string;
  readonly counts: Int32Array;
}

export function packTerms(terms: Iterable<readonly [string, number]>): PackedTerms {
  const words: string[] = [];
  const counts: number[] = [];
  for (const [word, count] of terms) {
    words.push(word);
    counts.push(count);
  }
  return { words: words.join(' '), counts: Int32Array.from(counts) };
}

export function unpackTerms(packed: PackedTerms): [string, number][] {
  return wordsOf(packed).map((word, i) => [word, packed.counts[i] as number]);
}

function wordsOf(packed: PackedTerms): string[] {
  return packed.words === '' ? [] : packed.words.split(' ');
}

export interface IndexedDoc {
  readonly doc: SearchDoc;
  readonly terms: PackedTerms;
  readonly length: number;
}

/** The distinct terms of some documents, numbered, and each document's terms as numbers. */
export interface TermTable {
  readonly words: readonly string[];
  /** Document → its term numbers, and their counts at the same places. */
  readonly terms: readonly Int32Array[];
  readonly counts: readonly Int32Array[];
  /** Term number → how many documents hold it. */
  readonly df: Int32Array;
}

/**
 * Numbers terms as documents come. A cold build numbers each review's terms as the threads' results arrive, while
 * the threads still parse, so the index needs only arrays once they are done. Nothing written depends on the order
 * in which documents were numbered.
 */
export class TermNumbers {
  private readonly numbers = new Map<string, number>();
  private readonly words: string[] = [];
  private readonly numbered = new WeakMap<PackedTerms, Int32Array>();

  add(terms: PackedTerms): Int32Array {
    const known = this.numbered.get(terms);
    if (known) return known;
    const own = wordsOf(terms);
    const ids = new Int32Array(own.length);
    own.forEach((word, i) => {
      let id = this.numbers.get(word);
      if (id === undefined) {
        id = this.words.length;
        this.numbers.set(word, id);
        this.words.push(word);
      }
      ids[i] = id;
    });
    this.numbered.set(terms, ids);
    return ids;
  }

  table(docs: readonly { readonly terms: PackedTerms }[]): TermTable {
    const terms = docs.map((d) => this.add(d.terms));
    const df = new Int32Array(this.words.length);
    for (const ids of terms) for (const id of ids) df[id] = (df[id] as number) + 1;
    return { words: this.words, terms, counts: docs.map((d) => d.terms.counts), df };
  }
}

export function termTable(docs: readonly { readonly terms: PackedTerms }[]): TermTable {
  return new TermNumbers().table(docs);
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
  // Most reviews are all ASCII: nothing to fold, and no piece to cut again.
  const ascii = !NOT_ASCII.test(text);
  const folded = ascii
    ? text.toLowerCase()
    : text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
  // Cut at ASCII first, and with the Unicode classes (ten times slower) only pieces that are not all ASCII.
  for (const piece of folded.split(/[^a-z0-9\u0080-\uffff]+/)) {
    if (!ascii && NOT_ASCII.test(piece)) for (const word of piece.split(/[^\p{L}\p{N}]+/u)) keep(word);
    else keep(piece);
  }
  return words;
}

const NOT_ASCII = /[\u0080-\uffff]/;

function indexable(word: string): boolean {
  if (STOP_WORDS.has(word)) return false;
  const first = word.charCodeAt(0);
  // Only a word that starts with a digit can be all digits.
  if (first < 48 || first > 57) return true;
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
function commonTerms(table: TermTable): Set<string> {
  const docs = table.terms.length;
  if (docs < COMMON_MIN_DOCS) return new Set();
  return new Set(table.words.filter((_, id) => (table.df[id] as number) > docs * COMMON_SHARE));
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

/** The base index over all documents; document n is `docs[n]`, its terms `table`'s document n. */
export function buildSearchIndex(
  docs: readonly IndexedDoc[],
  table: TermTable,
): {
  files: SearchFiles;
  shards: number;
  common: string[];
} {
  const shards = shardCount(docs.length);
  const common = commonTerms(table);
  const files: SearchFiles = new Map();
  const byShard: Record<string, number[]>[] = Array.from({ length: shards }, () => ({}));
  for (const [term, list] of postingsOf(docs, table, common))
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
      postings: Object.fromEntries(postingsOf(added, termTable(added), new Set(base.common))),
    },
  });
}

function manifestFile(manifest: SearchManifest): string {
  const { delta } = manifest;
  return `hindsightSearch.manifest(${JSON.stringify({ ...manifest, delta: { docs: delta.docs.map(docRow), postings: delta.postings } })});\n`;
}

/**
 * term → [doc, weight, doc, weight …], docs ascending and delta-encoded; terms in the order they first occur in
 * the documents (not in the table's numbering, which depends on when each thread's results arrived).
 */
function postingsOf(
  docs: readonly IndexedDoc[],
  table: TermTable,
  common: ReadonlySet<string>,
): Map<string, number[]> {
  const average = docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, docs.length) || 1;
  const lists: (number[] | null | undefined)[] = table.words.map((word) =>
    common.has(word) ? null : undefined,
  );
  const order: number[] = [];
  docs.forEach((d, n) => {
    const norm = K1 * (1 - B + (B * d.length) / average);
    const ids = table.terms[n] as Int32Array;
    const counts = table.counts[n] as Int32Array;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      let list = lists[id];
      if (list === null) continue;
      if (list === undefined) {
        lists[id] = list = [];
        order.push(id);
      }
      const tf = counts[i] as number;
      list.push(n, Math.max(1, Math.round((100 * tf * (K1 + 1)) / (tf + norm))));
    }
  });
  const postings = new Map<string, number[]>();
  for (const id of order) {
    const list = lists[id] as number[];
    for (let i = list.length - 2; i >= 2; i -= 2) list[i] = (list[i] as number) - (list[i - 2] as number);
    postings.set(table.words[id] as string, list);
  }
  return postings;
}

function docRow(doc: SearchDoc): (string | number | null)[] {
  return [doc.path, doc.title, doc.date, doc.severity, doc.snippet];
}

function call(name: string, n: number, data: unknown): string {
  return `hindsightSearch.${name}(${n},${JSON.stringify(data)});\n`;
}
