import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listSources } from '../src/read/read-sources.js';

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

  it('reads a file named on the command line whatever its extension', async () => {
    const { files: found } = await listSources([join(dir, 'a/chart.png')], dir);
    expect(found).toEqual([join(dir, 'a/chart.png')]);
  });
});
