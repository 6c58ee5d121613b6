import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import type { RunningServer } from '../../src/server/serve.js';
import { runCli } from '../helpers.js';
import { REVIEWS, tempReviews, type TempFolder } from './fixtures.js';
import { CHECKOUT, CHECKOUT_FILE, listening } from './helpers.js';

let folder: TempFolder;
let server: RunningServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  folder.cleanup();
});

/** Asks until the answer satisfies `done`; fails (with the last answer) if it never does within a generous wait. */
async function eventually<T>(ask: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  let last = await ask();
  while (!done(last) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await ask();
  }
  expect(done(last)).toBe(true);
  return last;
}

describe('serving a folder', () => {
  it('shows a change made on disk through the API without a restart, and forgets deleted files', async () => {
    folder = tempReviews();
    server = await listening(folder.reviews);
    const url = server.url;
    const get = async (path: string) =>
      (await fetch(new URL(path, url))).json() as Promise<{ status?: string; total?: number }>;
    const listed = (total: number) =>
      eventually(
        () => get('/api/reviews'),
        (r) => r.total === total,
      );
    expect((await get(`/api/reviews/${CHECKOUT}`)).status).toBe('draft');
    const file = join(folder.reviews, CHECKOUT_FILE);
    writeFileSync(file, readFileSync(file, 'utf8').replace('status: draft', 'status: published'));
    await eventually(
      () => get(`/api/reviews/${CHECKOUT}`),
      (r) => r.status === 'published',
    );
    writeFileSync(
      join(folder.reviews, '2025-07-07-new-on-disk.md'),
      '---\ntitle: New on disk\ndate: 2025-07-07\n---\n\n# New on disk\n\n## Summary\n\nAppeared.\n',
    );
    await listed(3);
    // Any format the index reads, as `build` does.
    writeFileSync(
      join(folder.reviews, '2025-07-08-exported.html'),
      '<html><body><h1>Exported from the wiki</h1><h2>Summary</h2><p>Converted.</p></body></html>\n',
    );
    await listed(4);
    // A site being built into the folder is output: its pages are never indexed, though they are review formats.
    mkdirSync(join(folder.reviews, 'published/.hindsight'), { recursive: true });
    writeFileSync(join(folder.reviews, 'published/.hindsight/site'), '');
    const review = (name: string) =>
      writeFileSync(
        join(folder.reviews, `${name}.md`),
        `---\ntitle: ${name}\ndate: 2025-07-10\n---\n\n# ${name}\n\n## Summary\n\nWritten.\n`,
      );
    review('2025-07-10-before-the-page');
    await listed(5);
    writeFileSync(
      join(folder.reviews, 'published/2025-07-09-page.html'),
      '<html><body><h1>A built page</h1><h2>Summary</h2><p>Output.</p></body></html>\n',
    );
    review('2025-07-10-after-the-page');
    await listed(6);
    expect((await fetch(new URL('/api/reviews/2025-07-09-page', url))).status).toBe(404);
    rmSync(file);
    await listed(5);
  });

  it("leaves out the files the config's ignore globs name, as the other commands do", async () => {
    folder = tempReviews({
      ...REVIEWS,
      'drafts/2025-04-01-half-written.md': '# Half written\n\n## Summary\n\nNot done yet.\n',
    });
    const total = async (options: Parameters<typeof listening>[1] = {}) => {
      server = await listening(folder.reviews, options);
      const page = (await (await fetch(new URL('/api/reviews', server.url))).json()) as { total: number };
      await server.close();
      server = null;
      return page.total;
    };
    const config = { ...DEFAULT_CONFIG, ignore: ['drafts/**'] };
    expect(await total({ config: { config, path: null, root: folder.reviews } })).toBe((await total()) - 1);
  });

  it('keeps the index between runs with --index and re-reads only what changed', async () => {
    folder = tempReviews();
    const indexPath = join(folder.dir, 'kept', 'index.sqlite');
    server = await listening(folder.reviews, { indexPath });
    expect(server.indexed).toMatchObject({ files: Object.keys(REVIEWS).length, changed: 3 });
    await server.close();
    writeFileSync(join(folder.reviews, CHECKOUT_FILE), '# Rewritten\n');
    server = await listening(folder.reviews, { indexPath });
    expect(server.indexed).toMatchObject({ files: 3, changed: 1 });
  });

  it('refuses to listen beyond loopback without a token', async () => {
    folder = tempReviews();
    const run = await runCli(['serve', folder.reviews, '--host', '0.0.0.0', '--port', '0'], folder.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('HINDSIGHT_TOKEN');
  });

  it('says the port is taken, as a usage error, when something already listens on it', async () => {
    folder = tempReviews();
    server = await listening(folder.reviews);
    const port = new URL(server.url).port;
    const run = await runCli(['serve', folder.reviews, '--port', port], folder.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(run.stderr).not.toContain('internal error');
  });
});
