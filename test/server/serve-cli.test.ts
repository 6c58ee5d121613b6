import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers.js';
import { tempReviews, type TempFolder } from './fixtures.js';

let folder: TempFolder;
afterEach(() => folder.cleanup());

describe('hindsight serve', () => {
  it('prints where it listens, serves, and stops cleanly on SIGTERM', async () => {
    folder = tempReviews();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(REPO_ROOT, 'test/server/serve-entry.ts'),
        'serve',
        folder.reviews,
        '--port',
        '0',
        '--format',
        'json',
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let stdout = '';
    const started = await new Promise<{ url: string; reviews: number; index: string }>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        stdout += `${line}\n`;
        if (line === '}') resolve(JSON.parse(stdout));
      });
      void exited.then((code) => reject(new Error(`exited early with ${code}`)));
    });
    expect(started.reviews).toBe(2);
    const response = await fetch(new URL('/api/reviews?limit=1', started.url));
    expect((await response.json()) as unknown).toMatchObject({ total: 2 });
    expect(existsSync(started.index)).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The temp index (no --index) goes with the server.
    expect(existsSync(dirname(started.index))).toBe(false);
  });
});
