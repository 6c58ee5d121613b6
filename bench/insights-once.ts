/**
 * One insights measurement in its own process: `node --import tsx bench/insights-once.ts <dir>`.
 * Parses the folder with the compiled pipeline (not timed), then times `statsOf` over every review, building the
 * similarity index, and 100 `similarTo` queries (reviews spread evenly over the set). Prints one line of JSON.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dist = (path: string) => join(ROOT, 'dist', path);

type Pipeline = typeof import('../src/pipeline.js');
type Stats = typeof import('../src/insights/stats.js');
type Similarity = typeof import('../src/insights/similarity.js');

export interface InsightsOnceResult {
  readonly reviews: number;
  readonly statsMs: number;
  readonly indexMs: number;
  readonly queryMs: { readonly median: number; readonly p95: number; readonly max: number };
  readonly maxRssKb: number;
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: insights-once.ts <dir>');
const { parseInputs, reviewsOf } = (await import(dist('pipeline.js'))) as Pipeline;
const { statsOf } = (await import(dist('insights/stats.js'))) as Stats;
const { buildSimilarityIndex, similarTo } = (await import(dist('insights/similarity.js'))) as Similarity;

const reviews = reviewsOf(await parseInputs([dir], ROOT));
const time = <T>(work: () => T): [T, number] => {
  const started = performance.now();
  const value = work();
  return [value, performance.now() - started];
};
const [, statsMs] = time(() => statsOf(reviews, '2026-11-21'));
const [index, indexMs] = time(() => buildSimilarityIndex(reviews));
const queries = Array.from({ length: 100 }, (_, i) => reviews[Math.floor((i * reviews.length) / 100)]);
const queryTimes = queries
  .filter((review) => review !== undefined)
  .map((review) => time(() => similarTo(index, review, 5))[1])
  .sort((a, b) => a - b);
const at = (q: number) =>
  queryTimes[Math.min(queryTimes.length - 1, Math.floor(q * queryTimes.length))] ?? NaN;
const result: InsightsOnceResult = {
  reviews: reviews.length,
  statsMs,
  indexMs,
  queryMs: { median: at(0.5), p95: at(0.95), max: queryTimes[queryTimes.length - 1] ?? NaN },
  maxRssKb: process.resourceUsage().maxRSS,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
