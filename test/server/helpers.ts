import { join } from 'node:path';
import type { Hono } from 'hono';
import { openReviewIndex, type ReviewIndex } from '../../src/index/review-index.js';
import { createApp, type ServerOptions } from '../../src/server/app.js';
import { type RunningServer, type StartOptions, startServer } from '../../src/server/serve.js';
import { tempReviews, type TempFolder } from './fixtures.js';

export const TODAY = '2025-03-10';

export interface TestServer {
  readonly app: Hono;
  readonly index: ReviewIndex;
  readonly folder: TempFolder;
  readonly logged: string[];
  close(): void;
}

/** The app over a temp reviews folder, with a real SQLite index file beside it; no port, no mocks. */
export async function testServer(
  options: Partial<Omit<ServerOptions, 'index'>> = {},
  files?: Readonly<Record<string, string>>,
): Promise<TestServer> {
  const folder = tempReviews(files);
  const index = openReviewIndex({ root: folder.reviews, path: join(folder.dir, 'index.sqlite') });
  await index.sync();
  const logged: string[] = [];
  const { app } = createApp({ index, today: () => TODAY, log: (m) => logged.push(m), ...options });
  return {
    app,
    index,
    folder,
    logged,
    close() {
      index.close();
      folder.cleanup();
    },
  };
}

export function json(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } };
}

export const CHECKOUT = '2025-03-02-checkout-db-failover';
export const CHECKOUT_FILE = `${CHECKOUT}.md`;

/** A response's JSON, for assertions to look into (each test checks the shape it relies on). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function bodyOf(response: Response): Promise<any> {
  return response.json();
}

/** The real server on a free loopback port over `root`, quiet. */
export function listening(root: string, options: Partial<StartOptions> = {}): Promise<RunningServer> {
  return startServer({ root, port: 0, host: '127.0.0.1', token: null, log: () => undefined, ...options });
}
