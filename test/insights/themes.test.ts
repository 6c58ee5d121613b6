import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/config.js';
import { DEFAULT_TAXONOMY, DEFAULT_THEME_IDS } from '../../src/insights/theme-taxonomy.js';
import { assignThemes, type ReviewThemes, taxonomyFromConfig, themesOf } from '../../src/insights/themes.js';
import type { Review } from '../../src/model/review.js';
import { parseMarkdownReview } from '../../src/parse/parse-review.js';
import { parseInputs, reviewsOf } from '../../src/pipeline.js';
import { REPO_ROOT, runCli, TEST_DIR } from '../helpers.js';

/**
 * Theme assignment measured on labelled fixtures (test/insights/themes/*.md, labels in expected.json): fictional
 * short reviews, each with the themes a careful reader assigns and the themes its text mentions without them being
 * a cause (`mustNot`: "we checked DNS and it was fine", "the disk was not full", "no deploy happened").
 *
 * Precision matters more than recall (issue 5), so precision has the higher bar. The rules were written first and
 * then corrected once against these fixtures (first run: precision 0.91, recall 0.89); the bars below leave room
 * for the next fixture without being loose: precision ≥ 0.9, recall ≥ 0.85.
 */
const FIXTURES = join(TEST_DIR, 'insights', 'themes');
const MIN_PRECISION = 0.9;
const MIN_RECALL = 0.85;

interface Label {
  readonly themes: readonly string[];
  readonly mustNot?: readonly string[];
}
const LABELS = (
  JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as { fixtures: Record<string, Label> }
).fixtures;

let assigned: ReviewThemes[] = [];
beforeAll(async () => {
  assigned = themesOf(reviewsOf(await parseInputs([FIXTURES], REPO_ROOT)));
});

const themesFor = (file: string) =>
  assigned.find((r) => basename(r.path) === file)?.themes.map((t) => t.id) ?? [];

describe('theme assignment on labelled fixtures', () => {
  it('has a label for every fixture and a fixture for every label (15–25 of them)', () => {
    expect(assigned.map((r) => basename(r.path)).sort()).toEqual(Object.keys(LABELS).sort());
    expect(assigned.length).toBeGreaterThanOrEqual(15);
    expect(assigned.length).toBeLessThanOrEqual(25);
    for (const label of Object.values(LABELS))
      for (const id of [...label.themes, ...(label.mustNot ?? [])]) expect(DEFAULT_THEME_IDS).toContain(id);
  });

  it(`reaches precision ≥ ${MIN_PRECISION} and recall ≥ ${MIN_RECALL} (printed per theme)`, () => {
    const perTheme = new Map<string, { tp: number; fp: number; fn: number }>();
    const row = (id: string) => {
      let r = perTheme.get(id);
      if (!r) perTheme.set(id, (r = { tp: 0, fp: 0, fn: 0 }));
      return r;
    };
    const mistakes: string[] = [];
    for (const [file, label] of Object.entries(LABELS)) {
      const got = themesFor(file);
      for (const id of got) {
        if (label.themes.includes(id)) row(id).tp++;
        else {
          row(id).fp++;
          mistakes.push(`${file}: wrong ${id}`);
        }
      }
      for (const id of label.themes)
        if (!got.includes(id)) {
          row(id).fn++;
          mistakes.push(`${file}: missed ${id}`);
        }
    }
    const total = [...perTheme.values()].reduce(
      (a, r) => ({ tp: a.tp + r.tp, fp: a.fp + r.fp, fn: a.fn + r.fn }),
      { tp: 0, fp: 0, fn: 0 },
    );
    const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
    const precision = ratio(total.tp, total.tp + total.fp);
    const recall = ratio(total.tp, total.tp + total.fn);
    const lines = [...perTheme]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([id, r]) =>
        [
          id.padEnd(20),
          String(r.tp).padStart(3),
          String(r.fp).padStart(3),
          String(r.fn).padStart(3),
          ratio(r.tp, r.tp + r.fp)
            .toFixed(2)
            .padStart(10),
          ratio(r.tp, r.tp + r.fn)
            .toFixed(2)
            .padStart(7),
        ].join(' '),
      );
    console.log(
      [
        `Theme assignment on ${Object.keys(LABELS).length} labelled fixtures (test/insights/themes):`,
        `${'theme'.padEnd(20)}  tp  fp  fn  precision  recall`,
        ...lines,
        `${'ALL'.padEnd(20)} ${String(total.tp).padStart(3)} ${String(total.fp).padStart(3)} ${String(total.fn).padStart(3)} ${precision.toFixed(2).padStart(10)} ${recall.toFixed(2).padStart(7)}`,
        ...(mistakes.length > 0 ? ['mistakes:', ...mistakes.map((m) => `  ${m}`)] : ['mistakes: none']),
      ].join('\n'),
    );
    expect(precision).toBeGreaterThanOrEqual(MIN_PRECISION);
    expect(recall).toBeGreaterThanOrEqual(MIN_RECALL);
  });

  const tricky = Object.entries(LABELS).filter(([, label]) => (label.mustNot ?? []).length > 0);
  it.each(tricky)('%s: no theme from a mention that is not a cause', (file, label) => {
    const got = themesFor(file);
    for (const id of label.mustNot ?? []) expect(got, `${file} must not be ${id}`).not.toContain(id);
  });

  it('keeps evidence: short sentences, the first of them from the review', () => {
    for (const review of assigned)
      for (const theme of review.themes) {
        expect(theme.evidence.length).toBeGreaterThan(0);
        expect(theme.evidence.length).toBeLessThanOrEqual(3);
        for (const sentence of theme.evidence) expect(sentence.length).toBeLessThanOrEqual(280);
      }
    const dns = assigned.find((r) => r.path.endsWith('2025-04-15-internal-dns-record-deleted.md'));
    expect(dns?.themes.find((t) => t.id === 'dns')?.evidence[0]).toContain('deleted the A record');
  });
});

/** A review from markdown written in the test, for one-sentence cases. */
function review(body: string, frontMatter = ''): Review {
  const text = `---\ntitle: Test incident\ndate: 2025-01-01\n${frontMatter}---\n\n# Test incident\n\n${body}\n`;
  return parseMarkdownReview({ path: '2025-01-01-test.md', text, format: 'markdown' }).review;
}
const ids = (r: Review, config?: Parameters<typeof taxonomyFromConfig>[0]) =>
  assignThemes(r, taxonomyFromConfig(config)).map((t) => t.id);

describe('what counts as a cause', () => {
  it.each([
    ['This was not a DNS issue.'],
    ['We checked DNS and it was fine.'],
    ['DNS was not the cause.'],
    ['We first suspected DNS, and ruled it out within minutes.'],
  ])('no dns from "%s"', (sentence) => {
    expect(ids(review(`## Root cause\n\n${sentence} A bad query plan made the report slow.`))).not.toContain(
      'dns',
    );
  });

  it('a DNS change that caused the outage is dns', () => {
    expect(
      ids(review('## Summary\n\nA change to the DNS record for img.example.com caused images to fail.')),
    ).toContain('dns');
  });

  it('"deploy" only when a deploy is the trigger', () => {
    expect(
      ids(review('## Summary\n\nWe deploy many times a day. A certificate expired at midnight.')),
    ).toEqual(['certificate-expiry']);
    expect(ids(review('## Summary\n\nThe deploy of version 2.4.0 introduced a bug in the cart.'))).toContain(
      'deploy',
    );
  });

  it("Redis's READONLY error is a database theme, a volume's readOnly setting is not", () => {
    expect(
      ids(
        review(
          "## Root cause\n\nEvery write failed with `READONLY You can't write against a read only replica`.",
        ),
      ),
    ).toContain('database');
    expect(
      ids(review('## Root cause\n\nAfter the replica was removed, the volume entered `readOnly: true`.')),
    ).not.toContain('database');
  });

  it("a deadlock is a database theme only when it is the database's own", () => {
    expect(ids(review('## Root cause\n\nA Django feature deadlocked a table 62 times.'))).toContain(
      'database',
    );
    expect(
      ids(review('## Root cause\n\nTwo transactions hit a row deadlock on the orders table.')),
    ).toContain('database');
    expect(
      ids(review('## Root cause\n\nReplacement pods could not schedule: an anti-affinity deadlock.')),
    ).not.toContain('database');
    expect(
      ids(
        review(
          '## Root cause\n\nBoth metadata nodes were down, creating a deadlock where neither recovered.',
        ),
      ),
    ).not.toContain('database');
  });

  it('disk-full from a disk with no space left, however it is worded', () => {
    expect(
      ids(review('## Summary\n\nThe wiki went down because no free disk space was left on its server.')),
    ).toContain('disk-full');
    expect(ids(review('## Root cause\n\nNightly exports failed due to low disk space.'))).toContain(
      'disk-full',
    );
    expect(ids(review('## Summary\n\nNo space was left for doubt: the release broke login.'))).not.toContain(
      'disk-full',
    );
  });

  it('"CNI" is the network plugin when spoken of as one, not a company\'s initials', () => {
    expect(
      ids(review('## Root cause\n\nThe CNI failed to assign pod IPs after the node rebooted.')),
    ).toContain('network');
    expect(ids(review('## Root cause\n\nCalico CNI pods crashed after the upgrade.'))).toContain('network');
    expect(
      ids(review('## Root cause\n\nCNI determined that a slow mempool selection was the root cause.')),
    ).not.toContain('network');
  });

  it('ignores action items and lessons, which say what to do, not what happened', () => {
    const r = review(
      '## Summary\n\nThe export job failed.\n\n## Action items\n\n- [ ] Add disk-full alerts\n- [ ] Review DNS TTLs\n\n## Lessons learned\n\nOOM kills are hard to see.',
    );
    expect(ids(r)).toEqual([]);
  });

  it('detection-gap from the numbers: detected ≥ 60 minutes after impact began', () => {
    const late = review(
      '## Summary\n\nThe worker stopped.',
      'started: 2025-01-01T10:00\ndetected: 2025-01-01T13:30\n',
    );
    const evidence = assignThemes(late).find((t) => t.id === 'detection-gap')?.evidence;
    expect(evidence?.[0]).toMatch(/^Detected 3 h 30 min after impact began/);
    const quick = review(
      '## Summary\n\nThe worker stopped; there was no alerting on it.',
      'started: 2025-01-01T10:00\ndetected: 2025-01-01T10:05\n',
    );
    expect(ids(quick)).not.toContain('detection-gap');
    expect(ids(review('## Summary\n\nThe worker stopped and it went unnoticed for two days.'))).toContain(
      'detection-gap',
    );
  });
});

describe('a configurable taxonomy (config "themes")', () => {
  const r = review(
    '## Root cause\n\nThe nightly ETL job overran its batch window and a DNS record change broke lookups.',
  );

  it('adds, renames and disables themes', () => {
    const config = {
      add: [{ id: 'batch-window', label: 'Batch window overrun', patterns: ['overran its batch window'] }],
      rename: { dns: 'Name resolution' },
      disable: ['config-change'],
    };
    expect(ids(r, config)).toEqual(['dns', 'batch-window']);
    expect(taxonomyFromConfig(config).labels.get('dns')).toBe('Name resolution');
    expect(ids(r)).toContain('config-change');
  });

  it('a written expression matches as written, also where only some of its branches start at a word', () => {
    const etl = review('## Root cause\n\nThe nightly ETL job overran its window.');
    const theme = (patterns: string[]) => ({ add: [{ id: 'batch', label: 'Batch', patterns }] });
    // "ightly" starts inside a word: only the branches that begin with \b must be held to one.
    expect(ids(etl, theme(['/\\bquota|ightly ETL/']))).toContain('batch');
    expect(ids(etl, theme(['/\\bquota/', '/ightly ETL/']))).toContain('batch');
    expect(ids(etl, theme(['/\\bightly ETL/', 'quota']))).not.toContain('batch');
  });

  const temps: string[] = [];
  afterAll(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });
  const project = (config: unknown) => {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-themes-'));
    temps.push(dir);
    writeFileSync(join(dir, 'hindsight.config.json'), JSON.stringify(config, null, 2));
    writeFileSync(join(dir, '2025-01-01-test.md'), '# Test\n\n## Summary\n\nDisk full.\n');
    return dir;
  };

  it('an unknown theme id in rename or disable is a config error with a did-you-mean (exit 2)', async () => {
    const cwd = project({ themes: { rename: { dsn: 'Name resolution' }, disable: ['deploys'] } });
    const run = await runCli(['themes', '.'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /hindsight\.config\.json:\d+ themes\.rename\.dsn: unknown theme "dsn" \(did you mean "dns"\?\)/,
    );
    expect(run.stderr).toContain('unknown theme "deploys" (did you mean "deploy"?)');
  });

  it('an added theme that reuses an id, or a pattern that does not compile, is a config error', async () => {
    const cwd = project({
      themes: { add: [{ id: 'dns', label: 'Mine', patterns: ['/(unclosed/'] }] },
    });
    const run = await runCli(['themes', '.'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"dns" is already a theme');
    expect(run.stderr).toContain('not a usable pattern');
  });
});

describe('docs/themes.md', () => {
  const docs = readFileSync(join(REPO_ROOT, 'docs', 'themes.md'), 'utf8');

  it('lists every default theme with its label and description, in order', () => {
    const rows = docs.split('\n').filter((line) => /^\| `[a-z-]+` \|/.test(line));
    expect(rows).toEqual(DEFAULT_TAXONOMY.map((t) => `| \`${t.id}\` | ${t.label} | ${t.description} |`));
  });

  it('shows a config example that validates', () => {
    const example = /```json\n([\s\S]+?)```/.exec(docs)?.[1] ?? '';
    expect(ConfigSchema.safeParse(JSON.parse(example)).success).toBe(true);
  });
});

describe('hindsight themes', () => {
  it('--format json prints the brief §3.4 shape', async () => {
    const run = await runCli(['themes', 'examples/incidents', '--format', 'json'], REPO_ROOT);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(out).toHaveLength(10);
    for (const item of out) {
      expect(Object.keys(item)).toEqual(['id', 'path', 'themes']);
      for (const theme of item.themes as Record<string, unknown>[]) {
        expect(Object.keys(theme)).toEqual(['id', 'evidence']);
        expect(DEFAULT_THEME_IDS).toContain(theme.id);
      }
    }
    const tls = out.find(
      (r) => r.id === '2024-08-22-login-tls-certificate-expired',
    ) as unknown as ReviewThemes;
    expect(tls.themes.map((t) => t.id)).toContain('certificate-expiry');
  });

  it('human output: each review with one quote per theme, then a count per theme', async () => {
    const run = await runCli(['themes', 'examples/incidents'], REPO_ROOT);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'examples/incidents/2024-01-17-ci-runner-disks-full.md\n  Disk full (disk-full): “',
    );
    expect(run.stdout).toMatch(/Themes across 10 reviews:\n(?: {2}.+\d+\n)+$/);
  });

  it('2 on a missing folder or an unknown flag', async () => {
    expect((await runCli(['themes', 'no/such/folder'], REPO_ROOT)).code).toBe(2);
    expect((await runCli(['themes', 'examples/incidents', '--bogus'], REPO_ROOT)).code).toBe(2);
  });
});
