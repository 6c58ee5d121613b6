import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  type FolderChanges,
  type FolderWatcher,
  inside,
  watchFolders,
} from '../../src/read/watch-folders.js';

const temp = mkdtempSync(join(tmpdir(), 'hindsight-watch-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Long enough for the watcher to have reported anything it was going to (its bursts settle in 50 ms). */
const QUIET_MS = 300;
/** How long an event may take to arrive on a loaded machine. */
const WAIT = { timeout: 5000, interval: 20 };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchFolders', () => {
  let watcher: FolderWatcher | null = null;
  afterEach(async () => {
    await watcher?.close();
    watcher = null;
  });

  const folder = (name: string) => {
    const dir = join(temp, name);
    mkdirSync(join(dir, 'nested'), { recursive: true });
    mkdirSync(join(dir, 'site'), { recursive: true });
    return dir;
  };

  it('reports changed files with absolute paths, nested folders included, each once per call', async () => {
    const dir = folder('burst');
    const calls: FolderChanges[] = [];
    watcher = watchFolders([dir], { onChange: (c) => void calls.push(c), log: () => undefined });
    writeFileSync(join(dir, 'a.md'), 'one');
    writeFileSync(join(dir, 'nested', 'b.md'), 'two');
    const reported = () => calls.flatMap((c) => c.files);
    await vi.waitFor(() => expect(new Set(reported()).size).toBe(2), WAIT);
    expect([...new Set(reported())].sort()).toEqual([join(dir, 'a.md'), join(dir, 'nested', 'b.md')]);
    for (const call of calls) expect(new Set(call.files).size).toBe(call.files.length);
  });

  it('leaves out hidden files and what the caller ignores', async () => {
    const dir = folder('hidden');
    const calls: FolderChanges[] = [];
    watcher = watchFolders([dir], {
      onChange: (c) => void calls.push(c),
      log: () => undefined,
      ignore: inside(join(dir, 'site')),
    });
    writeFileSync(join(dir, '.a.md.swp'), 'scratch');
    writeFileSync(join(dir, 'site', 'index.html'), '<p>built</p>');
    await pause(QUIET_MS);
    expect(calls).toEqual([]);
    writeFileSync(join(dir, 'sitemap.md'), 'not inside site/');
    await vi.waitFor(() => expect(calls).toHaveLength(1), WAIT);
    expect(calls[0]?.files).toContain(join(dir, 'sitemap.md'));
  });

  it('handles one burst at a time, logs a failure and goes on watching; close waits for the call under way', async () => {
    const dir = folder('serial');
    const log: string[] = [];
    let running = 0;
    let most = 0;
    let calls = 0;
    let finished = 0;
    watcher = watchFolders([dir], {
      log: (message) => log.push(message),
      onChange: async () => {
        calls++;
        most = Math.max(most, ++running);
        await pause(150);
        running--;
        finished++;
        if (calls === 1) throw new Error('disk full');
      },
    });
    writeFileSync(join(dir, 'a.md'), 'one');
    await vi.waitFor(() => expect(calls).toBe(1), WAIT);
    writeFileSync(join(dir, 'b.md'), 'two');
    await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(2), WAIT);
    expect(most).toBe(1);
    expect(log).toEqual(['handling changes failed: disk full']);
    await watcher.close();
    watcher = null;
    expect(finished).toBe(calls);
  });

  it('watches a single file', async () => {
    const file = join(folder('single'), 'one.md');
    writeFileSync(file, 'one');
    const calls: FolderChanges[] = [];
    watcher = watchFolders([file], { onChange: (c) => void calls.push(c), log: () => undefined });
    writeFileSync(file, 'two');
    await vi.waitFor(() => expect(calls).toHaveLength(1), WAIT);
    expect(calls[0]?.files).toContain(file);
  });
});
