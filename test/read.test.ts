import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CONVERTIBLE_EXTENSIONS,
  insideBuiltSite,
  listSources,
  SITE_CACHE_FILES,
  SITE_MARKER,
} from '../src/read/read-sources.js';

describe('listSources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-read-'));
  const files = [
    'b/2025-01-02-dns.md',
    'a/2024-03-01-disk.rst',
    'a/notes.txt',
    'a/chart.png',
    'node_modules/pkg/README.md',
    '.git/info.md',
    'c/incident-log.html.md.erb',
  ];
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), '# x\n');
  }
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('walks folders in a stable order, taking the formats parse reads and skipping tool folders', async () => {
    const { files: found, missing } = await listSources([dir, join(dir, 'nowhere')], dir);
    expect(found.map((f) => relative(dir, f))).toEqual([
      'a/2024-03-01-disk.rst',
      'a/notes.txt',
      'b/2025-01-02-dns.md',
      'c/incident-log.html.md.erb',
    ]);
    expect(missing).toEqual([join(dir, 'nowhere')]);
  });

  it('leaves out a site that `hindsight build` wrote, whatever its folder is called', async () => {
    const reviews = join(dir, 'built');
    mkdirSync(join(reviews, 'published/reviews'), { recursive: true });
    writeFileSync(join(reviews, '2025-01-02-dns.md'), '# DNS\n');
    writeFileSync(join(reviews, 'published/reviews/2025-01-02-dns.html'), '<h1>DNS</h1>\n');
    const walked = async () =>
      (await listSources([reviews], dir, CONVERTIBLE_EXTENSIONS)).files.map((f) => relative(reviews, f));
    expect(await walked()).toEqual(['2025-01-02-dns.md', 'published/reviews/2025-01-02-dns.html']);
    mkdirSync(join(reviews, 'published/.hindsight'));
    writeFileSync(join(reviews, 'published', SITE_CACHE_FILES.current), '{}\n');
    expect(await walked()).toEqual(['2025-01-02-dns.md']);
    // A site still being built is marked from its start, before it has a cache.
    rmSync(join(reviews, 'published', SITE_CACHE_FILES.current));
    writeFileSync(join(reviews, 'published', SITE_MARKER), '');
    expect(await walked()).toEqual(['2025-01-02-dns.md']);
    expect(insideBuiltSite(join(reviews, 'published/reviews/2025-01-02-dns.html'), reviews)).toBe(true);
    expect(insideBuiltSite(join(reviews, '2025-01-02-dns.md'), reviews)).toBe(false);
  });

  it('reads a file named on the command line whatever its extension', async () => {
    const { files: found } = await listSources([join(dir, 'a/chart.png')], dir);
    expect(found).toEqual([join(dir, 'a/chart.png')]);
  });
});
