/**
 * The site benchmark (`npm run bench`, skipped with `--no-site`; on its own: `node --import tsx bench/site.ts
 * [--sizes 1000,10000] [--runs 3]`). For each size, on the generated reviews of bench/generate.ts:
 *  - cold: `hindsight build <dir> --out <fresh folder>` end to end (search index included), wall time and peak
 *    RSS of the process (worker threads included). Every cold run, ours and Hugo's, writes into a folder of its own
 *    that no earlier run used, and the bench removes them only once all its runs are done: ext4 makes whoever
 *    creates files right after a big delete pay for it (it skips inodes freed in the last minute), which cost the
 *    run after a delete 3–5 s of kernel time and made the numbers swing with the order of the runs;
 *  - warm: the same build again into the same folder after one edit, of each kind in EDITS (a different review
 *    each run): text that no list shows, an action item ticked (the board and actions.csv change), a title changed
 *    (every page that lists the review changes), a review added;
 *  - watching: the same edits made while `hindsight build --watch` runs on that folder, timed from the write until
 *    the build reports (the watcher's 50 ms of settling included): a process that stays up keeps its cache, the
 *    rows of the pages over all reviews and its warm code in memory;
 *  - Hugo on the same markdown with a minimal layout (one template per page kind), into a fresh folder, wall time
 *    and peak RSS (`/usr/bin/time`), and the ratio of the two cold builds (issue target ≤ 1.0);
 *  - the floor: the issue's bare Node pipeline (bench/bare-pipeline.mjs: front matter, markdown-it, a page written
 *    per review, on as many threads as `hindsight build` uses), into a fresh folder;
 *  - the bytes a cold search downloads in the browser (page, stylesheet, script, manifest, the query words' shards,
 *    the result chunks), for a few queries, worst one reported (target ≤ 300 KiB).
 * Hugo is not installed by the project: `apt-get install -y hugo` (Debian); the bench says so and goes on without
 * it when missing. Results go to bench/out/site-results.json.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { generateReviews } from './generate.js';
import { median, RUSAGE_PRELOAD } from './measure.js';
import { searchWords, shardOf } from '../src/site/search-index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench', 'out');
const HINDSIGHT = join(ROOT, 'bin', 'hindsight.js');
const BARE_PIPELINE = join(ROOT, 'bench', 'bare-pipeline.mjs');
const TODAY = '2026-11-21';
const QUERIES = ['database failover', 'certificate', 'oom killed', 'dns', 'rollback deploy timeout'];
const MAX_RESULTS = 20;

export interface SiteBenchOptions {
  readonly sizes: readonly number[];
  readonly runs: number;
  readonly seed: number;
}

interface Run {
  readonly ms: number;
  readonly rssKb: number;
  /** CPU time of the process, all threads (user + system): what a busy machine cannot inflate much. */
  readonly cpuMs: number;
}

interface SizeResult {
  readonly size: number;
  readonly cold: Run[];
  /** By kind of edit (EDITS). */
  readonly warm: Readonly<Record<string, Run[]>>;
  /** The same edits under `build --watch`: the time from the write until the build reported. */
  readonly watching: Readonly<Record<string, Run[]>>;
  readonly hugo: Run[] | null;
  readonly bare: Run[];
  readonly pages: number;
  readonly searchKiB: { readonly query: string; readonly kib: number }[];
}

/** A Node process, timed, with its peak RSS and CPU time (all threads) read by the preload. */
function measured(args: readonly string[]): Run & { stdout: string } {
  const rssFile = join(OUT, 'site-build.rss');
  rmSync(rssFile, { force: true });
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', RUSAGE_PRELOAD, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
    env: { ...process.env, HINDSIGHT_BENCH_RSS_FILE: rssFile },
  });
  const ms = performance.now() - started;
  if (child.status === null || child.status > 1) throw new Error(`${args.join(' ')} failed: ${child.stderr}`);
  const [rssKb, cpuMs] = readFileSync(rssFile, 'utf8').split(' ').map(Number);
  return { ms, rssKb: rssKb ?? Number.NaN, cpuMs: cpuMs ?? Number.NaN, stdout: child.stdout };
}

function build(dir: string, out: string): Run & { pages: number } {
  const { stdout, ...run } = measured([
    HINDSIGHT,
    'build',
    dir,
    '--out',
    out,
    '--today',
    TODAY,
    '--format',
    'json',
  ]);
  return { ...run, pages: (JSON.parse(stdout) as { pages: number }).pages };
}

function bare(dir: string, out: string): Run {
  const { stdout: _, ...run } = measured([BARE_PIPELINE, dir, out]);
  return run;
}

const HUGO_CONFIG = `baseURL = "https://reviews.example.com/"
title = "Incident reviews"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
`;
const HUGO_LAYOUTS: Readonly<Record<string, string>> = {
  'layouts/_default/baseof.html':
    '<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>\n',
  'layouts/_default/single.html': '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n',
  'layouts/_default/list.html':
    '{{ define "main" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n',
  'layouts/index.html':
    '{{ define "main" }}<ul>{{ range .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n',
};

function hugoAvailable(): boolean {
  return spawnSync('hugo', ['version'], { encoding: 'utf8' }).status === 0;
}

/** A minimal Hugo site over a copy of the same markdown (Hugo reads content from its own folder). */
function hugoSite(dir: string, size: number): string {
  const site = join(OUT, `hugo-site-${size}`);
  if (!existsSync(join(site, 'content', 'reviews'))) {
    rmSync(site, { recursive: true, force: true });
    cpSync(dir, join(site, 'content', 'reviews'), {
      recursive: true,
      filter: (src) => !src.endsWith('.json'),
    });
    writeFileSync(join(site, 'hugo.toml'), HUGO_CONFIG);
    for (const [path, text] of Object.entries(HUGO_LAYOUTS)) {
      mkdirSync(join(site, path, '..'), { recursive: true });
      writeFileSync(join(site, path), text);
    }
  }
  return site;
}

function hugo(site: string, out: string): Run {
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', '%M %U %S', 'hugo', '--quiet', '-s', site, '-d', out], {
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`hugo failed: ${child.stderr}`);
  const [rssKb = Number.NaN, user = Number.NaN, system = Number.NaN] = (
    child.stderr.trim().split('\n').pop() ?? ''
  )
    .split(' ')
    .map(Number);
  return { ms, rssKb, cpuMs: (user + system) * 1000 };
}

/**
 * The edits a warm build is timed after: a review's new text, or null when the edit does not apply to it (no open
 * action item) and the next review is taken.
 */
const EDITS: Readonly<Record<string, (text: string, run: number) => string | null>> = {
  'text edit': (text, run) => `${text}\nEdited for the warm benchmark, run ${run}.\n`,
  'action item ticked': (text) => (text.includes('\n- [ ] ') ? text.replace('\n- [ ] ', '\n- [x] ') : null),
  'title changed': (text, run) =>
    /^title: /m.test(text) ? text.replace(/^title: (.*)$/m, `title: $1 (revised ${run})`) : null,
};
/** The warm build after a review was added (a copy of another under a new name and title). */
const ADDED = 'review added';

function editOneReview(dir: string, kind: string, run: number): void {
  const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
  for (let i = 0; i < files.length; i++) {
    const file = join(dir, files[(run * 7919 + kind.length * 131 + i) % files.length] as string);
    const text = readFileSync(file, 'utf8');
    if (kind === ADDED) {
      const copy = file.replace(/\.md$/, `-follow-up-${run}.md`);
      writeFileSync(copy, text.replace(/^title: (.*)$/m, `title: $1 (follow-up ${run})`));
      return;
    }
    const edited = EDITS[kind]?.(text, run) ?? null;
    if (edited !== null && edited !== text) return writeFileSync(file, edited);
  }
  throw new Error(`no review to make a ${kind} in`);
}

/**
 * Lets the disk write out what the last run left (a cold build writes 340 MB) before the next run is timed: else
 * the next one, whoever it is, waits for that writeback in the kernel (Hugo's and the bare pipeline's CPU time
 * doubled right after our cold builds). A person edits a review long after the last build, too.
 */
function settle(): void {
  spawnSync('sync');
}

/** What the browser downloads for a cold search: as assets/search.js does it, counting bytes. */
function coldSearchBytes(site: string, query: string): number {
  const size = (path: string) => statSync(join(site, path)).size;
  let bytes =
    size('search.html') + size('assets/site.css') + size('assets/search.js') + size('search/index.js');
  const captured: { manifest?: Manifest; shards: Map<number, Record<string, number[]>> } = {
    shards: new Map(),
  };
  const hindsightSearch = {
    manifest: (m: Manifest) => (captured.manifest = m),
    shard: (n: number, terms: Record<string, number[]>) => captured.shards.set(n, terms),
    docs: () => undefined,
  };
  const run = (path: string) => runInNewContext(readFileSync(join(site, path), 'utf8'), { hindsightSearch });
  run('search/index.js');
  const manifest = captured.manifest as Manifest;
  const terms = [...new Set(searchWords(query))].filter((t) => !manifest.common.includes(t));
  const scores = new Map<number, number>();
  for (const shard of new Set(terms.map((t) => shardOf(t, manifest.shards)))) {
    bytes += size(`search/t/${shard}.js`);
    run(`search/t/${shard}.js`);
  }
  for (const term of terms) {
    const postings = captured.shards.get(shardOf(term, manifest.shards))?.[term] ?? [];
    for (let i = 0, doc = 0; i < postings.length; i += 2) {
      doc += postings[i] as number;
      scores.set(doc, (scores.get(doc) ?? 0) + (postings[i + 1] as number));
    }
  }
  const top = [...scores].sort((a, b) => b[1] - a[1]).slice(0, MAX_RESULTS);
  for (const chunk of new Set(top.map(([doc]) => Math.floor(doc / manifest.chunk))))
    bytes += size(`search/d/${chunk}.js`);
  return bytes;
}

interface Manifest {
  readonly shards: number;
  readonly chunk: number;
  readonly common: readonly string[];
}

/**
 * `hindsight build --watch` on the folder (its first build a warm one), then each kind of edit `runs` times: the
 * time from the write until the build's line of JSON arrives. CPU time is the build's own (`durationMs`, one
 * thread: nothing else runs); peak RSS is the process's at the end.
 */
async function watching(source: string, out: string, runs: number): Promise<Record<string, Run[]>> {
  const rssFile = join(OUT, 'site-watch.rss');
  rmSync(rssFile, { force: true });
  const args = [HINDSIGHT, 'build', source, '--out', out, '--today', TODAY, '--watch', '--format', 'json'];
  const child = spawn(process.execPath, ['--import', RUSAGE_PRELOAD, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, HINDSIGHT_BENCH_RSS_FILE: rssFile },
  });
  const reports = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const report = async () => {
    const { value, done } = await reports.next();
    if (done) throw new Error('build --watch stopped');
    return JSON.parse(value as string) as { durationMs: number };
  };
  await report();
  const timed: Record<string, { ms: number; cpuMs: number }[]> = {};
  for (const kind of [...Object.keys(EDITS), ADDED])
    for (let run = 0; run < runs; run++) {
      settle();
      const started = performance.now();
      editOneReview(source, kind, runs + run);
      const { durationMs } = await report();
      (timed[kind] ??= []).push({ ms: performance.now() - started, cpuMs: durationMs });
    }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
  const rssKb = Number(readFileSync(rssFile, 'utf8').split(' ')[0]);
  return Object.fromEntries(
    Object.entries(timed).map(([kind, list]) => [kind, list.map((run) => ({ ...run, rssKb }))]),
  );
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (kb: number) => (Number.isNaN(kb) ? 'n/a' : `${Math.round(kb / 1024)} MB`);

export async function runSiteBench(options: SiteBenchOptions): Promise<SizeResult[]> {
  const withHugo = hugoAvailable();
  if (!withHugo)
    console.warn('hugo not found: install it with `apt-get install -y hugo` to compare; going on without it');
  console.log(
    `\nSite build (hindsight build${withHugo ? ' vs Hugo' : ''}), load average ${loadavg()[0]?.toFixed(2)}`,
  );
  const results: SizeResult[] = [];
  // Output folders of earlier runs go at the end, with this run's (see the top of this file).
  const outputs = readdirSync(OUT)
    .filter((name) => /^(?:site-cold|hugo-out|bare-out)-/.test(name))
    .map((name) => join(OUT, name));
  const freshFolder = (name: string) => {
    let n = 0;
    while (existsSync(join(OUT, `${name}-${n}`))) n++;
    outputs.push(join(OUT, `${name}-${n}`));
    return join(OUT, `${name}-${n}`);
  };
  for (const size of options.sizes) {
    const dir = join(OUT, `reviews-${size}`);
    generateReviews(size, options.seed, dir);
    const cold: Run[] = [];
    let pages = 0;
    let site = '';
    for (let run = 0; run < options.runs; run++) {
      site = freshFolder(`site-cold-${size}`);
      settle();
      const result = build(dir, site);
      cold.push(result);
      pages = result.pages;
    }
    const searchKiB = QUERIES.map((query) => ({ query, kib: coldSearchBytes(site, query) / 1024 }));
    // Before the warm builds below delete the last bench's folders (see the top of this file).
    const hugoRuns = withHugo
      ? Array.from({ length: options.runs }, () => {
          settle();
          return hugo(hugoSite(dir, size), freshFolder(`hugo-out-${size}`));
        })
      : null;
    const bareRuns = Array.from({ length: options.runs }, () => {
      settle();
      return bare(dir, freshFolder(`bare-out-${size}`));
    });
    // Warm builds edit a copy of the reviews, so the generated folder stays as the manifest describes it.
    const source = join(OUT, `site-src-${size}`);
    const warmOut = join(OUT, `site-warm-${size}`);
    rmSync(source, { recursive: true, force: true });
    rmSync(warmOut, { recursive: true, force: true });
    cpSync(dir, source, { recursive: true });
    build(source, warmOut);
    const warm: Record<string, Run[]> = {};
    for (const kind of [...Object.keys(EDITS), ADDED])
      for (let run = 0; run < options.runs; run++) {
        editOneReview(source, kind, run);
        settle();
        (warm[kind] ??= []).push(build(source, warmOut));
      }
    const watched = await watching(source, warmOut, options.runs);
    results.push({ size, cold, warm, watching: watched, hugo: hugoRuns, bare: bareRuns, pages, searchKiB });
    const ratio = hugoRuns ? median(cold.map((r) => r.ms)) / median(hugoRuns.map((r) => r.ms)) : null;
    console.log(
      `  ${size}: cold ${cold.map((r) => `${seconds(r.ms)} (CPU ${seconds(r.cpuMs)})`).join(', ')}` +
        Object.entries(warm)
          .map(([kind, runs]) => ` · warm, ${kind}: ${runs.map((r) => seconds(r.ms)).join(', ')}`)
          .join('') +
        Object.entries(watched)
          .map(([kind, runs]) => ` · watching, ${kind}: ${runs.map((r) => seconds(r.ms)).join(', ')}`)
          .join('') +
        (hugoRuns
          ? ` · Hugo ${hugoRuns.map((r) => seconds(r.ms)).join(', ')} · ratio ${ratio?.toFixed(2)}`
          : '') +
        ` · bare pipeline ${bareRuns.map((r) => seconds(r.ms)).join(', ')}`,
    );
  }
  for (const folder of outputs) rmSync(folder, { recursive: true, force: true });
  console.log(`\n${siteTable(results)}\n`);
  writeFileSync(
    join(OUT, 'site-results.json'),
    `${JSON.stringify({ date: new Date().toISOString(), cpus: `${availableParallelism()} × ${cpus()[0]?.model}`, load: loadavg(), options, results }, null, 2)}\n`,
  );
  console.log(`Wrote ${relative(ROOT, join(OUT, 'site-results.json'))}`);
  return results;
}

function siteTable(results: readonly SizeResult[]): string {
  const rows = [
    ['Reviews', 'Step', 'Time (median)', 'Best', 'CPU (median)', 'Peak RSS', 'Site pages', 'Notes'],
  ];
  for (const r of results) {
    const coldMs = median(r.cold.map((x) => x.ms));
    const hugoMs = r.hugo ? median(r.hugo.map((x) => x.ms)) : null;
    const coldCpu = median(r.cold.map((x) => x.cpuMs));
    const hugoCpu = r.hugo ? median(r.hugo.map((x) => x.cpuMs)) : null;
    const bareMs = median(r.bare.map((x) => x.ms));
    const worst = r.searchKiB.reduce((a, b) => (b.kib > a.kib ? b : a));
    const row = (step: string, runs: readonly Run[], notes: string, pages = '') => [
      r.size.toLocaleString('en-US'),
      step,
      seconds(median(runs.map((x) => x.ms))),
      seconds(Math.min(...runs.map((x) => x.ms))),
      seconds(median(runs.map((x) => x.cpuMs))),
      mb(Math.max(...runs.map((x) => x.rssKb))),
      pages,
      notes,
    ];
    rows.push(
      row(
        'hindsight build, cold',
        r.cold,
        `${hugoMs === null || hugoCpu === null ? 'no Hugo' : `ratio to Hugo ${(coldMs / hugoMs).toFixed(2)} (CPU ${(coldCpu / hugoCpu).toFixed(2)})`}; ${(coldMs / bareMs).toFixed(1)}× the bare pipeline; cold search ≤ ${worst.kib.toFixed(0)} KiB ("${worst.query}")`,
        String(r.pages),
      ),
    );
    const met = (runs: readonly Run[]) => (median(runs.map((x) => x.ms)) < 500 ? 'met (< 0.5 s)' : '');
    for (const [kind, runs] of Object.entries(r.warm))
      rows.push(row(`hindsight build, warm: ${kind}`, runs, met(runs)));
    for (const [kind, runs] of Object.entries(r.watching))
      rows.push(
        row(`build --watch: ${kind}`, runs, `${met(runs)}; CPU = the build's own time`.replace(/^; /, '')),
      );
    if (r.hugo) rows.push(row('Hugo, minimal layout', r.hugo, ''));
    rows.push(
      row(
        'bare Node pipeline',
        r.bare,
        hugoMs === null
          ? 'floor'
          : `floor; ${(bareMs / hugoMs).toFixed(2)}× Hugo (the issue measured 0.54–0.69×)`,
      ),
    );
  }
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(rows[0] ?? []),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i === -1 ? undefined : args[i + 1];
  };
  await runSiteBench({
    sizes: (value('--sizes') ?? '1000,10000').split(',').map(Number),
    runs: Number(value('--runs') ?? 3),
    seed: Number(value('--seed') ?? 20261121),
  });
}
