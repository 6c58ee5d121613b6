import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateReviews } from '../bench/generate.js';
import { CORPUS_DIR, CORPUS_META, filesUnder, REPO_ROOT, runCli, SHARED_DIR } from './helpers.js';

/**
 * Past 2,000 files `parse` (and past 500 `lint`) runs on worker threads (src/parallel.ts). The other tests run the
 * TypeScript sources, where Node 20 workers cannot load TypeScript and everything stays on the main thread; here
 * the compiled CLI (`npm test` builds it first) reads 2,000 generated reviews on two threads, and what it reports
 * must be what the single-threaded run reports.
 */
const temp = mkdtempSync(join(tmpdir(), 'hindsight-parallel-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const reviews = join(temp, 'reviews');

function compiled(argv: readonly string[], cwd = REPO_ROOT): string {
  const child = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'hindsight.js'), ...argv], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 2 ** 20,
  });
  // Exit 1 is findings (import conflicts by design); anything else says how it stopped.
  if (child.status === null || child.status > 1)
    throw new Error(
      `hindsight ${argv[0]} stopped: status ${child.status}, signal ${child.signal}, ${child.error?.message ?? 'no spawn error'}\n${child.stderr}`,
    );
  return child.stdout;
}

describe('the pipeline on worker threads', () => {
  it('parses and lints 2,000 files as one thread does', async () => {
    generateReviews(2000, 11, reviews);
    for (const command of ['parse', 'lint']) {
      const threaded = JSON.parse(compiled([command, reviews, '--format', 'json'])) as unknown[];
      const single = await runCli([command, reviews, '--format', 'json'], REPO_ROOT);
      expect(threaded).toEqual(JSON.parse(single.stdout));
      expect(JSON.stringify(threaded).length).toBeGreaterThan(1_000_000);
    }
  }, 120_000);

  // Past 200 files an import is planned on worker threads: the corpus has 219 in every format there is a converter
  // for (HTML, reStructuredText through pandoc, AsciiDoc, email, PDF through pdftotext).
  it.skipIf(!existsSync(CORPUS_DIR))(
    'plans an import of the whole corpus as one thread does',
    async () => {
      // A child process's working directory is the real path (CI links ../shared): both runs start from it.
      const cwd = realpathSync(SHARED_DIR);
      const files = filesUnder(join(cwd, relative(SHARED_DIR, CORPUS_DIR)), CORPUS_META);
      expect(files.length).toBeGreaterThan(200);
      const out = join(realpathSync(temp), 'imported');
      const argv = ['import', ...files, '--out', out, '--dry-run', '--format', 'json'];
      const threaded = JSON.parse(compiled(argv, cwd)) as { rows: unknown[] };
      const single = await runCli(argv, cwd);
      expect(threaded.rows).toHaveLength(files.length);
      expect(threaded).toEqual(JSON.parse(single.stdout));
    },
    120_000,
  );
});
