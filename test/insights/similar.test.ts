import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { findRecurrences } from '../../src/insights/recurrence.js';
import {
  buildSimilarityIndex,
  LINK_TERM,
  similarTo,
  type SimilarityIndex,
} from '../../src/insights/similarity.js';
import type { Review } from '../../src/model/review.js';
import { parseInputs, reviewsOf } from '../../src/pipeline.js';
import { CORPUS_DIR, REPO_ROOT, runCli } from '../helpers.js';

/**
 * "Have we seen this before?" (issue 5) on real documents: the python-discord postmortems exist in four formats,
 * and each version must find the other three first; dfds PM2021-005/006/007 are one recurring incident. Also the
 * brief §3.4 contract of `hindsight similar`: the JSON shape, best first, never the query itself nor a copy of it.
 */

const HAVE_CORPUS = existsSync(CORPUS_DIR);
if (!HAVE_CORPUS) console.warn(`similar: corpus tests skipped: ${CORPUS_DIR} does not exist`);

const JEKYLL = 'github-python-discord-kubernetes--jekyll';
const HUGO = 'github-python-discord-infra--hugo';
const MKDOCS = 'github-python-discord-infra--mkdocs-blog';
const RST = 'github-python-discord-infra--sphinx-rst';

/** The six incidents, as [Jekyll and Hugo name, MkDocs blog name]; the RST file is the Jekyll name in .rst. */
const INCIDENTS: readonly (readonly [string, string])[] = [
  ['2020-12-11-all-services-outage', 'all-services-outage'],
  ['2020-12-11-postgres-conn-surge', 'postgres-connection-surge'],
  ['2021-01-10-primary-kubernetes-node-outage', 'primary-kubernetes-node-outage'],
  ['2021-01-12-site-cpu-ram-exhaustion', 'site-cpu-ram-exhaustion'],
  ['2021-01-30-nodebalancer-fails-memory', 'nodebalancer-fails-memory'],
  ['2021-07-11-cascading-node-failures', 'cascading-node-failures'],
];

const versionsOf = ([dated, blog]: readonly [string, string]) => [
  join(CORPUS_DIR, JEKYLL, `${dated}.md`),
  join(CORPUS_DIR, HUGO, `${dated}.md`),
  join(CORPUS_DIR, MKDOCS, `${blog}.md`),
  join(CORPUS_DIR, RST, `${dated}.rst`),
];

/** A folder walk reads .md/.txt only, so the Sphinx versions are named one by one (a file named is always read). */
const rstFiles = () =>
  readdirSync(join(CORPUS_DIR, RST))
    .filter((f) => f.endsWith('.rst'))
    .map((f) => join(CORPUS_DIR, RST, f));

async function load(inputs: readonly string[]): Promise<{ reviews: Review[]; index: SimilarityIndex }> {
  const reviews = reviewsOf(await parseInputs(inputs, REPO_ROOT));
  return { reviews, index: buildSimilarityIndex(reviews) };
}

const at = (path: string) => resolve(REPO_ROOT, path);

describe.skipIf(!HAVE_CORPUS)('python-discord: every version finds the other three versions first', () => {
  let four: Awaited<ReturnType<typeof load>>;
  let whole: Awaited<ReturnType<typeof load>>;
  beforeAll(async () => {
    four = await load([JEKYLL, HUGO, MKDOCS].map((v) => join(CORPUS_DIR, v)).concat(rstFiles()));
    whole = await load([CORPUS_DIR, ...rstFiles()]);
  });

  const cases = INCIDENTS.flatMap((incident) =>
    versionsOf(incident).map((path) => [path, incident] as const),
  );
  it('reads all 24 versions', () => {
    for (const [path] of cases)
      expect(
        four.reviews.some((r) => at(r.source.path) === path),
        path,
      ).toBe(true);
  });

  for (const scope of ['the four folders', 'the whole corpus'] as const) {
    it.each(cases.map(([path, incident]) => [path.slice(CORPUS_DIR.length + 1), path, incident] as const))(
      `in ${scope}: %s`,
      (_name, path, incident) => {
        const { reviews, index } = scope === 'the four folders' ? four : whole;
        const query = reviews.find((r) => at(r.source.path) === path) as Review;
        const top = similarTo(index, query, 3).map((r) => at(r.path));
        expect(top.sort()).toEqual(
          versionsOf(incident)
            .filter((p) => p !== path)
            .sort(),
        );
      },
    );
  }

  it('never returns the query itself, for any review of the corpus', () => {
    for (const review of whole.reviews.filter((r) => r.isReview)) {
      const paths = similarTo(whole.index, review, 10).map((r) => r.path);
      expect(paths, review.source.path).not.toContain(review.source.path);
    }
  });
});

describe.skipIf(!HAVE_CORPUS)(
  'dfds: PM2021-005/006/007 (all services returning 503) are one recurrence',
  () => {
    it('one cluster, exactly those three, searching the whole corpus', async () => {
      const { reviews, index } = await load([CORPUS_DIR, ...rstFiles()]);
      const clusters = findRecurrences(reviews, { index });
      const cluster = clusters.find((c) => c.members.some((m) => m.path.includes('PM2021-005')));
      expect(cluster?.members.map((m) => m.path.split('/').pop())).toEqual([
        'PM2021-005 - All services returning 503 in Kubernetes.md',
        'PM2021-006 - All services returning 503 in Kubernetes.md',
        'PM2021-007 - All services returning 503 in Kubernetes.md',
      ]);
      expect(cluster?.members.map((m) => m.date)).toEqual(['2021-06-22', '2021-06-30', '2021-07-02']);
      for (const link of cluster?.links ?? []) {
        expect(link.kind).toBe('similar');
        expect(link.reason).toContain('shared theme');
      }
      // The python-discord versions are one incident each, published four times: not recurrences.
      expect(clusters.filter((c) => c.members.some((m) => m.path.includes('python-discord')))).toEqual([]);
    });
  },
);

describe('examples/incidents: the recurrence pair', () => {
  let reviews: Review[];
  let index: SimilarityIndex;
  beforeAll(async () => {
    ({ reviews, index } = await load(['examples/incidents']));
  });
  const byId = (id: string) => reviews.find((r) => r.id === id) as Review;

  it('the second occurrence finds the first at the top, by its explicit link', () => {
    const [first] = similarTo(index, byId('2025-02-11-checkout-db-connection-storm-after-scale-up'), 5);
    expect(first?.id).toBe('2024-03-08-checkout-db-connection-storm');
    expect(first?.score).toBe(1);
    expect(first?.terms[0]).toBe(LINK_TERM);
  });

  it('and the first finds the second: a link counts from either side', () => {
    const [first] = similarTo(index, byId('2024-03-08-checkout-db-connection-storm'), 5);
    expect(first?.id).toBe('2025-02-11-checkout-db-connection-storm-after-scale-up');
    expect(first?.terms[0]).toBe(LINK_TERM);
  });

  it('an explicit link wins even over a closer text', () => {
    const tls = byId('2024-08-22-login-tls-certificate-expired');
    const linked: Review = { ...tls, related: ['2026-10-13-search-api-oom-kills'] };
    const results = similarTo(index, linked, 3);
    expect(results[0]?.id).toBe('2026-10-13-search-api-oom-kills');
    expect(results.map((r) => r.id)).not.toContain(tls.id);
  });

  it('results are best first, with shared terms that explain them', () => {
    for (const review of reviews) {
      const results = similarTo(index, review, 9);
      expect(results.length).toBeGreaterThan(0);
      const scores = results.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const r of results) {
        expect(r.score).toBeGreaterThan(0);
        expect(r.score).toBeLessThanOrEqual(1);
        expect(r.terms.length).toBeGreaterThan(0);
        expect(r.path).not.toBe(review.source.path);
      }
    }
  });

  it('draft text finds the review it is about', () => {
    const results = similarTo(
      index,
      'Runners failing: the docker json-file logs filled the root volume, jobs fail with no space left on device',
      3,
    );
    expect(results[0]?.id).toBe('2024-01-17-ci-runner-disks-full');
  });
});

describe('copies of the query', () => {
  const temps: string[] = [];
  afterAll(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it('a git patch carrying the same file is neither a result for it, nor a second result for others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-similar-'));
    temps.push(dir);
    const name = '2024-08-22-login-tls-certificate-expired.md';
    for (const file of readdirSync(join(REPO_ROOT, 'examples', 'incidents')))
      copyFileSync(join(REPO_ROOT, 'examples', 'incidents', file), join(dir, file));
    const lines = readFileSync(join(dir, name), 'utf8').split('\n');
    const patch = [
      `diff --git a/docs/incidents/${name} b/docs/incidents/${name}`,
      'new file mode 100644',
      '--- /dev/null',
      `+++ b/docs/incidents/${name}`,
      `@@ -0,0 +1,${lines.length} @@`,
      ...lines.map((l) => `+${l}`),
      '',
    ].join('\n');
    mkdirSync(join(dir, 'patches'));
    writeFileSync(join(dir, 'patches', 'move-to-docs.txt'), patch);
    const { reviews, index } = await load([dir]);
    const copy = reviews.find((r) => r.source.format === 'git-patch') as Review;
    expect(copy.source.path).toContain('move-to-docs.txt#docs/incidents/');
    const file = reviews.find(
      (r) => r.source.path.endsWith(`/${name}`) && r.source.format === 'markdown',
    ) as Review;

    const forFile = similarTo(index, file, 20).map((r) => r.path);
    expect(forFile).not.toContain(copy.source.path);
    expect(forFile).not.toContain(file.source.path);
    expect(similarTo(index, copy, 20).map((r) => r.path)).not.toContain(file.source.path);
    for (const other of reviews.filter((r) => r !== file && r !== copy)) {
      const paths = similarTo(index, other, 20).map((r) => r.path);
      expect(paths).not.toContain(copy.source.path);
    }
  });

  it('piping a review on stdin does not find that review', async () => {
    const text = readFileSync(
      join(REPO_ROOT, 'examples/incidents/2024-01-17-ci-runner-disks-full.md'),
      'utf8',
    );
    const run = await runWithStdin(['similar', '-', '--in', 'examples/incidents', '--format', 'json'], text);
    expect(run.code).toBe(0);
    const ids = (JSON.parse(run.stdout) as { id: string }[]).map((r) => r.id);
    expect(ids).not.toContain('2024-01-17-ci-runner-disks-full');
  });
});

/** `main` with a stdin, the way `bin/hindsight.js` gives it the process's. */
async function runWithStdin(argv: readonly string[], input: string) {
  let stdout = '';
  let stderr = '';
  const io = {
    argv,
    cwd: REPO_ROOT,
    env: {},
    stdin: Readable.from([Buffer.from(input)]),
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  };
  const code = await main(io);
  return { code, stdout, stderr };
}

describe('hindsight similar', () => {
  it('--format json prints the brief §3.4 shape, best first, at most --top', async () => {
    const run = await runCli(
      [
        'similar',
        'examples/incidents/2025-06-10-product-images-missing-after-dns-change.md',
        '--in',
        'examples/incidents',
        '--top',
        '4',
        '--format',
        'json',
      ],
      REPO_ROOT,
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(out).toHaveLength(4);
    for (const item of out) {
      expect(Object.keys(item)).toEqual(['id', 'path', 'title', 'score', 'terms']);
      expect(typeof item.score).toBe('number');
      expect(Array.isArray(item.terms)).toBe(true);
    }
    const scores = out.map((r) => r.score as number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(out.map((r) => r.id)).not.toContain('2025-06-10-product-images-missing-after-dns-change');
  });

  it('a draft on stdin (-) finds the expected review', async () => {
    const draft = [
      '# Draft: logins failing this morning',
      '',
      '## Summary',
      '',
      'The certificate on the legacy HAProxy in front of login expired overnight. Every login failed, and',
      'api-gateway could not refresh the JWKS, so signed API calls got 401 until a new certificate was installed.',
    ].join('\n');
    const run = await runWithStdin(
      ['similar', '-', '--in', 'examples/incidents', '--top', '3', '--format', 'json'],
      draft,
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { id: string }[];
    expect(out[0]?.id).toBe('2024-08-22-login-tls-certificate-expired');
  });

  it('human output: a ranked list with score and terms', async () => {
    const run = await runCli(
      [
        'similar',
        'examples/incidents/2025-02-11-checkout-db-connection-storm-after-scale-up.md',
        '--in',
        'examples/incidents',
        '--top',
        '2',
      ],
      REPO_ROOT,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Most like "Checkout outage from a Postgres connection storm after scale-up"/,
    );
    expect(run.stdout).toContain(
      '  1. 1.000  Checkout outage from a Postgres connection storm during deploy',
    );
    expect(run.stdout).toContain('linked (related) · shared: ');
    expect(run.stdout).toMatch(/\n {2}2\. 0\.\d{3} {2}/);
  });

  it('--clusters lists recurrences: JSON { clusters: [{ members, links }] }', async () => {
    const run = await runCli(
      ['similar', '--clusters', '--in', 'examples/incidents', '--format', 'json'],
      REPO_ROOT,
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      clusters: { members: Record<string, unknown>[]; links: Record<string, unknown>[] }[];
    };
    expect(Object.keys(out)).toEqual(['clusters']);
    expect(out.clusters).toHaveLength(1);
    const [cluster] = out.clusters;
    expect(cluster?.members.map((m) => Object.keys(m))).toEqual([
      ['id', 'path', 'date', 'title'],
      ['id', 'path', 'date', 'title'],
    ]);
    expect(cluster?.members.map((m) => m.id)).toEqual([
      '2024-03-08-checkout-db-connection-storm',
      '2025-02-11-checkout-db-connection-storm-after-scale-up',
    ]);
    expect(cluster?.links[0]).toMatchObject({ kind: 'related' });
    const human = await runCli(['similar', '--clusters', '--in', 'examples/incidents'], REPO_ROOT);
    expect(human.stdout).toMatch(/^Cluster 1: 2 reviews\n {2}2024-03-08 {2}Checkout outage/);
  });

  it.each([
    ['no file', ['similar', '--in', 'examples/incidents']],
    ['a missing file', ['similar', 'no/such/review.md', '--in', 'examples/incidents']],
    [
      'a missing --in folder',
      ['similar', 'examples/incidents/2024-01-17-ci-runner-disks-full.md', '--in', 'no/such/dir'],
    ],
    ['--top 0', ['similar', 'examples/incidents/2024-01-17-ci-runner-disks-full.md', '--top', '0']],
    ['--top abc', ['similar', 'examples/incidents/2024-01-17-ci-runner-disks-full.md', '--top', 'abc']],
    ['an unknown flag', ['similar', 'examples/incidents/2024-01-17-ci-runner-disks-full.md', '--bogus']],
    [
      '--clusters with a file',
      ['similar', '--clusters', 'examples/incidents/2024-01-17-ci-runner-disks-full.md'],
    ],
  ])('exit 2 on %s', async (_name, argv) => {
    const run = await runCli(argv, REPO_ROOT);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toBe('');
  });
});
