import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sameMeaning } from '../src/model/meaning.js';
import { type Review, ReviewSchema } from '../src/model/review.js';
import { parseInputs, reviewsOf } from '../src/pipeline.js';
import { FIXTURES_DIR, REPO_ROOT, runCli } from './helpers.js';

/** The CLI run in process through `main` (style practice 9), against the brief's §3 contracts. */

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-cli-'));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** The §3.1 fields, in the contract's order. */
const CONTRACT_FIELDS = [
  'id',
  'isReview',
  'title',
  'date',
  'severity',
  'status',
  'services',
  'tags',
  'authors',
  'summary',
  'times',
  'durations',
  'sections',
  'timeline',
  'whys',
  'actionItems',
  'related',
  'source',
];

async function parseOne(path: string): Promise<Review> {
  const reviews = reviewsOf(await parseInputs([path], REPO_ROOT));
  expect(reviews).toHaveLength(1);
  return reviews[0] as Review;
}

describe('hindsight parse --format json', () => {
  it('prints only a JSON array of §3.1 objects for examples/incidents, exit 0', async () => {
    const run = await runCli(['parse', 'examples/incidents', '--format', 'json'], REPO_ROOT);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(Array.isArray(out)).toBe(true);
    expect(out.length).toBeGreaterThanOrEqual(5);
    for (const item of out) {
      for (const field of CONTRACT_FIELDS)
        expect(item, `${String(item.id)} has ${field}`).toHaveProperty(field);
      expect(() => ReviewSchema.parse(item)).not.toThrow();
      expect(item.isReview).toBe(true);
      expect(String((item.source as { path: string }).path)).toMatch(/^examples\/incidents\/.+\.md$/);
    }
    expect(new Set(out.map((r) => r.id)).size).toBe(out.length);
  });

  it('puts the timeline, severity and action items of a fixture in the contract shape', async () => {
    const run = await runCli(['parse', 'test/fixtures/yaml-canonical.md', '--format', 'json'], REPO_ROOT);
    expect(run.code).toBe(0);
    const [review] = JSON.parse(run.stdout) as Review[];
    expect(review?.severity).toEqual({ raw: 'P2', level: 2 });
    expect(review?.timeline[0]).toEqual({
      date: '2025-04-03',
      time: '06:10',
      text: 'Export job starts and writes empty files to the outbound bucket',
      line: 25,
    });
    expect(Object.keys(review?.actionItems[0] ?? {}).sort()).toEqual(
      ['done', 'due', 'line', 'link', 'owner', 'text'].sort(),
    );
  });

  it('prints warnings on stderr, never on stdout', async () => {
    const run = await runCli(['parse', 'test/fixtures/utc-12h-table.md', '--format', 'json'], REPO_ROOT);
    expect(run.code).toBe(0);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    expect(run.stderr).toContain('timeline-unparsed-time');
    expect(run.stdout).not.toContain('timeline-unparsed-time');
  });
});

describe('exit codes', () => {
  it('2 on an unknown flag', async () => {
    const run = await runCli(['parse', 'examples/incidents', '--bogus'], REPO_ROOT);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--bogus');
    expect(run.stdout).toBe('');
  });

  it('2 on an unknown command', async () => {
    const run = await runCli(['frobnicate', 'examples/incidents'], REPO_ROOT);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('frobnicate');
  });

  it('2 on a missing path, with the other inputs still parsed', async () => {
    const run = await runCli(
      ['parse', 'no/such/folder', 'test/fixtures/jekyll-emoji.md', '--format', 'json'],
      REPO_ROOT,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no/such/folder');
    expect((JSON.parse(run.stdout) as Review[]).map((r) => r.id)).toEqual(['jekyll-emoji']);
  });

  it('2 when no path is given', async () => {
    expect((await runCli(['parse'], REPO_ROOT)).code).toBe(2);
  });

  it('1 when a file has an error diagnostic (invalid YAML front matter), still printing its review', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, '2025-01-05-broken-front-matter.md'),
      '---\ntitle: [unclosed\ndate: 2025-01-05\n---\n\n# Broken front matter\n\n## Impact\n\nNone.\n',
    );
    const run = await runCli(['parse', dir, '--format', 'json'], REPO_ROOT);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('front-matter-invalid');
    const out = JSON.parse(run.stdout) as Review[];
    expect(out).toHaveLength(1);
    expect(out[0]?.id).toBe('2025-01-05-broken-front-matter');
  });
});

describe('hindsight new', () => {
  const args = (dir: string) => [
    'new',
    'Cache warmup failed',
    '--date',
    '2025-01-02',
    '--severity',
    'P2',
    '--dir',
    dir,
  ];

  it('creates <dir>/YYYY-MM-DD-slug.md that parses back with its title, date and severity', async () => {
    const dir = tempDir();
    const run = await runCli(args(dir), REPO_ROOT);
    expect(run.code).toBe(0);
    const file = join(dir, '2025-01-02-cache-warmup-failed.md');
    expect(existsSync(file)).toBe(true);
    const review = await parseOne(file);
    expect(review).toMatchObject({
      id: '2025-01-02-cache-warmup-failed',
      title: 'Cache warmup failed',
      date: '2025-01-02',
      severity: { raw: 'P2', level: 2 },
    });
  });

  it('refuses, exit 1, and leaves the file untouched when it exists', async () => {
    const dir = tempDir();
    expect((await runCli(args(dir), REPO_ROOT)).code).toBe(0);
    const file = join(dir, '2025-01-02-cache-warmup-failed.md');
    const edited = `${readFileSync(file, 'utf8')}\nNotes written by hand.\n`;
    writeFileSync(file, edited);
    const run = await runCli(args(dir), REPO_ROOT);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('already exists');
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });

  it.each([['02/01/2025'], ['2025-13-45']])('2 on a date that is not a date (%s)', async (date) => {
    const dir = tempDir();
    const run = await runCli(['new', 'Bad date', '--date', date, '--dir', dir], REPO_ROOT);
    expect(run.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('hindsight fmt', () => {
  it('--check exits 1 on a non-canonical file without writing; fmt rewrites it; --check then exits 0', async () => {
    const dir = tempDir();
    const file = join(dir, '2022-05-06-forum-mail-relay-outage.md');
    copyFileSync(join(FIXTURES_DIR, 'jekyll-emoji.md'), file);
    const original = readFileSync(file, 'utf8');

    const check = await runCli(['fmt', '--check', file], REPO_ROOT);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('would-format');
    expect(readFileSync(file, 'utf8')).toBe(original);

    const write = await runCli(['fmt', file], REPO_ROOT);
    expect(write.code).toBe(0);
    const formatted = readFileSync(file, 'utf8');
    expect(formatted).not.toBe(original);
    expect(formatted).toMatch(/^---\ntitle: Forum mail relay outage\ndate: ["']?2022-05-06["']?\n/);
    expect(formatted).toContain('## Five whys');

    expect((await runCli(['fmt', '--check', file], REPO_ROOT)).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(formatted);
  });

  it('output parses to the same meaning as the input', async () => {
    const dir = tempDir();
    for (const name of ['yaml-canonical.md', 'bold-fields-aest.md', 'action-table-whys.md', 'zola-toml.md']) {
      const file = join(dir, name);
      copyFileSync(join(FIXTURES_DIR, name), file);
      const before = await parseOne(file);
      const run = await runCli(['fmt', file], REPO_ROOT);
      expect(run.code, name).toBe(0);
      const after = await parseOne(file);
      expect(sameMeaning(before, after), name).toBe(true);
    }
  });

  it('never touches a non-review (an index page)', async () => {
    const dir = tempDir();
    const file = join(dir, 'index-page.md');
    copyFileSync(join(FIXTURES_DIR, 'index-page.md'), file);
    const original = readFileSync(file);
    const run = await runCli(['fmt', file, '--format', 'json'], REPO_ROOT);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({ outcome: 'skipped', reason: 'not a review' }),
    ]);
    expect(readFileSync(file).equals(original)).toBe(true);
  });

  it('--format json prints only the per-file results', async () => {
    const run = await runCli(['fmt', '--check', 'examples/incidents', '--format', 'json'], REPO_ROOT);
    const results = JSON.parse(run.stdout) as {
      file: string;
      outcome: string;
    }[];
    expect(results.length).toBeGreaterThanOrEqual(5);
    for (const r of results) expect(['unchanged', 'would-format']).toContain(r.outcome);
    expect(run.code).toBe(results.some((r) => r.outcome === 'would-format') ? 1 : 0);
  });
});

describe('a binary file in a folder', () => {
  it('gives a binary-file diagnostic while the other files are still parsed', async () => {
    const dir = tempDir();
    copyFileSync(join(FIXTURES_DIR, 'yaml-canonical.md'), join(dir, 'a-review.md'));
    writeFileSync(
      join(dir, 'b-screenshot.md'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]),
    );
    copyFileSync(join(FIXTURES_DIR, 'zola-toml.md'), join(dir, 'c-review.md'));
    const run = await runCli(['parse', dir, '--format', 'json'], REPO_ROOT);
    expect(run.stderr).toMatch(/b-screenshot\.md:1:1 error binary-file/);
    expect((JSON.parse(run.stdout) as Review[]).map((r) => r.id)).toEqual(['a-review', 'c-review']);
    expect(run.code).toBe(1);
  });
});
