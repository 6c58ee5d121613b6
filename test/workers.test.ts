import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateReviews } from '../bench/generate.js';
import { REPO_ROOT, runCli } from './helpers.js';

/**
 * Past 2,000 files `parse` (and past 500 `lint`) runs on worker threads (src/parallel.ts). The other tests run the
 * TypeScript sources, where Node 20 workers cannot load TypeScript and everything stays on the main thread; here
 * the compiled CLI (`npm test` builds it first) reads 2,000 generated reviews on two threads, and what it reports
 * must be what the single-threaded run reports.
 */
const temp = mkdtempSync(join(tmpdir(), 'hindsight-parallel-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const reviews = join(temp, 'reviews');

function compiled(...argv: string[]): string {
  const child = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'hindsight.js'), ...argv], {
    encoding: 'utf8',
    maxBuffer: 512 * 2 ** 20,
  });
  expect(child.status, child.stderr).toBeLessThan(2);
  return child.stdout;
}

describe('the pipeline on worker threads', () => {
  it('parses and lints 2,000 files as one thread does', async () => {
    generateReviews(2000, 11, reviews);
    for (const command of ['parse', 'lint']) {
      const threaded = JSON.parse(compiled(command, reviews, '--format', 'json')) as unknown[];
      const single = await runCli([command, reviews, '--format', 'json'], REPO_ROOT);
      expect(threaded).toEqual(JSON.parse(single.stdout));
      expect(JSON.stringify(threaded).length).toBeGreaterThan(1_000_000);
    }
  }, 120_000);
});
