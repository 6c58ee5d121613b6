/**
 * One benchmark measurement, run in its own process so its peak RSS is its own:
 * `node --import tsx bench/parse-once.ts <dir> [--from dist|src] [--threads auto|1] [--no-check]`.
 *
 * Times `parseInputs` on the folder and prints one line of JSON: files, reviews, ms, the process's peak RSS
 * (`process.resourceUsage().maxRSS`, KB, which covers the worker threads too) and, after the clock has
 * stopped, how the parsed reviews compare with what the generator's manifest says they contain.
 *
 * `--from dist` (the default) measures the compiled code the CLI runs. `--from src` loads the TypeScript
 * through tsx; on Node 20 that only works below the parallel threshold, because a worker thread does not
 * run its `--import tsx` and cannot load `parse-worker.ts`. `--threads 1` parses every file on the main
 * thread (the pipeline's own small-input path), to see what the worker threads buy.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Review } from '../src/model/review.js';
import { type Expected, type Manifest, MANIFEST_NAME } from './generate.js';

type Pipeline = typeof import('../src/pipeline.js');
type ParseSource = typeof import('../src/parse/parse-source.js');
type ReadSources = typeof import('../src/read/read-sources.js');

export interface ParseOnceResult {
  readonly from: 'dist' | 'src';
  readonly threads: 'auto' | '1';
  readonly files: number;
  readonly reviews: number;
  readonly ms: number;
  readonly maxRssKb: number;
  readonly check: CheckResult | null;
}

export interface Mismatch {
  readonly file: string;
  readonly style: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

export interface CheckResult {
  readonly compared: number;
  /** Per field: how many reviews disagree with the manifest. */
  readonly mismatches: Record<string, number>;
  /** Per field and generator style (`timeline:table`, `header:bold`): how many disagree. */
  readonly byStyle: Record<string, number>;
  /** A few disagreements per field, to look at. */
  readonly examples: Record<string, Mismatch[]>;
}

const FIELDS = [
  'notReview',
  'title',
  'timelineCount',
  'timelineStamps',
  'actionItems',
  'actionsDone',
  'actionOwner',
  'actionDue',
  'actionLink',
  'actionText',
  'whys',
  'severity',
  'durations',
] as const;
type Field = (typeof FIELDS)[number];

function compare(
  review: Review,
  expected: Expected,
): Partial<Record<Field, { expected: unknown; actual: unknown }>> {
  const out: Partial<Record<Field, { expected: unknown; actual: unknown }>> = {};
  const differ = (field: Field, want: unknown, got: unknown) => {
    if (JSON.stringify(want) !== JSON.stringify(got)) out[field] = { expected: want, actual: got };
  };
  differ('notReview', true, review.isReview);
  if (!review.title?.includes(expected.title)) out.title = { expected: expected.title, actual: review.title };
  differ('timelineCount', expected.stamps.length, review.timeline.length);
  const stamps = review.timeline.map((e) => `${e.date ?? '?'} ${e.time ?? '?'}`);
  if (review.timeline.length === expected.stamps.length) {
    const first = stamps.findIndex((s, i) => s !== expected.stamps[i]);
    if (first >= 0)
      out.timelineStamps = {
        expected: `#${first + 1}: ${expected.stamps[first]}`,
        actual: `${stamps[first]} "${review.timeline[first]?.text.slice(0, 60)}"`,
      };
  }
  differ('actionItems', expected.actionItems, review.actionItems.length);
  differ('actionsDone', expected.done, review.actionItems.filter((a) => a.done).length);
  if (review.actionItems.length === expected.actions.length) {
    // The first item that disagrees on each attribute, if any.
    const firstDiff = (field: Field, get: (i: number) => [unknown, unknown]) => {
      for (let i = 0; i < expected.actions.length; i++) {
        const [want, got] = get(i);
        if (JSON.stringify(want) !== JSON.stringify(got)) {
          out[field] = { expected: `#${i + 1}: ${JSON.stringify(want)}`, actual: got };
          return;
        }
      }
    };
    const item = (i: number) => review.actionItems[i];
    const want = (i: number) => expected.actions[i];
    firstDiff('actionOwner', (i) => [want(i)?.owner ?? null, item(i)?.owner ?? null]);
    firstDiff('actionDue', (i) => [want(i)?.due ?? null, item(i)?.due ?? null]);
    firstDiff('actionLink', (i) => [want(i)?.link ?? null, item(i)?.link ?? null]);
    // The text should start with the item's words and carry no leftovers of removed metadata.
    firstDiff('actionText', (i) => {
      const words = (want(i)?.text ?? '').replace(/`/g, '');
      const text = item(i)?.text ?? '';
      const clean = text.startsWith(words) && !/\(\s*[,;]|[,;]\s*\)|\(\s*\)|[—–]\s*[—–]|[—–-]\s*$/.test(text);
      return [words, clean ? words : text];
    });
  }
  differ('whys', expected.whys, review.whys.length);
  differ('severity', expected.severity, review.severity?.level ?? null);
  if (expected.durations) {
    const d = review.durations;
    differ('durations', expected.durations, {
      toDetect: d.toDetectMinutes,
      toMitigate: d.toMitigateMinutes,
      toResolve: d.toResolveMinutes,
    });
  }
  return out;
}

export function checkReviews(reviews: readonly Review[], manifest: Manifest): CheckResult {
  const byFile = new Map(manifest.reviews.map((r) => [r.file, r]));
  const mismatches: Record<string, number> = Object.fromEntries(FIELDS.map((f) => [f, 0]));
  const byStyle: Record<string, number> = {};
  const examples: Record<string, Mismatch[]> = {};
  let compared = 0;
  for (const review of reviews) {
    const expected = byFile.get(basename(review.source.path));
    if (!expected) continue;
    compared++;
    for (const [field, diff] of Object.entries(compare(review, expected))) {
      mismatches[field] = (mismatches[field] ?? 0) + 1;
      for (const key of [
        `${field} timeline:${expected.timelineStyle}`,
        `${field} header:${expected.headerStyle}`,
      ])
        byStyle[key] = (byStyle[key] ?? 0) + 1;
      const list = (examples[field] ??= []);
      if (list.length < 3)
        list.push({
          file: expected.file,
          style: `${expected.headerStyle}/${expected.timelineStyle}/${expected.days}d`,
          ...diff,
        });
    }
  }
  return { compared, mismatches, byStyle, examples };
}

function option(name: string, allowed: readonly string[]): string {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? process.argv[index + 1] : allowed[0];
  if (value === undefined || !allowed.includes(value))
    throw new Error(`${name} takes one of: ${allowed.join(', ')}`);
  return value;
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir || dir.startsWith('--'))
    throw new Error(
      'usage: node --import tsx bench/parse-once.ts <dir> [--from dist|src] [--threads auto|1]',
    );
  const from = option('--from', ['dist', 'src']) as 'dist' | 'src';
  const threads = option('--threads', ['auto', '1']) as 'auto' | '1';
  const root = new URL(from === 'dist' ? '../dist/' : '../src/', import.meta.url);
  const ext = from === 'dist' ? 'js' : 'ts';
  const pipeline = (await import(new URL(`pipeline.${ext}`, root).href)) as Pipeline;
  const { parseSource } = (await import(new URL(`parse/parse-source.${ext}`, root).href)) as ParseSource;
  const { listSources, readSource } = (await import(
    new URL(`read/read-sources.${ext}`, root).href
  )) as ReadSources;
  const cwd = process.cwd();

  const started = performance.now();
  let parsed: Awaited<ReturnType<Pipeline['parseInputs']>>;
  if (threads === 'auto') parsed = await pipeline.parseInputs([dir], cwd);
  else {
    const { files, missing } = await listSources([dir], cwd);
    const sources = [];
    for (const file of files) sources.push(parseSource(await readSource(file, cwd)));
    parsed = { sources, missing };
  }
  const ms = performance.now() - started;
  const maxRssKb = process.resourceUsage().maxRSS;

  const reviews = pipeline.reviewsOf(parsed);
  let check: CheckResult | null = null;
  if (!process.argv.includes('--no-check')) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8')) as Manifest;
      check = checkReviews(reviews, manifest);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const result: ParseOnceResult = {
    from,
    threads,
    files: parsed.sources.length,
    reviews: reviews.length,
    ms,
    maxRssKb,
    check,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
