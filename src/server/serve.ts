import { type ServerType, serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { LoadedConfig } from '../config/load-config.js';
import type { SyncProgress } from '../index/sync.js';
import { openReviewIndex, type ReviewIndex } from '../index/review-index.js';
import { createApp } from './app.js';
import { watchFolder } from './watch.js';
import type { FolderWatcher } from '../read/watch-folders.js';

export interface StartOptions {
  readonly root: string;
  readonly port: number;
  readonly host: string;
  /** Keep the index here between runs; a temp file otherwise. */
  readonly indexPath?: string;
  readonly token: string | null;
  readonly config?: LoadedConfig;
  readonly onProgress?: (progress: SyncProgress) => void;
  readonly log?: (message: string) => void;
}

export interface RunningServer {
  readonly url: string;
  readonly index: ReviewIndex;
  /** How many files the first sync read, and how long it took. */
  readonly indexed: { readonly files: number; readonly changed: number; readonly ms: number };
  close(): Promise<void>;
}

/** Index the folder, watch it, listen. Everything `hindsight serve` does except printing and waiting. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const index = openReviewIndex({
    root: options.root,
    ...(options.indexPath && { path: options.indexPath }),
    ...(options.config && { selection: { ignore: options.config.config.ignore, root: options.config.root } }),
  });
  if (index.discarded)
    log(`The index at ${index.path} could not be trusted (${index.discarded}); rebuilt it.`);
  const started = performance.now();
  let watcher: ReturnType<typeof watchFolder> | null = null;
  let server: ServerType | null = null;
  try {
    const synced = await index.sync(options.onProgress);
    const ms = Math.round(performance.now() - started);
    watcher = watchFolder(index, log);
    const { app } = createApp({
      index,
      token: options.token,
      log,
      ...(options.config && { config: options.config }),
    });
    const listening = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
      s.once('error', reject);
    });
    server = listening;
    const { port } = listening.address() as AddressInfo;
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    return {
      url: `http://${host}:${port}/`,
      index,
      indexed: { files: synced.files, changed: synced.changed, ms },
      close: () => shutDown(listening, watcher, index),
    };
  } catch (error) {
    await shutDown(server, watcher, index);
    throw error;
  }
}

async function shutDown(
  server: ServerType | null,
  watcher: FolderWatcher | null,
  index: ReviewIndex,
): Promise<void> {
  // A sync under way finishes before the index closes under it.
  await watcher?.close();
  if (server) {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Browsers keep connections open; a shutdown should not wait for them.
    if ('closeAllConnections' in server) server.closeAllConnections();
    await closed;
  }
  index.close();
}

/** Loopback addresses: only this machine can connect, so writes need no token. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
