/**
 * Server benchmark (issue 4): `hindsight serve` (compiled, its own process) over the generated reviews, driven
 * from this process. Reports the index build time, throughput and latency under 50 concurrent clients
 * (autocannon) for a review page, /api/reviews and /api/search, the latency one client sees (the targets:
 * search p95 ≤ 10 ms, review page p99 ≤ 50 ms), and the server's peak RSS. Linux only (RSS from /proc).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

interface AutocannonResult {
  readonly requests: { readonly average: number };
  readonly latency: { readonly p50: number; readonly p99: number };
  readonly non2xx: number;
  readonly errors: number;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
type Autocannon = (
  options: Record<string, unknown>,
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const CONNECTIONS = 50;
const LOAD_SECONDS = 10;
const SINGLE_CLIENT_REQUESTS = 400;
const QUERIES = [
  'database',
  'disk full',
  'certificate',
  'dns',
  'rollback',
  'memory',
  'checkout',
  'replica lag',
];

export interface Target {
  readonly name: string;
  /** The paths requested in turn, or the n-th request's path. */
  readonly paths: readonly string[] | ((n: number) => string);
}

export interface TargetResult {
  readonly name: string;
  readonly load: {
    readonly rps: number;
    readonly p50: number;
    /** From every response's time (autocannon's own summary has no p95). */
    readonly p95: number;
    readonly p99: number;
    readonly failed: number;
  };
  readonly single: { readonly p50: number; readonly p95: number; readonly p99: number };
}

export interface ServerBenchResult {
  readonly reviews: number;
  readonly indexMs: number;
  readonly targets: readonly TargetResult[];
  readonly peakRssMb: number;
}

export async function benchServer(bin: string, dir: string): Promise<ServerBenchResult> {
  const indexDir = mkdtempSync(join(tmpdir(), 'hindsight-bench-index-'));
  const child = spawn(
    process.execPath,
    [bin, 'serve', dir, '--port', '0', '--format', 'json', '--index', join(indexDir, 'index.sqlite')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const started = await startupJson(child);
    const { url, reviews, indexed } = JSON.parse(started) as {
      url: string;
      reviews: number;
      indexed: { ms: number };
    };
    const ids = await reviewIds(url);
    const targets: Target[] = [
      { name: 'review page', paths: ids.map((id) => `/reviews/${encodeURIComponent(id)}`) },
      { name: '/api/reviews', paths: ['/api/reviews', '/api/reviews?severity=2', '/api/reviews?offset=500'] },
      { name: '/api/search', paths: QUERIES.map((q) => `/api/search?q=${encodeURIComponent(q)}`) },
      // The same queries, each at a page of results not asked for before: every request misses the server's cache
      // of answers and is ranked by FTS5 again, as a query nobody has made yet is.
      {
        name: '/api/search, not asked before',
        paths: (n) =>
          `/api/search?q=${encodeURIComponent(QUERIES[n % QUERIES.length] ?? '')}&offset=${Math.floor(n / QUERIES.length) + 1}`,
      },
    ];
    const results: TargetResult[] = [];
    for (const target of targets) {
      const { paths } = target;
      const pathOf = typeof paths === 'function' ? paths : (n: number) => paths[n % paths.length] ?? '/';
      const single = await singleClient(url, pathOf);
      // Numbered after the single client's requests, so a path of its own is never asked for twice.
      let sent = SINGLE_CLIENT_REQUESTS;
      const times: number[] = [];
      const load = await new Promise<AutocannonResult>((resolve, reject) => {
        const instance = autocannon(
          {
            url,
            connections: CONNECTIONS,
            duration: LOAD_SECONDS,
            requests:
              typeof paths === 'function'
                ? [
                    {
                      method: 'GET',
                      setupRequest: (request: object) => ({ ...request, path: paths(sent++) }),
                    },
                  ]
                : paths.map((path) => ({ method: 'GET', path })),
          },
          (error, result) => (error ? reject(error) : resolve(result)),
        );
        instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
      });
      results.push({
        name: target.name,
        single,
        load: {
          rps: Math.round(load.requests.average),
          p50: load.latency.p50,
          p95: percentile(times, 0.95),
          p99: load.latency.p99,
          failed: load.non2xx + load.errors,
        },
      });
    }
    return { reviews, indexMs: indexed.ms, targets: results, peakRssMb: peakRssMb(child.pid) };
  } finally {
    // A server that already stopped (it failed to start) emits no second exit: waiting for one left this process
    // with nothing to wait on, and Node ended it with code 13 instead of the server's error.
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    rmSync(indexDir, { recursive: true, force: true });
  }
}

/** The JSON `serve --format json` prints once it listens (pretty-printed: gathered until it parses). */
function startupJson(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) return reject(new Error('no stdout'));
    const lines = createInterface({ input: child.stdout });
    let text = '';
    lines.on('line', (line) => {
      text += `${line}\n`;
      if (line === '}') {
        lines.close();
        resolve(text);
      }
    });
    child.once('exit', (code) => reject(new Error(`hindsight serve exited with ${code}`)));
  });
}

/** 200 reviews spread over the set, so the review page is measured over many pages, not one cached one. */
async function reviewIds(url: string): Promise<string[]> {
  const page = (await (await fetch(new URL('/api/reviews?limit=500', url))).json()) as {
    items: { id: string }[];
  };
  return page.items
    .filter((_, i) => i % 2 === 0)
    .map((r) => r.id)
    .slice(0, 200);
}

/** One request at a time: the latency a person sees when the server is not queueing others. */
async function singleClient(url: string, pathOf: (n: number) => string) {
  const times: number[] = [];
  for (let i = 0; i < SINGLE_CLIENT_REQUESTS; i++) {
    const path = pathOf(i);
    const start = performance.now();
    const response = await fetch(new URL(path, url));
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    times.push(performance.now() - start);
  }
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), p99: percentile(times, 0.99) };
}

function percentile(times: number[], q: number): number {
  times.sort((a, b) => a - b);
  return Number((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(2));
}

function peakRssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export function describeServerBench(result: ServerBenchResult): string {
  const rows = result.targets.map(
    (t) =>
      `| ${t.name} | ${t.load.rps} | ${t.load.p50} | ${t.load.p95} | ${t.load.p99} | ${t.single.p50} | ${t.single.p95} | ${t.single.p99} |${t.load.failed ? ` ${t.load.failed} failed` : ''}`,
  );
  const search = result.targets.find((t) => t.name === '/api/search');
  const page = result.targets.find((t) => t.name === 'review page');
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  return [
    `Server over ${result.reviews} reviews: index built in ${(result.indexMs / 1000).toFixed(1)} s (target ≤ 15 s: ${verdict(result.indexMs <= 15_000)}), peak RSS ${result.peakRssMb} MB (target ≤ 1 GB: ${verdict(result.peakRssMb <= 1024)})`,
    `| target | req/s (50 clients) | p50 ms | p95 ms | p99 ms | 1 client p50 ms | p95 ms | p99 ms |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- |`,
    ...rows,
    `Search p95 (target ≤ 10 ms): one client ${search?.single.p95} ms (${verdict((search?.single.p95 ?? Infinity) <= 10)}), 50 clients ${search?.load.p95} ms (${verdict((search?.load.p95 ?? Infinity) <= 10)}); review page p99 (target ≤ 50 ms): one client ${page?.single.p99} ms, 50 clients ${page?.load.p99} ms (${verdict(Math.max(page?.single.p99 ?? Infinity, page?.load.p99 ?? Infinity) <= 50)})`,
  ].join('\n');
}
