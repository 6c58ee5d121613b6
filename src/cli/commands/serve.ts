import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../config/load-config.js';
import type { SyncProgress } from '../../index/sync.js';
import { FORMAT_OPTION, outputFormat, parseCommandArgs } from '../args.js';
import { type CliIO, EXIT, type ExitCode, UsageError } from '../io.js';
import { writeJson } from '../report.js';
import { processSignals, type ShutdownSignals } from '../signals.js';
import { reviewInputs } from '../review-inputs.js';

const DEFAULT_PORT = 4321;
const DEFAULT_HOST = '127.0.0.1';
/** The examples that ship with Hindsight: what a first `hindsight serve` shows when there is nothing else. */
const BUNDLED_EXAMPLES = fileURLToPath(new URL('../../../examples/incidents', import.meta.url));

export const serveCommand = {
  name: 'serve',
  summary:
    'Serve the reviews as a live site with an API and an editor (SQLite index, updated as files change).',
  usage:
    'hindsight serve [<dir>] [--port 4321] [--host 127.0.0.1] [--index <path>] [--config file] [--format human|json]',
  async run(
    io: CliIO,
    argv: readonly string[],
    signals: ShutdownSignals = processSignals,
  ): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs('serve', argv, {
      ...FORMAT_OPTION,
      port: { type: 'string' },
      host: { type: 'string' },
      index: { type: 'string' },
      config: { type: 'string' },
    });
    const format = outputFormat(values.format);
    if (positionals.length > 1)
      throw new UsageError('Serve one folder at a time.', 'hindsight serve docs/incidents');
    const port = portOf(values.port);
    const host = typeof values.host === 'string' ? values.host : DEFAULT_HOST;
    const loaded = await loadConfig(io.cwd, typeof values.config === 'string' ? values.config : undefined);
    const root = reviewsFolder(positionals, io.cwd, loaded);
    const token = io.env.HINDSIGHT_TOKEN?.trim() || null;
    // The server (Hono, SQLite, the chart library) loads only when serving: other commands start faster without it.
    const { isLoopback, startServer } = await import('../../server/serve.js');
    if (!isLoopback(host) && token === null)
      throw new UsageError(
        `--host ${host} lets other machines connect, so writes need a token.`,
        'Set HINDSIGHT_TOKEN to a long random secret (e.g. `openssl rand -hex 24`) and start again.',
      );
    const progress = format === 'human' ? progressPrinter(io) : undefined;
    const server = await startServer({
      root,
      port,
      host,
      token,
      config: loaded,
      ...(typeof values.index === 'string' && { indexPath: resolve(io.cwd, values.index) }),
      ...(progress && { onProgress: progress.show }),
      log: (message) => io.stderr.write(`${message}\n`),
    }).catch((error: unknown) => {
      throw cannotListen(error, host, port) ?? error;
    });
    progress?.end();
    const reviews = server.index.reviews({ limit: 1, offset: 0 }).total;
    if (format === 'json')
      writeJson(io.stdout, {
        url: server.url,
        root,
        reviews,
        indexed: server.indexed,
        index: server.index.path,
      });
    else
      io.stdout.write(
        `Serving ${reviews} reviews from ${root}\n` +
          `Indexed ${server.indexed.changed} of ${server.indexed.files} files in ${(server.indexed.ms / 1000).toFixed(1)} s (${server.index.path})\n` +
          `${token ? 'Writes need the token (HINDSIGHT_TOKEN).\n' : ''}` +
          `Open ${server.url}  (Ctrl+C to stop)\n`,
      );
    await signals.wait();
    await server.close();
    if (format === 'human') io.stdout.write('Stopped.\n');
    return EXIT.ok;
  },
};

function portOf(value: unknown): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(
      `--port "${String(value)}" is not a port.`,
      'Use a number from 1 to 65535 (0 picks a free one).',
    );
  return port;
}

/** The folder named, else the config's or a usual one, else (in this repository) the bundled examples. */
function reviewsFolder(
  positionals: readonly string[],
  cwd: string,
  loaded: Awaited<ReturnType<typeof loadConfig>>,
): string {
  try {
    const [folder] = reviewInputs(positionals, cwd, loaded);
    const root = resolve(cwd, folder ?? '.');
    if (!existsSync(root)) throw new UsageError(`${folder} does not exist.`, 'Name a folder of reviews.');
    return root;
  } catch (error) {
    if (positionals.length === 0 && error instanceof UsageError && existsSync(BUNDLED_EXAMPLES))
      return BUNDLED_EXAMPLES;
    throw error;
  }
}

/** A progress bar per step when indexing is long enough to wait for (a few thousand files); redrawn on a TTY. */
function progressPrinter(io: CliIO) {
  const LONG = 2000;
  const tty = io.stderr.isTTY === true;
  let drawn = false;
  return {
    show({ phase, done, total }: SyncProgress): void {
      if (total < LONG) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      const bar = `Indexing: ${phase.padEnd(5)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
      io.stderr.write(tty ? `\r${bar}` : `${bar}\n`);
      drawn = true;
    },
    end(): void {
      if (tty && drawn) io.stderr.write('\n');
    },
  };
}

/** The two ways listening fails that the user fixes with another --port or --host, as usage errors. */
function cannotListen(error: unknown, host: string, port: number): UsageError | null {
  const code = (error as { code?: unknown }).code;
  const hint = 'Pick another with --port (0 picks a free one), or stop what is using it.';
  if (code === 'EADDRINUSE') return new UsageError(`port ${port} on ${host} is already in use.`, hint);
  if (code === 'EACCES') return new UsageError(`not allowed to listen on port ${port} on ${host}.`, hint);
  if (code === 'EADDRNOTAVAIL')
    return new UsageError(
      `${host} is not an address of this machine.`,
      'Use --host 127.0.0.1 (the default).',
    );
  return null;
}
