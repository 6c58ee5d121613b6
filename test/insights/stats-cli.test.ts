import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stats } from '../../src/insights/stats.js';
import { parseInputs, reviewsOf } from '../../src/pipeline.js';
import { CORPUS_DIR, REPO_ROOT, runCli } from '../helpers.js';

/**
 * `hindsight stats` and `hindsight actions` through `main`, on examples/incidents (numbers checked by hand against
 * the files) and on the shared corpus. `--today` pins the date, so ages and overdue items do not drift.
 */

const EXAMPLES = 'examples/incidents';
const NOTIFICATIONS = `${EXAMPLES}/2026-02-20-notification-emails-not-sent-for-two-days.md`;
const NOTIFICATIONS_ABS = join(REPO_ROOT, NOTIFICATIONS);

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-stats-'));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

async function statsJson(args: readonly string[]): Promise<Stats> {
  const run = await runCli(['stats', ...args, '--format', 'json'], REPO_ROOT);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Stats;
}

interface ActionsJson {
  items: Record<string, unknown>[];
  total: number;
}

async function actionsJson(args: readonly string[]): Promise<ActionsJson> {
  const run = await runCli(['actions', EXAMPLES, ...args, '--format', 'json'], REPO_ROOT);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as ActionsJson;
}

describe('hindsight stats --format json over examples/incidents', () => {
  let stats: Stats;
  beforeAll(async () => {
    stats = await statsJson([EXAMPLES, '--today', '2026-11-21']);
  });

  it('prints the statsOf object: totals, durations, missing detection, follow-through', () => {
    expect(Object.keys(stats)).toEqual(['today', 'totals', 'durations', 'missingDetection', 'followThrough']);
    expect(stats.today).toBe('2026-11-21');
    expect(stats.totals).toEqual({
      documents: 10,
      reviews: 10,
      notReviews: 0,
      // P1 login · P2 checkout ×2, payments, search 404s, SEV-2 gateway · P3 emails, OOM · P4 CI · none: images.
      bySeverity: { '1': 1, '2': 5, '3': 2, '4': 1, '5': 0, unknown: 1 },
      byStatus: { published: 7, draft: 1, 'in-review': 1, unknown: 1 },
    });
  });

  it('finds the two days the 2026-02-20 email outage went unnoticed', () => {
    // started 2026-02-20T18:42, detected 2026-02-22T20:15: 2 days, 1 h 33 min.
    const worst = stats.durations.worstSilentFailures[0];
    expect(worst).toMatchObject({
      path: NOTIFICATIONS,
      toDetectMinutes: 2 * 1440 + 93,
      silentFailureMinutes: 2973,
      toMitigateMinutes: 3021, // 2026-02-22T21:03
      toResolveMinutes: 4068, // 2026-02-23T14:30
    });
    // Next: CI disks full, 07:52 → 08:40.
    expect(stats.durations.worstSilentFailures[1]?.silentFailureMinutes).toBe(48);
  });

  it('gives median and p90 overall, per quarter, severity and service', () => {
    // Detection minutes: 48, 3, 6, 5, 11, 2, 17, 8, 2973, 6 → sorted 2 3 5 6 6 8 11 17 48 2973: 5th = 6, 9th = 48.
    expect(stats.durations.overall).toMatchObject({
      key: 'all',
      count: 10,
      toDetectMinutes: { n: 10, median: 6, p90: 48 },
      // The OOM review (2026-10-13) is not resolved yet.
      toResolveMinutes: { n: 9 },
    });
    // 2024-Q1: the CI review (48 min) and the checkout storm of 2024-03-08 (3 min).
    expect(stats.durations.byQuarter[0]).toMatchObject({
      key: '2024-Q1',
      count: 2,
      toDetectMinutes: { n: 2, median: 3, p90: 48 },
      toMitigateMinutes: { n: 2, median: 47, p90: 203 },
    });
    expect(stats.durations.byQuarter.map((g) => g.key)).toEqual([
      '2024-Q1',
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
      '2026-Q1',
      '2026-Q4',
    ]);
    expect(stats.durations.byQuarter.at(-1)?.toResolveMinutes).toEqual({ n: 0, median: null, p90: null });
    // Severity 2: detection 3, 6, 11, 2, 8 → 2 3 6 8 11.
    expect(stats.durations.bySeverity.find((g) => g.key === '2')).toMatchObject({
      count: 5,
      toDetectMinutes: { n: 5, median: 6, p90: 11 },
    });
    // checkout appears in three reviews (3, 11 and 2 minutes to detect), more than any other service.
    expect(stats.durations.byService[0]).toMatchObject({
      key: 'checkout',
      count: 3,
      toDetectMinutes: { n: 3, median: 3, p90: 11 },
    });
    expect(stats.durations.byMonth).toHaveLength(10);
  });

  it('lists no review as missing detection time: all ten give one', () => {
    expect(stats.missingDetection).toEqual({ count: 0, reviews: [] });
  });

  it('summarises follow-through', () => {
    expect(stats.followThrough).toMatchObject({
      total: 61,
      done: 22,
      open: 39,
      // Every open item with a due date; the last one due is the OOM review's, 2026-10-20.
      overdue: 13,
      completionRate: 0.361,
      repeats: 3,
    });
    expect(stats.followThrough.byReviewMonth[0]).toEqual({ month: '2024-01', done: 3, total: 5 });
    expect(stats.followThrough.repeatExamples.map((r) => [r.line, r.repeats.reviewId])).toEqual([
      [101, '2024-03-08-checkout-db-connection-storm'], // PgBouncer, "carried over from the first review"
      [102, '2024-03-08-checkout-db-connection-storm'], // readiness probe, written again word for word
      [105, '2024-03-08-checkout-db-connection-storm'], // per-service connection budget, reworded
    ]);
  });
});

describe('hindsight stats (human)', () => {
  it('prints a compact report and exits 0, overdue items and all', async () => {
    const run = await runCli(['stats', EXAMPLES, '--today', '2026-11-21'], REPO_ROOT);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = run.stdout;
    expect(out).toMatch(/^10 reviews, as of 2026-11-21\n/);
    expect(out).toContain('Severity: SEV1 1 · SEV2 5 · SEV3 2 · SEV4 1 · SEV5 0 · unknown 1');
    expect(out).toMatch(/\n {2}all +10 {2}6m \/ 48m +47m \/ 3h 23m +1h 56m \/ 2d 19h 48m \(n 9\)\n/);
    expect(out).toMatch(/\n {2}2024-Q1 +2 {2}3m \/ 48m /);
    expect(out).toMatch(
      new RegExp(`\\n {2}2d 1h 33m {2}${NOTIFICATIONS} +Transactional emails silently stopped`),
    );
    expect(out).toContain('Every review has a time to detect.');
    expect(out).toContain('Action items: 61 — 22 done, 39 open, 13 overdue · 36% done');
    expect(out).toContain("Look like a repeat of an earlier review's item: 3");
  });

  it('lists the reviews that lack a detection time, with what they lack', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, '2025-05-01-no-detection.md'),
      '---\ntitle: Queue stalled\ndate: 2025-05-01\nstarted: 2025-05-01T10:00\nresolved: 2025-05-01T11:00\n---\n\n# Queue stalled\n\n## Summary\n\nThe queue stalled.\n\n## Impact\n\nJobs waited an hour.\n',
    );
    const run = await runCli(['stats', '.', '--today', '2025-06-01'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Reviews without a time to detect: 1\n');
    expect(run.stdout).toMatch(/\n {2}2025-05-01-no-detection\.md {2}Queue stalled {2}no detected time\n/);
    expect(run.stdout).toContain('No action items.');
  });
});

describe('hindsight actions', () => {
  it('prints { items, total } with every item and its review', async () => {
    const all = await actionsJson(['--today', '2026-11-21']);
    expect(all.total).toBe(61);
    expect(all.items).toHaveLength(61);
    expect(all.items.find((i) => i.reviewPath === NOTIFICATIONS && i.line === 93)).toEqual({
      reviewId: '2026-02-20-notification-emails-not-sent-for-two-days',
      reviewPath: NOTIFICATIONS,
      reviewTitle: 'Transactional emails silently stopped for two days',
      reviewDate: '2026-02-20',
      text: 'Switch the worker to a Sentinel-aware client and reconnect on READONLY OPS-965',
      owner: 'jo-martins',
      due: '2026-03-13',
      done: false,
      link: 'https://tracker.example.com/OPS-965',
      line: 93,
      ageDays: 274, // 2026-02-20 → 2026-11-21: 8 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 21
      overdue: true,
    });
  });

  it('filters: --open, --overdue (against --today), --owner with or without @, in any case, combined', async () => {
    expect((await actionsJson(['--open', '--today', '2026-11-21'])).total).toBe(39);
    expect((await actionsJson(['--overdue', '--today', '2026-11-21'])).total).toBe(13);
    // Before 2025: due 2024-02-09, 2024-05-31, 2024-06-28, 2024-09-30 and 2024-10-31.
    const early = await actionsJson(['--overdue', '--today', '2025-01-01']);
    expect(early.items.map((i) => i.due)).toEqual([
      '2024-02-09',
      '2024-05-31',
      '2024-06-28',
      '2024-10-31',
      '2024-09-30',
    ]);
    for (const owner of ['dana-kim', '@Dana-Kim', 'DANA-KIM']) {
      expect((await actionsJson(['--owner', owner])).total).toBe(7);
    }
    const danaOpen = await actionsJson(['--owner', 'dana-kim', '--open']);
    expect(danaOpen.items.map((i) => i.line)).toEqual([106, 95]);
    expect((await actionsJson(['--owner', 'nobody'])).total).toBe(0);
  });

  it('prints one line per item, grouped by review, and a summary line', async () => {
    const run = await runCli(
      ['actions', EXAMPLES, '--owner', 'jo-martins', '--today', '2026-11-21'],
      REPO_ROOT,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'Transactional emails silently stopped for two days · 2026-02-20',
        `  ${NOTIFICATIONS}:91  [x] Fix probe template to include the query string; probes now call /healthz?deep=1 OPS-963  @jo-martins  https://tracker.example.com/OPS-963`,
        `  ${NOTIFICATIONS}:93  [ ] Switch the worker to a Sentinel-aware client and reconnect on READONLY OPS-965  @jo-martins  due 2026-03-13 (overdue)  https://tracker.example.com/OPS-965`,
        '',
        '2 action items in 1 review: 1 open (1 overdue), 1 done.',
        '',
      ].join('\n'),
    );
    const none = await runCli(['actions', EXAMPLES, '--owner', 'nobody'], REPO_ROOT);
    expect(none.stdout).toBe('No action items match.\n');
  });
});

describe('usage errors and exit codes', () => {
  it.each([
    [['stats', EXAMPLES, '--bogus'], /Unknown option '--bogus'/],
    [['actions', EXAMPLES, '--format', 'sarif'], /Unknown --format "sarif"/],
    [['actions', EXAMPLES, '--today', '2025-02-30'], /--today "2025-02-30" is not a YYYY-MM-DD date/],
    [['actions', EXAMPLES, '--owner', '@'], /--owner needs a name/],
    [['stats', EXAMPLES, '--open'], /Unknown option '--open'/],
  ])('%j exits 2 with a message', async (argv, message) => {
    const run = await runCli(argv, REPO_ROOT);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('reports what exists, then exits 2 for a path that does not', async () => {
    const stats = await runCli(['stats', EXAMPLES, 'no-such-folder', '--format', 'json'], REPO_ROOT);
    expect(stats.code).toBe(2);
    expect((JSON.parse(stats.stdout) as Stats).totals.reviews).toBe(10);
    expect(stats.stderr).toBe('hindsight stats: no-such-folder: no such file or folder\n');
    const actions = await runCli(['actions', 'no-such-folder', EXAMPLES, '--format', 'json'], REPO_ROOT);
    expect(actions.code).toBe(2);
    expect((JSON.parse(actions.stdout) as ActionsJson).total).toBe(61);
    expect(actions.stderr).toBe('hindsight actions: no-such-folder: no such file or folder\n');
  });

  it('reads the configured folder minus the ignore globs when no path is given', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'incidents'));
    for (const name of ['2024-01-17-ci-runner-disks-full.md', '2026-10-13-search-api-oom-kills.md'])
      copyFileSync(join(REPO_ROOT, EXAMPLES, name), join(dir, 'incidents', name));
    copyFileSync(NOTIFICATIONS_ABS, join(dir, 'incidents', 'draft-emails.md'));
    writeFileSync(
      join(dir, 'hindsight.config.json'),
      JSON.stringify({ reviews: 'incidents', ignore: ['incidents/draft-*.md'] }),
    );
    const stats = await runCli(['stats', '--format', 'json', '--today', '2026-11-21'], dir);
    expect(stats.code).toBe(0);
    expect((JSON.parse(stats.stdout) as Stats).totals.reviews).toBe(2);
    const actions = await runCli(['actions', '--format', 'json', '--today', '2026-11-21'], dir);
    expect((JSON.parse(actions.stdout) as ActionsJson).total).toBe(5 + 4);
  });

  it('exits 2 when there is nothing to read and no folder is configured', async () => {
    const run = await runCli(['stats'], tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/No reviews folder found/);
  });
});

const HAVE_CORPUS = existsSync(CORPUS_DIR);
if (!HAVE_CORPUS) console.warn(`corpus stats test skipped: ${CORPUS_DIR} does not exist`);

describe.skipIf(!HAVE_CORPUS)('hindsight stats over ../shared/corpus', () => {
  it('runs, and lists every review without a detection time', async () => {
    const run = await runCli(['stats', CORPUS_DIR, '--format', 'json', '--today', '2026-11-21'], REPO_ROOT);
    expect(run.code).toBe(0);
    const stats = JSON.parse(run.stdout) as Stats;
    const reviews = reviewsOf(await parseInputs([CORPUS_DIR], REPO_ROOT)).filter((r) => r.isReview);
    expect(stats.totals.reviews).toBe(reviews.length);
    const lacking = reviews.filter((r) => r.durations.toDetectMinutes === undefined);
    expect(lacking.length).toBeGreaterThan(0);
    expect(stats.missingDetection.count).toBe(lacking.length);
    expect(stats.missingDetection.reviews.map((m) => `${m.path}#${m.id}`)).toEqual(
      lacking.map((r) => `${r.source.path}#${r.id}`),
    );
    for (const [i, m] of stats.missingDetection.reviews.entries()) {
      const review = lacking[i];
      const missing = (['started', 'detected'] as const).filter((k) => review?.times[k] === undefined);
      expect(m.missing).toEqual(missing);
    }
    // Together with those that have one, they make up every review.
    expect(stats.durations.overall.toDetectMinutes.n + stats.missingDetection.count).toBe(reviews.length);
    console.info(
      `corpus stats: ${stats.totals.reviews} reviews, ${stats.missingDetection.count} without a detection time, ${stats.followThrough.total} action items, ${stats.followThrough.repeats} repeats`,
    );
  });
});
