/**
 * "Similar reviews" for the site, from the search index's own terms: each review is probed with its most
 * distinctive terms (tf × idf, leaving out terms in more than 5% of reviews) and scored against the reviews that
 * share them. The full model of `hindsight similar` (src/insights/similarity.ts) costs about 7 s to build at 10,000
 * reviews — more than the whole site build may take — while this reuses postings the build has anyway and stays
 * bounded per review, on cold and warm builds alike.
 */

export interface TermSource {
  readonly docCount: number;
  /** How many documents hold the term. */
  df(term: string): number;
  /** The documents that hold the term. */
  docsWith(term: string): readonly number[];
}

const PROBE_TERMS = 12;
const COMMON_SHARE = 0.05;
/** A candidate must share at least this share of the probe's weight. */
const MIN_SHARE = 0.25;

/** The probe of a document: its most distinctive terms with their idf. */
export function probeTerms(terms: ReadonlyMap<string, number>, source: TermSource): [string, number][] {
  const limit = Math.max(2, source.docCount * COMMON_SHARE);
  const scored: [string, number, number][] = [];
  for (const [term, tf] of terms) {
    const df = source.df(term);
    if (df < 2 || df > limit) continue;
    const idf = Math.log(source.docCount / df);
    scored.push([term, idf, tf * idf]);
  }
  return scored
    .sort((a, b) => b[2] - a[2] || a[0].localeCompare(b[0]))
    .slice(0, PROBE_TERMS)
    .map(([term, idf]) => [term, idf]);
}

/** The `count` documents most similar to `doc`, best first (never `doc` itself). */
export function similarDocs(
  doc: number,
  terms: ReadonlyMap<string, number>,
  source: TermSource,
  count = 3,
): number[] {
  const probe = probeTerms(terms, source);
  const total = probe.reduce((sum, [, idf]) => sum + idf, 0);
  if (total === 0) return [];
  // Scores add up in an array indexed by document: a cold build probes every review, thousands of candidates
  // each, and a Map of them cost a second at 10,000 reviews.
  const touched: number[] = [];
  for (const [term, idf] of probe)
    for (const other of source.docsWith(term)) {
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

/** A term source over documents in memory (a cold build has them all). */
export function termSourceOf(docs: readonly { readonly terms: ReadonlyMap<string, number> }[]): TermSource {
  const postings = new Map<string, number[]>();
  docs.forEach((d, n) => {
    for (const term of d.terms.keys()) {
      const list = postings.get(term);
      if (list) list.push(n);
      else postings.set(term, [n]);
    }
  });
  return {
    docCount: docs.length,
    df: (term) => postings.get(term)?.length ?? 0,
    docsWith: (term) => postings.get(term) ?? [],
  };
}
