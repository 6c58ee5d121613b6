import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/import/import-sources.js';
import { runTool } from '../../src/parse/formats/external-tool.js';
import { filesUnder, FIXTURES_DIR, runCli } from '../helpers.js';
import { pdfWithoutText } from './pdf-bytes.js';

/** `hindsight import` end to end, in a temp folder: the report, idempotence, conflicts, dry runs, bad input. */

const IMPORT_FIXTURES = join(FIXTURES_DIR, 'import');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hindsight-import-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Copies fixtures (by name, relative to test/fixtures/import) into `<dir>/src`. */
function sources(...names: string[]): string {
  const src = join(dir, 'src');
  for (const name of names) cpSync(join(IMPORT_FIXTURES, name), join(src, name), { recursive: true });
  return src;
}

async function importJson(
  ...args: string[]
): Promise<{ code: number; report: ImportReport; stderr: string }> {
  const run = await runCli(['import', ...args, '--format', 'json'], dir);
  return { code: run.code, report: JSON.parse(run.stdout) as ImportReport, stderr: run.stderr };
}

function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(
    filesUnder(folder).map((file) => [file, createHash('sha256').update(readFileSync(file)).digest('hex')]),
  );
}

describe('hindsight import', () => {
  it('imports a site tree: reviews written, index pages, templates and config skipped with the reason', async () => {
    sources('site-tree');
    const { code, report } = await importJson('src/site-tree', '--out', 'out');
    expect(code).toBe(0);
    const byInput = new Map(report.rows.map((row) => [row.input.replace(/^src\/site-tree\//, ''), row]));
    expect(byInput.get('mkdocs.yml')).toMatchObject({
      status: 'skipped',
      reason: 'site configuration, not a review',
    });
    expect(byInput.get('docs/index.md')?.reason).toMatch(/index page/);
    expect(byInput.get('docs/incidents/index.md')?.reason).toMatch(/index page/);
    expect(byInput.get('docs/incidents/template.md')?.reason).toMatch(/template/);
    expect(byInput.get('docs/blog/.authors.yml')?.status).toBe('skipped');
    expect(byInput.get('overrides/main.html')?.reason).toMatch(/site template/);
    // The page has no title of its own: the nav gives it.
    expect(byInput.get('docs/incidents/2025-03-12-queue-backlog.md')?.reviews).toEqual([
      expect.objectContaining({
        title: 'Queue backlog after failover',
        date: '2025-03-12',
        severity: 'SEV-3',
        timelineEvents: 3,
        actionItems: 1,
        output: 'out/2025-03-12-queue-backlog-after-failover.md',
        outcome: 'created',
      }),
    ]);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([
      '2025-01-07-cache-stampede-after-a-deploy.md',
      '2025-03-12-queue-backlog-after-failover.md',
    ]);
    // MkDocs blog authors are ids; .authors.yml names them.
    const post = readFileSync(join(dir, 'out/2025-01-07-cache-stampede-after-a-deploy.md'), 'utf8');
    expect(post).toContain('authors: [Mira Okafor]');
  });

  it('reports per input what was recognised and what was kept as "other"', async () => {
    sources('blog-post.html');
    const run = await runCli(['import', 'src', '--out', 'out'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('src/blog-post.html [html]');
    expect(run.stdout).toContain('→ out/2025-03-02-how-the-checkout-queue-stalled.md created');
    expect(run.stdout).toContain(
      '"How the checkout queue stalled" · 2025-03-02 · no severity · 4 section kinds · 3 timeline events · 2 action items · kept as other: Odd heading',
    );
    expect(run.stderr).toContain('Wrote 1 reviews to out from 1 files');
    const written = readFileSync(join(dir, 'out/2025-03-02-how-the-checkout-queue-stalled.md'), 'utf8');
    expect(written).toContain('## Odd heading\n\nStuff here.');
  });

  it('is idempotent: the same sources give the same files, reported unchanged, and no duplicates', async () => {
    sources('confluence-export.html', 'sphinx-review.rst', 'incident-log.md', 'status-report.eml');
    const first = await importJson('src', '--out', 'out');
    const files = snapshot(join(dir, 'out'));
    expect(Object.keys(files)).toHaveLength(6);
    const second = await importJson('src', '--out', 'out');
    expect(second.code).toBe(0);
    expect(snapshot(join(dir, 'out'))).toEqual(files);
    expect(first.report.rows.flatMap((r) => r.reviews.map((v) => v.outcome))).toEqual(
      Array(6).fill('created'),
    );
    expect(second.report.rows.flatMap((r) => r.reviews.map((v) => v.outcome))).toEqual(
      Array(6).fill('unchanged'),
    );
  });

  it('never overwrites a different file unless --force, and reports it as a conflict', async () => {
    sources('myst-review.md');
    await importJson('src', '--out', 'out');
    const target = join(dir, 'out/2025-01-22-cdn-purge-storm.md');
    const original = readFileSync(target, 'utf8');
    writeFileSync(target, 'edited by hand\n');
    const refused = await importJson('src', '--out', 'out');
    expect(refused.code).toBe(1);
    expect(refused.report.rows[0]?.reviews[0]).toMatchObject({
      outcome: 'conflict',
      note: 'a different file is there; --force overwrites it',
    });
    expect(readFileSync(target, 'utf8')).toBe('edited by hand\n');
    const forced = await importJson('src', '--out', 'out', '--force');
    expect(forced.code).toBe(0);
    expect(forced.report.rows[0]?.reviews[0]?.outcome).toBe('overwritten');
    expect(readFileSync(target, 'utf8')).toBe(original);
  });

  it('two inputs that become the same file: the first is written, the second reported', async () => {
    const src = sources('blog-post.html');
    cpSync(join(src, 'blog-post.html'), join(src, 'copy.html'));
    writeFileSync(
      join(src, 'edited.html'),
      readFileSync(join(src, 'blog-post.html'), 'utf8').replace('Stuff', 'Things'),
    );
    const { code, report } = await importJson('src', '--out', 'out');
    expect(code).toBe(1);
    expect(report.rows.map((r) => [r.input, r.reviews[0]?.outcome])).toEqual([
      ['src/blog-post.html', 'created'],
      ['src/copy.html', 'duplicate'],
      ['src/edited.html', 'conflict'],
    ]);
    expect(readdirSync(join(dir, 'out'))).toHaveLength(1);
  });

  it('--dry-run writes nothing and says what it would do', async () => {
    sources('google-docs.html');
    const run = await runCli(['import', 'src', '--out', 'out', '--dry-run'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('→ out/2025-06-14-image-thumbnails-missing.md would create');
    expect(run.stderr).toContain('Would write 1 reviews');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a review without a date is written as undated-… with a diagnostic', async () => {
    mkdirSync(join(dir, 'src'));
    writeFileSync(
      join(dir, 'src/notes.md'),
      '# Login page slow\n\n## Summary\n\nThe login page took 9 seconds to load.\n\n## Root cause\n\nA cold cache.\n',
    );
    const { code, report } = await importJson('src', '--out', 'out');
    expect(code).toBe(0);
    expect(report.rows[0]?.reviews[0]).toMatchObject({
      date: null,
      output: 'out/undated-login-page-slow.md',
    });
    expect(report.rows[0]?.diagnostics).toEqual([
      expect.objectContaining({ rule: 'import-undated', severity: 'warning', file: 'src/notes.md' }),
    ]);
  });

  it('bad input is one row each with a clear reason; the batch goes on; exit code 1', async () => {
    const src = sources('truncated.html', 'empty.html', 'myst-review.md');
    writeFileSync(join(src, 'blank.md'), '\n\n');
    writeFileSync(join(src, 'scan.pdf'), pdfWithoutText());
    writeFileSync(join(src, 'huge-export.txt'), Buffer.alloc(21 * 1024 * 1024, 'a'));
    writeFileSync(
      join(src, 'latin1.md'),
      Buffer.concat([
        Buffer.from('# Caf'),
        Buffer.from([0xe9]),
        Buffer.from(' outage\n\n**Date:** 2025-03-01\n'),
      ]),
    );
    const { code, report } = await importJson('src', '--out', 'out');
    expect(code).toBe(1);
    const row = (name: string) => report.rows.find((r) => r.input === `src/${name}`);
    expect(row('blank.md')).toMatchObject({ status: 'failed', reason: 'the file is empty' });
    expect(row('empty.html')).toMatchObject({ status: 'failed', reason: 'The page has no text to import.' });
    expect(row('scan.pdf')).toMatchObject({ status: 'failed', format: 'pdf' });
    expect(row('scan.pdf')?.reason).toMatch(/no text layer/);
    expect(row('huge-export.txt')).toMatchObject({ status: 'failed' });
    expect(row('huge-export.txt')?.reason).toMatch(/over the 20 MB limit/);
    expect(row('truncated.html')).toMatchObject({ status: 'imported' });
    expect(row('truncated.html')?.diagnostics.map((d) => d.rule)).toEqual(['html-truncated']);
    expect(row('latin1.md')).toMatchObject({ status: 'imported' });
    expect(row('latin1.md')?.diagnostics.map((d) => d.rule)).toContain('invalid-encoding');
    expect(row('myst-review.md')?.reviews[0]?.outcome).toBe('created');
  });

  it('opens sources read-only: nothing in them changes, even with --force, and the output folder inside them is not re-imported', async () => {
    const src = sources('site-tree', 'blog-post.html', 'incident-log.md');
    const before = snapshot(src);
    await importJson('src', '--out', 'src/imported');
    const again = await importJson('src', '--out', 'src/imported', '--force');
    expect(again.report.rows.some((r) => r.input.startsWith('src/imported/'))).toBe(false);
    expect(again.report.rows.flatMap((r) => r.reviews.map((v) => v.outcome))).not.toContain('created');
    const after = snapshot(src);
    for (const [file, hash] of Object.entries(before)) expect(after[file], file).toBe(hash);
    // An imported file named as a source is read where it is: as it is canonical already, nothing changes; once
    // edited so that its canonical form differs, it is still never written over, even with --force.
    const own = 'src/imported/2025-03-02-how-the-checkout-queue-stalled.md';
    const same = await importJson(own, '--out', 'src/imported', '--force');
    expect(same.report.rows.map((r) => [r.input, r.reviews[0]?.outcome])).toEqual([[own, 'unchanged']]);
    writeFileSync(
      join(dir, own),
      readFileSync(join(dir, own), 'utf8').replace('## Odd heading', '## Odd  heading'),
    );
    const edited = snapshot(join(dir, 'src/imported'));
    const named = await importJson(own, '--out', 'src/imported', '--force');
    expect(named.report.rows.map((r) => [r.input, r.reviews[0]?.outcome, r.reviews[0]?.note])).toEqual([
      [own, 'conflict', 'that file is one of the sources, which import never changes'],
    ]);
    expect(snapshot(join(dir, 'src/imported'))).toEqual(edited);
  });

  it('usage problems exit 2: no inputs, no --out, a missing input', async () => {
    expect((await runCli(['import', '--out', 'out'], dir)).code).toBe(2);
    const noOut = await runCli(['import', 'src'], dir);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out is required');
    sources('blog-post.html');
    const missing = await runCli(['import', 'src', 'nowhere', '--out', 'out'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nowhere: no such file or folder');
  });

  it('parse reads the formats import reads, in folders too; lint walks markdown and text only', async () => {
    sources('blog-post.html', 'search-index.adoc', 'sphinx-review.rst', 'status-report.eml');
    const parsed = await runCli(['parse', 'src', '--format', 'json'], dir);
    expect(parsed.code).toBe(0);
    const reviews = JSON.parse(parsed.stdout) as { title: string; source: { format: string } }[];
    expect(reviews.map((r) => [r.source.format, r.title])).toEqual([
      ['html', 'How the checkout queue stalled'],
      ['asciidoc', 'Search index rebuild stalled'],
      ['rst', 'Build cache volume filled up'],
      ['email', 'Queue consumers stalled'],
    ]);
    const linted = await runCli(['lint', 'src', '--format', 'json'], dir);
    const files = new Set((JSON.parse(linted.stdout) as { file: string }[]).map((d) => d.file));
    expect([...files]).toEqual(['src/sphinx-review.rst']);
  });

  it('a converter that is not installed is a clear problem naming the package, not a crash', async () => {
    const result = await runTool('hindsight-no-such-converter', [], 'text', 'some-package');
    expect(result).toEqual({
      problem:
        'hindsight-no-such-converter is needed to read this format and is not installed; install it (`apt-get install some-package`) and import again.',
    });
  });
});
