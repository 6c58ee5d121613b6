import { createHash } from 'node:crypto';
import type { Review } from '../model/review.js';
import type { SectionKind } from '../model/section-kind.js';
import { defaultTaxonomy, type Taxonomy, themeIds } from './themes.js';

/**
 * "Have we seen this before?": ranked retrieval over past reviews (brief §3.4 `similar`).
 *
 * The model is TF-IDF with cosine similarity, not BM25. The query is usually a whole review, not a few keywords:
 * cosine compares two documents symmetrically and gives a score in [0, 1] that means the same thing whatever the
 * query's length, so one threshold can decide "high similarity" for recurrence clusters (`recurrence.ts`).
 * BM25's scores grow with the query's length and its saturation is tuned for short queries. Term weights are
 * `log(1 + tf) × idf` with `idf = ln((N + 1) / df)`, so a term in every review weighs nothing; `tf` is a weighted
 * count, each occurrence counting the weight of the field it is in.
 *
 * Fields: the title, summary, root cause, contributing factors and whys say what happened and why; impact,
 * leadup and timeline text add the symptoms; services and cause themes are metadata terms (`service:checkout`,
 * `theme:database`). Action items and lessons are left out: "add monitoring" is in every review.
 *
 * The title also counts on its own: the score is `0.75 × cosine(whole review) + 0.25 × cosine(titles)`. The same
 * problem is often written up again under the same title (issue 5: "the same incident is written up three times
 * under one title"), while the bodies of two write-ups differ in every detail.
 *
 * Speed: an inverted index (per term, the reviews holding it and their weights, in typed arrays) is built once;
 * a query walks only the postings of its own terms, so it never looks at reviews that share nothing with it.
 */

export interface SimilarResult {
  readonly id: string;
  readonly path: string;
  readonly title: string | null;
  /** Similarity in [0, 1) (the blend above), rounded to 3 decimals; an explicit link scores 1. */
  readonly score: number;
  /** The shared terms that contribute most to the score, biggest first; `link:related` for an explicit link. */
  readonly terms: readonly string[];
}

const FIELD_WEIGHTS: Readonly<Partial<Record<SectionKind | 'title', number>>> = {
  title: 3,
  summary: 2,
  'root-cause': 2,
  'contributing-factors': 1.5,
  whys: 1.5,
  impact: 1,
  leadup: 1,
  timeline: 1,
};
/** Share of the score that comes from the titles alone. */
const TITLE_SHARE = 0.25;
const SERVICE_WEIGHT = 3;
const THEME_WEIGHT = 2;
/** How many shared terms explain a result. */
const EXPLAIN_TERMS = 8;
export const LINK_TERM = 'link:related';

interface IndexedReview {
  readonly id: string;
  readonly path: string;
  readonly title: string | null;
  readonly date: string | null;
  readonly format: Review['source']['format'];
  readonly related: readonly string[];
  readonly services: readonly string[];
  readonly themes: readonly string[];
  /** Hash of the section text: byte-identical copies share it. */
  readonly fingerprint: string;
  /** A review inside a git patch whose file is in the index too: never shown, the file is. */
  readonly shadowed: boolean;
}

export interface SimilarityIndex {
  readonly reviews: readonly IndexedReview[];
  readonly taxonomy: Taxonomy;
  /** term → term number */
  readonly vocabulary: ReadonlyMap<string, number>;
  /** term number → the shortest word seen for it ("group" for group, groups, grouped), for explanations */
  readonly surface: readonly string[];
  readonly idf: Float64Array;
  /** Per term: the reviews holding it (ascending) and its weight in each. */
  readonly postingReviews: readonly Int32Array[];
  readonly postingWeights: readonly Float32Array[];
  /** Per review: its terms (ascending) and their weights; and its vector's length. */
  readonly reviewTerms: readonly Int32Array[];
  readonly reviewWeights: readonly Float32Array[];
  readonly norms: Float64Array;
  /** Per review: its title's terms (ascending), weights and length. */
  readonly titleTerms: readonly Int32Array[];
  readonly titleWeights: readonly Float32Array[];
  readonly titleNorms: Float64Array;
  readonly byId: ReadonlyMap<string, readonly number[]>;
  /** id → the reviews that name it in their `related`. */
  readonly linkedFrom: ReadonlyMap<string, readonly number[]>;
}

export interface IndexOptions {
  /** The taxonomy whose themes become metadata terms (default: the built-in one). */
  readonly taxonomy?: Taxonomy;
}

/** Indexes the reviews (documents that are not reviews — index pages, templates — are left out). */
export function buildSimilarityIndex(
  reviews: readonly Review[],
  options: IndexOptions = {},
): SimilarityIndex {
  const taxonomy = options.taxonomy ?? defaultTaxonomy();
  const kept = reviews.filter((r) => r.isReview);
  const vocabulary = new Map<string, number>();
  const surface: string[] = [];
  const df: number[] = [];
  const counts: Map<number, number>[] = [];
  const titleCounts: Map<number, number>[] = [];
  const meta: Omit<IndexedReview, 'shadowed'>[] = [];

  for (const review of kept) {
    const themes = themeIds(review, taxonomy);
    const tf = new Map<number, number>();
    for (const [term, weight, word] of weightedTerms(review, themes)) {
      let number = vocabulary.get(term);
      if (number === undefined) {
        number = surface.length;
        vocabulary.set(term, number);
        surface.push(word);
        df.push(0);
      } else if (word.length < (surface[number] as string).length) surface[number] = word;
      const before = tf.get(number);
      if (before === undefined) df[number] = (df[number] ?? 0) + 1;
      tf.set(number, (before ?? 0) + weight);
    }
    counts.push(tf);
    const titleTf = new Map<number, number>();
    for (const [term] of tokens(review.title ?? '')) {
      const number = vocabulary.get(term);
      if (number !== undefined) titleTf.set(number, (titleTf.get(number) ?? 0) + 1);
    }
    titleCounts.push(titleTf);
    meta.push({
      id: review.id,
      path: review.source.path,
      title: review.title,
      date: review.date,
      format: review.source.format,
      related: review.related,
      services: review.services,
      themes,
      fingerprint: fingerprint(review),
    });
  }

  const n = kept.length;
  const idf = new Float64Array(surface.length);
  for (let t = 0; t < idf.length; t++) idf[t] = Math.log((n + 1) / (df[t] ?? 1));

  const postingReviews = df.map((d) => new Int32Array(d));
  const postingWeights = df.map((d) => new Float32Array(d));
  const filled = new Int32Array(surface.length);
  const reviewTerms: Int32Array[] = [];
  const reviewWeights: Float32Array[] = [];
  const norms = new Float64Array(n);
  counts.forEach((tf, doc) => {
    const { terms, weights, norm } = sparse(tf, idf);
    terms.forEach((t, i) => {
      const at = filled[t] ?? 0;
      (postingReviews[t] as Int32Array)[at] = doc;
      (postingWeights[t] as Float32Array)[at] = weights[i] as number;
      filled[t] = at + 1;
    });
    reviewTerms.push(terms);
    reviewWeights.push(weights);
    norms[doc] = norm;
  });

  const titles = titleCounts.map((tf) => sparse(tf, idf));

  const originals = new Set(meta.filter((m) => m.format !== 'git-patch').map((m) => m.fingerprint));
  const indexed = meta.map((m) => ({
    ...m,
    shadowed: m.format === 'git-patch' && originals.has(m.fingerprint),
  }));
  const byId = new Map<string, number[]>();
  const linkedFrom = new Map<string, number[]>();
  indexed.forEach((m, doc) => {
    push(byId, m.id, doc);
    for (const id of m.related) push(linkedFrom, id, doc);
  });
  return {
    reviews: indexed,
    taxonomy,
    vocabulary,
    surface,
    idf,
    postingReviews,
    postingWeights,
    reviewTerms,
    reviewWeights,
    norms,
    titleTerms: titles.map((t) => t.terms),
    titleWeights: titles.map((t) => t.weights),
    titleNorms: Float64Array.from(titles, (t) => t.norm),
    byId,
    linkedFrom,
  };
}

interface SparseVector {
  readonly terms: Int32Array;
  readonly weights: Float32Array;
  readonly norm: number;
}

/** Term counts → `log(1 + tf) × idf` weights, terms ascending. */
function sparse(tf: ReadonlyMap<number, number>, idf: Float64Array): SparseVector {
  const terms = Int32Array.from(tf.keys()).sort();
  const weights = Float32Array.from(terms, (t) => Math.log1p(tf.get(t) ?? 0) * (idf[t] ?? 0));
  let sum = 0;
  for (const w of weights) sum += w * w;
  return { terms, weights, norm: Math.sqrt(sum) };
}

function dotProduct(ta: Int32Array, wa: Float32Array, tb: Int32Array, wb: Float32Array): number {
  let dot = 0;
  for (let i = 0, j = 0; i < ta.length && j < tb.length;) {
    const x = ta[i] as number;
    const y = tb[j] as number;
    if (x === y) dot += (wa[i++] as number) * (wb[j++] as number);
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

function titleCosine(index: SimilarityIndex, query: SparseVector, doc: number): number {
  const norm = query.norm * (index.titleNorms[doc] ?? 0);
  if (norm === 0) return 0;
  const terms = index.titleTerms[doc] as Int32Array;
  const weights = index.titleWeights[doc] as Float32Array;
  return dotProduct(query.terms, query.weights, terms, weights) / norm;
}

/**
 * The `top` reviews most similar to a review or to draft text, best first. Reviews the query links to (its
 * `related`), or that link to it, come before all others. Never the query itself, nor a copy of it: the same
 * file, or byte-identical section text when one side is a git patch or the query is not a file (stdin).
 */
export function similarTo(index: SimilarityIndex, query: Review | string, top = 5): SimilarResult[] {
  if (typeof query === 'string')
    return rank(index, queryVector(index, textTerms(query)), EMPTY_VECTOR, top, () => false, new Set());
  const vector = queryVector(index, reviewTermsOf(index, query));
  const title = titleVector(index, query.title);
  return rank(index, vector, title, top, copyTest(index, query), linkedTo(index, query));
}

const EMPTY_VECTOR: SparseVector = { terms: new Int32Array(0), weights: new Float32Array(0), norm: 0 };

/** The similarity of two indexed reviews: the score `similarTo` gives one when the other is the query. */
export function similarityBetween(index: SimilarityIndex, a: number, b: number): number {
  const body = dotProduct(
    index.reviewTerms[a] as Int32Array,
    index.reviewWeights[a] as Float32Array,
    index.reviewTerms[b] as Int32Array,
    index.reviewWeights[b] as Float32Array,
  );
  const norm = (index.norms[a] ?? 0) * (index.norms[b] ?? 0);
  const title = titleCosine(
    index,
    {
      terms: index.titleTerms[a] as Int32Array,
      weights: index.titleWeights[a] as Float32Array,
      norm: index.titleNorms[a] ?? 0,
    },
    b,
  );
  return (1 - TITLE_SHARE) * (norm === 0 ? 0 : body / norm) + TITLE_SHARE * title;
}

/**
 * The reviews closest to review `doc` with a score of at least `minScore`, best first. Candidates are the `limit`
 * reviews that share most weight with its `probe` heaviest terms and its title (a review sharing none of those
 * cannot be close); they are then scored exactly. Bounded work per review, so clustering 10,000 stays feasible.
 */
export function neighbours(
  index: SimilarityIndex,
  doc: number,
  minScore: number,
  { probe = 40, limit = 50 }: { probe?: number; limit?: number } = {},
): { doc: number; score: number }[] {
  const terms = index.reviewTerms[doc] as Int32Array;
  const weights = index.reviewWeights[doc] as Float32Array;
  const heaviest = Array.from(terms.keys())
    .sort((i, j) => (weights[j] as number) - (weights[i] as number))
    .slice(0, probe);
  const partial = scratch(index);
  const touched: number[] = [];
  const add = (term: number, weight: number) => {
    const docs = index.postingReviews[term] as Int32Array;
    const ws = index.postingWeights[term] as Float32Array;
    for (let i = 0; i < docs.length; i++) {
      const other = docs[i] as number;
      if (partial[other] === 0) touched.push(other);
      partial[other] = (partial[other] as number) + weight * (ws[i] as number);
    }
  };
  for (const i of heaviest) add(terms[i] as number, weights[i] as number);
  const titleTerms = index.titleTerms[doc] as Int32Array;
  const titleWeights = index.titleWeights[doc] as Float32Array;
  titleTerms.forEach((term, i) => add(term, titleWeights[i] as number));
  partial[doc] = 0;
  const candidates = topBy(touched, partial, limit);
  for (const other of touched) partial[other] = 0;
  const out: { doc: number; score: number }[] = [];
  for (const other of candidates) {
    const score = similarityBetween(index, doc, other);
    if (score >= minScore) out.push({ doc: other, score });
  }
  return out.sort((x, y) => y.score - x.score);
}

/** The `k` items with the highest score (score 0 = none), via a bounded min-heap: O(n log k), no full sort. */
function topBy(items: readonly number[], score: Float64Array, k: number): number[] {
  const heap: number[] = [];
  const at = (i: number) => score[heap[i] as number] as number;
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j] as number, heap[i] as number]);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && at(l) < at(m)) m = l;
      if (r < heap.length && at(r) < at(m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (const item of items) {
    const value = score[item] as number;
    if (value <= 0) continue;
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0 && at((i - 1) >> 1) > at(i); i = (i - 1) >> 1)
        swap(i, (i - 1) >> 1);
    } else if (value > at(0)) {
      heap[0] = item;
      down(0);
    }
  }
  return heap;
}

const SCRATCH = new WeakMap<SimilarityIndex, Float64Array>();

/** A zeroed score array per index, reused between calls (callers zero what they touch). */
function scratch(index: SimilarityIndex): Float64Array {
  let array = SCRATCH.get(index);
  if (!array) SCRATCH.set(index, (array = new Float64Array(index.reviews.length)));
  return array;
}

/** The shared terms that contribute most to the similarity of two indexed reviews. */
export function sharedTerms(index: SimilarityIndex, a: number, b: number, count = EXPLAIN_TERMS): string[] {
  const ta = index.reviewTerms[a] as Int32Array;
  const wa = index.reviewWeights[a] as Float32Array;
  const vector = new Map<number, number>();
  ta.forEach((t, i) => vector.set(t, wa[i] as number));
  return explain(index, vector, b, count);
}

type Vector = ReadonlyMap<number, number>;

function rank(
  index: SimilarityIndex,
  vector: Vector,
  title: SparseVector,
  top: number,
  excluded: (doc: number) => boolean,
  linked: ReadonlySet<number>,
): SimilarResult[] {
  const scores = new Float64Array(index.reviews.length);
  const touched: number[] = [];
  let queryNorm = 0;
  for (const [term, weight] of vector) {
    queryNorm += weight * weight;
    const docs = index.postingReviews[term] as Int32Array;
    const weights = index.postingWeights[term] as Float32Array;
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i] as number;
      if (scores[doc] === 0) touched.push(doc);
      scores[doc] = (scores[doc] as number) + weight * (weights[i] as number);
    }
  }
  queryNorm = Math.sqrt(queryNorm);
  const cosine = (doc: number) => {
    const norm = queryNorm * (index.norms[doc] ?? 0);
    const body = norm === 0 ? 0 : (scores[doc] ?? 0) / norm;
    return (1 - TITLE_SHARE) * body + TITLE_SHARE * titleCosine(index, title, doc);
  };
  const eligible = (doc: number) => !excluded(doc) && !(index.reviews[doc] as IndexedReview).shadowed;
  const links = [...linked].filter(eligible).sort((a, b) => cosine(b) - cosine(a));
  // Each score once, then the best `top` by a bounded heap: no sort of every review that shares a word.
  const final = new Float64Array(index.reviews.length);
  const candidates: number[] = [];
  for (const doc of touched) {
    if (linked.has(doc) || !eligible(doc)) continue;
    final[doc] = cosine(doc);
    candidates.push(doc);
  }
  const others = topBy(candidates, final, Math.max(0, top - links.length)).sort(
    (a, b) => (final[b] as number) - (final[a] as number) || compare(index, a, b),
  );
  return [...links, ...others].slice(0, Math.max(0, top)).map((doc) => {
    const review = index.reviews[doc] as IndexedReview;
    const isLink = linked.has(doc);
    const terms = explain(index, vector, doc, EXPLAIN_TERMS);
    return {
      id: review.id,
      path: review.path,
      title: review.title,
      score: isLink ? 1 : Math.min(0.999, Math.round(cosine(doc) * 1000) / 1000),
      terms: isLink ? [LINK_TERM, ...terms.slice(0, EXPLAIN_TERMS - 1)] : terms,
    };
  });
}

function compare(index: SimilarityIndex, a: number, b: number): number {
  const pa = (index.reviews[a] as IndexedReview).path;
  const pb = (index.reviews[b] as IndexedReview).path;
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

function explain(index: SimilarityIndex, vector: Vector, doc: number, count: number): string[] {
  const terms = index.reviewTerms[doc] as Int32Array;
  const weights = index.reviewWeights[doc] as Float32Array;
  const contributions: [number, number][] = [];
  for (const [term, weight] of vector) {
    const at = binarySearch(terms, term);
    if (at >= 0) contributions.push([term, weight * (weights[at] as number)]);
  }
  return contributions
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([term]) => index.surface[term] as string);
}

function binarySearch(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = sorted[mid] as number;
    if (at === value) return mid;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function queryVector(index: SimilarityIndex, terms: Iterable<readonly [string, number, string]>): Vector {
  const tf = new Map<number, number>();
  for (const [term, weight] of terms) {
    const number = index.vocabulary.get(term);
    if (number !== undefined) tf.set(number, (tf.get(number) ?? 0) + weight);
  }
  const vector = new Map<number, number>();
  for (const [term, count] of tf) {
    const w = Math.log1p(count) * (index.idf[term] ?? 0);
    if (w > 0) vector.set(term, w);
  }
  return vector;
}

function titleVector(index: SimilarityIndex, title: string | null): SparseVector {
  const tf = new Map<number, number>();
  for (const [term] of tokens(title ?? '')) {
    const number = index.vocabulary.get(term);
    if (number !== undefined) tf.set(number, (tf.get(number) ?? 0) + 1);
  }
  return sparse(tf, index.idf);
}

function reviewTermsOf(index: SimilarityIndex, review: Review) {
  return weightedTerms(review, themeIds(review, index.taxonomy));
}

function copyTest(index: SimilarityIndex, query: Review): (doc: number) => boolean {
  const print = fingerprint(query);
  const fromFile = query.source.path !== '-' && query.source.format !== 'git-patch';
  return (doc) => {
    const review = index.reviews[doc] as IndexedReview;
    if (review.path === query.source.path) return true;
    return review.fingerprint === print && (!fromFile || review.format === 'git-patch');
  };
}

function linkedTo(index: SimilarityIndex, query: Review): Set<number> {
  const linked = new Set<number>();
  for (const id of query.related) for (const doc of index.byId.get(id) ?? []) linked.add(doc);
  for (const doc of index.linkedFrom.get(query.id) ?? []) linked.add(doc);
  return linked;
}

/** Every term of a review with the weight of the field it is in, and the word as written. */
function* weightedTerms(review: Review, themes: readonly string[]): Generator<[string, number, string]> {
  if (review.title)
    for (const [term, word] of tokens(review.title)) yield [term, FIELD_WEIGHTS.title ?? 1, word];
  for (const section of review.sections) {
    const weight = FIELD_WEIGHTS[section.kind];
    if (weight === undefined) continue;
    for (const [term, word] of tokens(section.markdown)) yield [term, weight, word];
  }
  for (const service of review.services) {
    const name = `service:${service.toLowerCase()}`;
    yield [name, SERVICE_WEIGHT, name];
  }
  for (const theme of themes) yield [`theme:${theme}`, THEME_WEIGHT, `theme:${theme}`];
}

function* textTerms(text: string): Generator<[string, number, string]> {
  for (const [term, word] of tokens(text)) yield [term, 1, word];
}

/** Lower-cased words of a text, stop words and noise left out, each with its light stem. */
export function* tokens(text: string): Generator<[string, string]> {
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}_]+/u)) {
    const word = raw.replace(/^_+|_+$/g, '');
    if (word.length < 2 || word.length > 40 || STOP_WORDS.has(word)) continue;
    if (/^\d+$/.test(word) && word.length !== 3) continue; // times, dates, counts; keep 404, 503, 500
    if (/^[0-9a-f]{8,}$/.test(word) || /^\d+[a-z]{1,3}$/.test(word)) continue; // hashes, 30s, 2gi, 10ms
    yield [stem(word), word];
  }
}

/** A light stemmer: plurals and -ed/-ing, nothing that changes a word's meaning. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:ch|sh|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is|os|as)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ed') && w.length > 4 && !w.endsWith('eed')) w = undouble(w.slice(0, -2));
  return w;
}

function undouble(w: string): string {
  return /([b-df-hj-km-np-tv-z])\1$/.test(w) && !/(?:ll|ss|zz)$/.test(w) ? w.slice(0, -1) : w;
}

function fingerprint(review: Review): string {
  const hash = createHash('sha1');
  for (const section of review.sections) hash.update(`${section.kind}\u0000${section.markdown}\u0001`);
  return hash.digest('hex');
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren as at be because been before being below
  between both but by can cannot could couldn did didn do does doesn doing don down during each either else
  even ever every few for from further get got had hadn has hasn have haven having he her here hers herself him
  himself his how however i if in into is isn it its itself just let like ll made make many may me might more
  most much must mustn my myself no nor not now of off on once one only or other ought our ours ourselves out
  over own per quite rather re really same shall shan she should shouldn since so some such than that the
  their theirs them themselves then there these they this those though through thus to too under until up upon
  us ve very via was wasn way we well were weren what when where whether which while who whom whose why will
  with within without won would wouldn yet you your yours yourself yourselves
  http https www com org net html htm png jpg jpeg gif svg md rst io
  utc gmt am pm est pst cet cest aest`.split(/\s+/),
);
