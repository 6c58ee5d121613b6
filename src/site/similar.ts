import type { TermTable } from './search-index.js';

/**
 * "Similar reviews" for the site, from the search index's own terms: each review is probed with its most
 * distinctive terms (tf × idf, leaving out terms in more than 5% of reviews) and scored against the reviews that
 * share them. The full model of `hindsight similar` (src/insights/similarity.ts) costs about 7 s to build at 10,000
 * reviews — more than the whole site build may take — while this reuses postings the build has anyway and stays
 * bounded per review, on cold and warm builds alike.
 */

/** The documents that hold each term of a table, by term number. */
export interface TermSource {
  readonly table: TermTable;
  readonly docsWith: readonly (readonly number[])[];
}

const PROBE_TERMS = 12;
const COMMON_SHARE = 0.05;
/** A candidate must share at least this share of the probe's weight. */
const MIN_SHARE = 0.25;

/** The probe of a document: its most distinctive terms (numbers) with their idf. */
function probeTerms(doc: number, { table }: TermSource): [number, number][] {
  const docCount = table.terms.length;
  const ids = table.terms[doc] as Int32Array;
  const counts = table.counts[doc] as Int32Array;
  const scored: [number, number, number][] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    const df = table.df[id] as number;
    if (!probed(df, docCount)) continue;
    const idf = Math.log(docCount / df);
    scored.push([id, idf, (counts[i] as number) * idf]);
  }
  const word = (id: number) => table.words[id] as string;
  return scored
    .sort((a, b) => b[2] - a[2] || word(a[0]).localeCompare(word(b[0])))
    .slice(0, PROBE_TERMS)
    .map(([id, idf]) => [id, idf]);
}

/** The `count` documents most similar to document `doc` of the source's table, best first (never `doc` itself). */
export function similarDocs(doc: number, source: TermSource, count = 3): number[] {
  const probe = probeTerms(doc, source);
  const total = probe.reduce((sum, [, idf]) => sum + idf, 0);
  if (total === 0) return [];
  // Scores add up in an array indexed by document: a cold build probes every review, thousands of candidates
  // each, and a Map of them cost a second at 10,000 reviews.
  const touched: number[] = [];
  for (const [term, idf] of probe)
    for (const other of source.docsWith[term] as readonly number[]) {
      if (other === doc) continue;
      if (other >= scores.length) growScores(other);
      if (scores[other] === 0) touched.push(other);
      scores[other] = (scores[other] as number) + idf;
    }
  const ranked: [number, number][] = [];
  for (const other of touched) {
    const score = scores[other] as number;
    scores[other] = 0;
    if (score >= total * MIN_SHARE) ranked.push([other, score]);
  }
  return ranked
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, count)
    .map(([other]) => other);
}

/** Every document's score while a probe runs; all zero between probes. */
let scores = new Float64Array(1024);

function growScores(doc: number): void {
  const grown = new Float64Array(Math.max(doc + 1, scores.length * 2));
  grown.set(scores);
  scores = grown;
}

/** A term in fewer than two reviews matches nothing; one in many says nothing about which are alike. */
function probed(df: number, docCount: number): boolean {
  return df >= 2 && df <= Math.max(2, docCount * COMMON_SHARE);
}

/** A term source over a table of every review (a cold build has them all); only probed terms get their lists. */
export function termSourceOf(table: TermTable): TermSource {
  const docCount = table.terms.length;
  const docsWith: number[][] = Array.from(table.df, (df) => (probed(df, docCount) ? [] : NONE));
  table.terms.forEach((ids, n) => {
    for (const id of ids) if (docsWith[id] !== NONE) (docsWith[id] as number[]).push(n);
  });
  return { table, docsWith };
}

const NONE: number[] = [];
