import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openParseCache } from '../src/parse-cache.js';
import { parseInputs, reviewsOf } from '../src/pipeline.js';
import { runCli } from './helpers.js';

const review = (title: string) =>
  `---\ntitle: ${title}\ndate: 2025-04-01\n---\n\n# ${title}\n\n## Summary\n\nA queue stalled.\n`;

describe('parse cache (--cache)', () => {
  const dirs: string[] = [];
  const project = () => {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-cache-'));
    dirs.push(dir);
    writeFileSync(join(dir, '2025-04-01-queue-stall.md'), review('Queue stall'));
    writeFileSync(join(dir, '2025-04-02-cache-miss.md'), review('Cache miss storm'));
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const titles = async (dir: string, cacheFile: string) => {
    const parsed = await parseInputs([dir], dir, { cache: openParseCache(cacheFile) });
    return reviewsOf(parsed).map((r) => r.title);
  };

  it('gives the same reviews as a run without it, and serves unchanged files from the cache', async () => {
    const dir = project();
    const cacheFile = join(dir, '.hindsight', 'cache', 'parse.json');
    const plain = reviewsOf(await parseInputs([dir], dir));
    const first = await titles(dir, cacheFile);
    expect(first).toEqual(plain.map((r) => r.title));

    // Proof the second run reads the cache: an entry edited inside the cache file comes back as written.
    const stored = JSON.parse(readFileSync(cacheFile, 'utf8')) as {
      parser: string;
      entries: Record<string, { source: { reviews: { review: { title: string } }[] } }>;
    };
    const key = Object.keys(stored.entries).find((k) => k.includes('queue-stall')) as string;
    const entry = stored.entries[key];
    if (!entry?.source.reviews[0]) throw new Error('cache entry missing');
    entry.source.reviews[0].review.title = 'From the cache';
    writeFileSync(cacheFile, JSON.stringify(stored));
    expect(await titles(dir, cacheFile)).toContain('From the cache');

    // A cache written by another parser is not trusted.
    writeFileSync(cacheFile, JSON.stringify({ ...stored, parser: 'another parser' }));
    expect(await titles(dir, cacheFile)).toEqual(first);
  });

  it('parses a changed file again', async () => {
    const dir = project();
    const cacheFile = join(dir, 'cache.json');
    await titles(dir, cacheFile);
    writeFileSync(join(dir, '2025-04-01-queue-stall.md'), review('Queue stall, revised'));
    expect(await titles(dir, cacheFile)).toEqual(['Queue stall, revised', 'Cache miss storm']);
  });

  it('ignores a broken cache file and replaces it', async () => {
    const dir = project();
    const cacheFile = join(dir, 'cache.json');
    writeFileSync(cacheFile, '{ not json');
    expect(await titles(dir, cacheFile)).toEqual(['Queue stall', 'Cache miss storm']);
    expect(() => JSON.parse(readFileSync(cacheFile, 'utf8'))).not.toThrow();
  });

  it('is used by the CLI with --cache, written under .hindsight/', async () => {
    const dir = project();
    const first = await runCli(['stats', '.', '--cache', '--format', 'json', '--today', '2025-05-01'], dir);
    const second = await runCli(['stats', '.', '--cache', '--format', 'json', '--today', '2025-05-01'], dir);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(() => readFileSync(join(dir, '.hindsight', 'cache', 'parse.json'), 'utf8')).not.toThrow();
  });
});
