import type { Review } from '../model/review.js';
import {
  buildSimilarityIndex,
  type IndexOptions,
  neighbours,
  sharedTerms,
  type SimilarityIndex,
  similarityBetween,
} from './similarity.js';

/**
 * Recurring incidents as clusters (issue 5): reviews joined by links, merged with union-find.
 *
 * - An explicit link always joins: one review names the other in `related` (front matter, or a relative link in
 *   the text such as "the second occurrence of [the earlier incident](2024-03-08-….md)").
 * - Otherwise two reviews join when their similarity is high (cosine ≥ `minScore`), they share a cause theme,
 *   and — when both name services — they share a service.
 *
 * Two versions of the same incident (the same date and title, e.g. one review published by two site generators)
 * are one occurrence, not a recurrence, so similarity alone never joins them; nor does it join the same file
 * reached twice.
 */

/** Cosine similarity from which two reviews with a shared theme are the same problem again. */
export const RECURRENCE_MIN_SCORE = 0.3;

export interface ClusterMember {
  readonly id: string;
  readonly path: string;
  readonly date: string | null;
  readonly title: string | null;
}

export interface ClusterLink {
  /** Paths of the two reviews (ids can repeat across folders; paths cannot). */
  readonly from: string;
  readonly to: string;
  readonly kind: 'related' | 'similar';
  readonly reason: string;
  /** Cosine similarity of the two reviews. */
  readonly score: number;
}

export interface RecurrenceCluster {
  /** Sorted by date (undated last), then path. */
  readonly members: readonly ClusterMember[];
  readonly links: readonly ClusterLink[];
}

export interface RecurrenceOptions extends IndexOptions {
  /** An index built over the same reviews, to reuse. */
  readonly index?: SimilarityIndex;
  readonly minScore?: number;
}

export function findRecurrences(
  reviews: readonly Review[],
  options: RecurrenceOptions = {},
): RecurrenceCluster[] {
  const index = options.index ?? buildSimilarityIndex(reviews, options);
  const minScore = options.minScore ?? RECURRENCE_MIN_SCORE;
  const docs = index.reviews;
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[i] !== root) [i, parent[i]] = [parent[i] as number, root];
    return root;
  };
  const links: { first: number; second: number; link: ClusterLink }[] = [];
  const seen = new Set<string>();
  const join = (a: number, b: number, kind: ClusterLink['kind'], reason: string, score: number) => {
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    if (seen.has(key)) return;
    seen.add(key);
    const [first, second] = order(index, a, b);
    links.push({
      first,
      second,
      link: {
        from: (docs[first] as (typeof docs)[number]).path,
        to: (docs[second] as (typeof docs)[number]).path,
        kind,
        reason,
        score: round(score),
      },
    });
    parent[find(a)] = find(b);
  };

  docs.forEach((doc, a) => {
    for (const id of doc.related) {
      for (const b of index.byId.get(id) ?? []) {
        if (b === a || samePlace(index, a, b)) continue;
        join(a, b, 'related', `${doc.id} names ${id} in related`, similarityBetween(index, a, b));
      }
    }
  });

  docs.forEach((doc, a) => {
    for (const { doc: b, score } of neighbours(index, a, minScore)) {
      if (b < a || samePlace(index, a, b) || sameIncident(index, a, b)) continue;
      const other = docs[b] as (typeof docs)[number];
      const themes = doc.themes.filter((t) => other.themes.includes(t));
      if (themes.length === 0) continue;
      const services = doc.services.filter((s) => other.services.includes(s));
      if (doc.services.length > 0 && other.services.length > 0 && services.length === 0) continue;
      const terms = sharedTerms(index, a, b, 5).filter((t) => !t.startsWith('theme:'));
      const reason = [
        `similarity ${round(score)}`,
        `shared theme${themes.length > 1 ? 's' : ''}: ${themes.join(', ')}`,
        ...(services.length > 0
          ? [`shared service${services.length > 1 ? 's' : ''}: ${services.join(', ')}`]
          : []),
        ...(terms.length > 0 ? [`terms: ${terms.join(', ')}`] : []),
      ].join('; ');
      join(a, b, 'similar', reason, score);
    }
  });

  const groups = new Map<number, number[]>();
  for (const { first } of links) groups.set(find(first), []);
  docs.forEach((_, i) => groups.get(find(i))?.push(i));
  const clusters = [...groups.values()].map((members) => {
    const sorted = members.sort((x, y) => byDate(index, x, y));
    const root = find(sorted[0] as number);
    return {
      members: sorted.map((i) => {
        const doc = docs[i] as (typeof docs)[number];
        return { id: doc.id, path: doc.path, date: doc.date, title: doc.title };
      }),
      links: links
        .filter(({ first }) => find(first) === root)
        .sort((x, y) => byDate(index, x.first, y.first) || byDate(index, x.second, y.second))
        .map(({ link }) => link),
    };
  });
  return clusters.sort((x, y) => compareMembers(x.members[0], y.members[0]));
}

/** The same file twice (listed twice, or a patch carrying it). */
function samePlace(index: SimilarityIndex, a: number, b: number): boolean {
  const x = index.reviews[a];
  const y = index.reviews[b];
  if (!x || !y) return false;
  return x.path === y.path || (x.fingerprint === y.fingerprint && (x.shadowed || y.shadowed));
}

/** One occurrence written up twice: the same date and the same title. */
function sameIncident(index: SimilarityIndex, a: number, b: number): boolean {
  const x = index.reviews[a];
  const y = index.reviews[b];
  if (!x || !y) return false;
  const title = (t: string | null) =>
    (t ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return x.date !== null && x.date === y.date && title(x.title) === title(y.title);
}

function order(index: SimilarityIndex, a: number, b: number): [number, number] {
  return byDate(index, a, b) <= 0 ? [a, b] : [b, a];
}

function byDate(index: SimilarityIndex, a: number, b: number): number {
  const x = index.reviews[a];
  const y = index.reviews[b];
  return compareMembers(x, y);
}

function compareMembers(
  x: { date: string | null; path: string } | undefined,
  y: { date: string | null; path: string } | undefined,
): number {
  if (!x || !y) return 0;
  if (x.date !== y.date) {
    if (x.date === null) return 1;
    if (y.date === null) return -1;
    return x.date < y.date ? -1 : 1;
  }
  return x.path < y.path ? -1 : x.path > y.path ? 1 : 0;
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
