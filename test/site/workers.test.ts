import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateReviews } from '../../bench/generate.js';
import { REPO_ROOT, runCli } from '../helpers.js';
import { siteFiles } from './site-helpers.js';

/**
 * Past 300 files the compiled build parses and renders on worker threads (src/site/site-pool.ts). The other tests
 * run the TypeScript sources, where Node 20 workers cannot load TypeScript and all of it stays on the main thread;
 * here the compiled CLI (`npm test` builds it first) builds 400 generated reviews on two threads, and the site it
 * writes must be the one the single-threaded build writes, file for file.
 */
const temp = mkdtempSync(join(tmpdir(), 'hindsight-workers-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const TODAY = '2026-11-21';

/** Every file of a built site but the build cache, with its text. */
function siteContents(root: string): Map<string, string> {
  return new Map(
    siteFiles(root)
      .filter((path) => !path.startsWith('.hindsight/'))
      .map((path) => [path, readFileSync(join(root, path), 'utf8')]),
  );
}

describe('the build on worker threads', () => {
  it('writes the same site as the build on one thread', async () => {
    const reviews = join(temp, 'reviews');
    generateReviews(400, 7, reviews);
    const threaded = join(temp, 'threaded');
    const child = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, 'bin', 'hindsight.js'),
        'build',
        reviews,
        '--out',
        threaded,
        '--today',
        TODAY,
        '--format',
        'json',
      ],
      { encoding: 'utf8' },
    );
    expect(child.status, `signal ${child.signal} ${child.error?.message ?? ''} ${child.stderr}`).toBe(0);
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toMatchObject({ reviews: 400, rendered: 400, needsAttention: [] });
    const single = join(temp, 'single');
    expect(
      (await runCli(['build', reviews, '--out', single, '--today', TODAY, '--quiet'], REPO_ROOT)).code,
    ).toBe(0);
    const [a, b] = [siteContents(threaded), siteContents(single)];
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    expect(a.size).toBeGreaterThan(400);
    for (const [path, text] of a) expect(text, path).toBe(b.get(path));
  });
});
