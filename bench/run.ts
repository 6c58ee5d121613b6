/**
 * `npm run bench [-- --sizes 1000,10000 --runs 3 --seed 20261121 --no-cli --no-single --no-lint
 *   --markdownlint-runs 1 --no-insights --no-import --import-pages 10000 --no-site --no-server --profile --build]`
 *
 * Generates realistic reviews (bench/generate.ts, deterministic), then for each size measures, each in a
 * fresh process so peak RSS belongs to that run alone:
 *  - parse: `parseInputs` from the compiled pipeline (worker threads from 2,000 files), timed in-process;
 *  - parse, 1 thread: the same files parsed on the main thread, to show what the workers buy;
 *  - CLI: `node bin/hindsight.js parse <dir> --format json > /dev/null`, end to end;
 *  - lint: `node bin/hindsight.js lint <dir> --format json`, and markdownlint-cli2 over the same files, with the
 *    ratio of the two (issue target: ≤ 0.2);
 *  - insights (bench/insights-once.ts): statsOf over the parsed reviews (target ≤ 2 s), building the similarity
 *    index, and 100 similar queries after it (target ≤ 100 ms);
 *  - import (bench/import.ts): `hindsight import` over the shared corpus and over generated HTML pages, files/s;
 *  - server (bench/server.ts, skip with --no-server): `hindsight serve` in its own process, loaded from this one
 *    with autocannon (50 clients): index build, req/s and latency for a review page, /api/reviews, /api/search.
 * Peak RSS is `process.resourceUsage().maxRSS` of the child (workers included); for the CLI it is read by a
 * tiny `--import` preload, so no external tool is needed. Targets (issue): 10,000 reviews parsed in < 5 s,
 * RSS < 1 GB. Results also go to bench/out/results.json. Never run in CI.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summariseProfile } from './cpu-profile.js';
import { generateReviews } from './generate.js';
import { benchImport, type ImportMeasurement } from './import.js';
import { benchServer, describeServerBench, type ServerBenchResult } from './server.js';
import type { InsightsOnceResult } from './insights-once.js';
import type { CheckResult, ParseOnceResult } from './parse-once.js';
import { median, RSS_PRELOAD } from './measure.js';
import { runSiteBench } from './site.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench', 'out');
const TARGET_MS = 5000;
const TARGET_RSS_MB = 1024;
const TARGET_SIZE = 10_000;

interface Options {
  sizes: number[];
  runs: number;
  seed: number;
  cli: boolean;
  single: boolean;
  profile: boolean;
  build: boolean;
  lint: boolean;
  markdownlintRuns: number;
  insights: boolean;
  import: boolean;
  importPages: number;
  server: boolean;
  site: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    sizes: [1000, 10_000],
    runs: 3,
    seed: 20261121,
    cli: true,
    single: true,
    profile: false,
    build: false,
    lint: true,
    markdownlintRuns: 1,
    insights: true,
    import: true,
    importPages: 10_000,
    server: true,
    site: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--sizes') options.sizes = value().split(',').map(positiveInteger);
    else if (arg === '--runs') options.runs = positiveInteger(value());
    else if (arg === '--seed') options.seed = positiveInteger(value());
    else if (arg === '--no-cli') options.cli = false;
    else if (arg === '--no-single') options.single = false;
    else if (arg === '--profile') options.profile = true;
    else if (arg === '--build') options.build = true;
    else if (arg === '--no-lint') options.lint = false;
    else if (arg === '--no-insights') options.insights = false;
    else if (arg === '--no-import') options.import = false;
    else if (arg === '--import-pages') options.importPages = positiveInteger(value());
    else if (arg === '--no-server') options.server = false;
    else if (arg === '--no-site') options.site = false;
    else if (arg === '--markdownlint-runs') options.markdownlintRuns = positiveInteger(value());
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

function positiveInteger(text: string): number {
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`not a positive integer: ${text}`);
  return n;
}

// ---------------------------------------------------------------------------------------------------------

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The benchmark measures dist/, what the CLI runs: build it when missing or older than src/. */
function ensureBuild(force: boolean): void {
  const marker = join(ROOT, 'dist', 'pipeline.js');
  const missing = !existsSync(marker);
  const stale = !missing && newestMtime(join(ROOT, 'src')) > statSync(marker).mtimeMs;
  if (!force && !missing && !stale) return;
  console.log(`Building dist/ (${missing ? 'missing' : stale ? 'older than src/' : 'asked'}) …`);
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status === 0) return;
  if (!existsSync(marker)) throw new Error('npm run build failed and there is no dist/ to measure');
  console.warn('warning: npm run build failed; measuring the dist/ that is there, which may be stale');
}

function machine(): Record<string, string> {
  const cpu = cpus()[0]?.model ?? 'unknown';
  return {
    cpus: `${availableParallelism()} × ${cpu}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

// ---------------------------------------------------------------------------------------------------------

interface Measurement {
  readonly step: string;
  readonly size: number;
  /** Parse time in the process (parse steps) or the whole process (CLI), per run. */
  readonly ms: number[];
  readonly wallMs: number[];
  readonly rssKb: number[];
  readonly exitCodes: number[];
  readonly check: CheckResult | null;
}

function parseOnce(dir: string, extra: readonly string[], nodeFlags: readonly string[] = []) {
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', join(ROOT, 'bench', 'parse-once.ts'), dir, ...extra],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const wallMs = performance.now() - started;
  if (child.status !== 0)
    throw new Error(`parse-once ${dir} ${extra.join(' ')} failed (exit ${child.status})`);
  return { result: JSON.parse(child.stdout) as ParseOnceResult, wallMs };
}

function measureParse(dir: string, size: number, runs: number, threads: 'auto' | '1'): Measurement {
  const m: Measurement = {
    step: threads === 'auto' ? 'parse' : 'parse, 1 thread',
    size,
    ms: [],
    wallMs: [],
    rssKb: [],
    exitCodes: [],
    check: null,
  };
  let check: CheckResult | null = null;
  for (let run = 0; run < runs; run++) {
    const flags = ['--from', 'dist', '--threads', threads, ...(run === 0 ? [] : ['--no-check'])];
    const { result, wallMs } = parseOnce(dir, flags);
    if (result.files !== size) throw new Error(`expected ${size} files in ${dir}, parse saw ${result.files}`);
    m.ms.push(result.ms);
    m.wallMs.push(wallMs);
    m.rssKb.push(result.maxRssKb);
    m.exitCodes.push(0);
    if (run === 0) check = result.check;
  }
  return { ...m, check };
}

/** One command as a user runs it, end to end: wall time, exit code and peak RSS per run. */
function measureCommand(step: string, args: readonly string[], size: number, runs: number): Measurement {
  const m: Measurement = { step, size, ms: [], wallMs: [], rssKb: [], exitCodes: [], check: null };
  const slug = step.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  const rssFile = join(OUT, `${slug}-${size}.rss`);
  const errPath = join(OUT, `${slug}-${size}.stderr.log`);
  for (let run = 0; run < runs; run++) {
    const devNull = openSync('/dev/null', 'w');
    const err = openSync(errPath, 'w');
    rmSync(rssFile, { force: true });
    const started = performance.now();
    const child = spawnSync(process.execPath, ['--import', RSS_PRELOAD, ...args], {
      cwd: ROOT,
      stdio: ['ignore', devNull, err],
      env: { ...process.env, HINDSIGHT_BENCH_RSS_FILE: rssFile },
    });
    const wallMs = performance.now() - started;
    closeSync(devNull);
    closeSync(err);
    // 0 = clean, 1 = problems found in the reviews: both mean the command ran to the end.
    if (child.status === null || child.status > 1)
      throw new Error(`${step} failed (exit ${child.status}); see ${relative(ROOT, errPath)}`);
    m.ms.push(wallMs);
    m.wallMs.push(wallMs);
    m.rssKb.push(existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : Number.NaN);
    m.exitCodes.push(child.status);
  }
  return m;
}

/** Insights over parsed reviews, in a child process: statsOf, the similarity index, and 100 queries. */
function measureInsights(dir: string): InsightsOnceResult {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench', 'insights-once.ts'), dir],
    {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (child.status !== 0) throw new Error(`insights-once ${dir} failed (exit ${child.status})`);
  return JSON.parse(child.stdout) as InsightsOnceResult;
}

const HINDSIGHT = join(ROOT, 'bin', 'hindsight.js');
const MARKDOWNLINT = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');

// ---------------------------------------------------------------------------------------------------------

function fmtSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function fmtMb(kb: number): string {
  return Number.isNaN(kb) ? 'n/a' : `${Math.round(kb / 1024)} MB`;
}

interface Row {
  readonly size: string;
  readonly step: string;
  readonly time: string;
  readonly best: string;
  readonly wall: string;
  readonly rate: string;
  readonly rss: string;
  readonly targets: string;
}

function toRow(m: Measurement): Row {
  const ms = median(m.ms);
  const rssKb = Math.max(...m.rssKb);
  const timeOk = ms < TARGET_MS;
  const rssOk = rssKb / 1024 < TARGET_RSS_MB;
  const targets = [
    m.size === TARGET_SIZE && m.step === 'parse' ? `time ${timeOk ? 'met' : 'MISSED'}` : null,
    `RSS ${Number.isNaN(rssKb) ? 'unknown' : rssOk ? 'met' : 'MISSED'}`,
  ].filter((t) => t !== null);
  return {
    size: m.size.toLocaleString('en-US'),
    step: m.step,
    time: fmtSeconds(ms),
    best: fmtSeconds(Math.min(...m.ms)),
    wall: fmtSeconds(median(m.wallMs)),
    rate: `${Math.round(m.size / (ms / 1000)).toLocaleString('en-US')}`,
    rss: fmtMb(rssKb),
    targets: targets.join(', '),
  };
}

const COLUMNS: readonly (readonly [keyof Row, string])[] = [
  ['size', 'Reviews'],
  ['step', 'Step'],
  ['time', 'Time (median)'],
  ['best', 'Best'],
  ['wall', 'Process wall'],
  ['rate', 'Reviews/s'],
  ['rss', 'Peak RSS'],
  ['targets', 'Targets (10k < 5 s, RSS < 1 GB)'],
];

function table(rows: readonly Row[]): string {
  const widths = COLUMNS.map(([key, title]) => Math.max(title.length, ...rows.map((r) => r[key].length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(COLUMNS.map(([, title]) => title)),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map((r) => line(COLUMNS.map(([key]) => r[key]))),
  ].join('\n');
}

function describeCheck(size: number, check: CheckResult | null): string[] {
  if (!check) return [`${size}: no manifest, parse output not checked`];
  const bad = Object.entries(check.mismatches).filter(([, n]) => n > 0);
  if (bad.length === 0) return [`${size}: all ${check.compared} reviews match the generator's manifest`];
  const lines = [`${size}: ${check.compared} reviews compared with the manifest; disagreements:`];
  for (const [field, n] of bad) {
    lines.push(`  ${field}: ${n}`);
    for (const ex of check.examples[field] ?? [])
      lines.push(
        `    ${ex.file} (${ex.style}): expected ${JSON.stringify(ex.expected)}, got ${JSON.stringify(ex.actual)}`,
      );
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  ensureBuild(options.build);
  const info = machine();
  console.log(`Machine: ${Object.values(info).join(' · ')}`);
  const [load] = loadavg();
  if (load !== undefined && load > 0.5)
    console.warn(
      `warning: load average is ${load.toFixed(2)}; other work on this machine will skew the timings`,
    );
  console.log(
    `Sizes ${options.sizes.join(', ')} · seed ${options.seed} · ${options.runs} run(s) each, median shown\n`,
  );

  const measurements: Measurement[] = [];
  const lintRatios: { size: number; ratio: number }[] = [];
  const insights: { size: number; result: InsightsOnceResult }[] = [];
  const servers: ServerBenchResult[] = [];
  for (const size of options.sizes) {
    const dir = join(OUT, `reviews-${size}`);
    const generated = generateReviews(size, options.seed, dir);
    console.log(
      `${size}: ${generated.generated ? 'generated' : 'kept'} ${relative(ROOT, dir)} in ${Math.round(generated.ms)} ms`,
    );
    const parse = measureParse(dir, size, options.runs, 'auto');
    measurements.push(parse);
    console.log(`  parse            ${parse.ms.map(fmtSeconds).join(', ')}`);
    if (options.single) {
      const single = measureParse(dir, size, options.runs, '1');
      measurements.push(single);
      console.log(`  parse, 1 thread  ${single.ms.map(fmtSeconds).join(', ')}`);
    }
    if (options.cli) {
      const cli = measureCommand(
        'CLI parse --format json',
        [HINDSIGHT, 'parse', dir, '--format', 'json'],
        size,
        options.runs,
      );
      measurements.push(cli);
      console.log(`  CLI              ${cli.ms.map(fmtSeconds).join(', ')}`);
    }
    if (options.lint) {
      const lint = measureCommand(
        'CLI lint --format json',
        [HINDSIGHT, 'lint', dir, '--format', 'json'],
        size,
        options.runs,
      );
      const markdownlint = measureCommand(
        'markdownlint-cli2',
        [MARKDOWNLINT, `${relative(ROOT, dir)}/**/*.md`],
        size,
        options.markdownlintRuns,
      );
      measurements.push(lint, markdownlint);
      const ratio = median(lint.ms) / median(markdownlint.ms);
      lintRatios.push({ size, ratio });
      console.log(`  lint             ${lint.ms.map(fmtSeconds).join(', ')}`);
      console.log(
        `  markdownlint     ${markdownlint.ms.map(fmtSeconds).join(', ')} (ratio ${ratio.toFixed(3)})`,
      );
    }
    if (options.insights) {
      // `stats` end to end with a warm parse cache: the first run (not measured) fills it.
      const cacheFile = join(OUT, `parse-cache-${size}.json`);
      rmSync(cacheFile, { force: true });
      const stats = [HINDSIGHT, 'stats', dir, '--cache-location', cacheFile, '--format', 'json'];
      measureCommand('CLI stats, cache cold', stats, size, 1);
      const warm = measureCommand('CLI stats --cache, warm', stats, size, options.runs);
      measurements.push(warm);
      console.log(`  stats, warm      ${warm.ms.map(fmtSeconds).join(', ')}`);
      const result = measureInsights(dir);
      insights.push({ size, result });
      console.log(
        `  insights         stats ${fmtSeconds(result.statsMs)} · index ${fmtSeconds(result.indexMs)} · ` +
          `similar median ${result.queryMs.median.toFixed(1)} ms, p95 ${result.queryMs.p95.toFixed(1)} ms`,
      );
    }
    if (options.server) {
      const result = await benchServer(HINDSIGHT, dir);
      servers.push(result);
      console.log(`  server           index ${fmtSeconds(result.indexMs)} · peak RSS ${result.peakRssMb} MB`);
    }
  }

  const imports: ImportMeasurement[] = options.import
    ? (console.log('import'),
      benchImport({
        root: ROOT,
        out: OUT,
        corpus: join(ROOT, '..', 'shared', 'corpus'),
        htmlPages: options.importPages,
        seed: options.seed,
        runs: options.runs,
      }))
    : [];

  const rows = measurements.map(toRow);
  console.log(`\n${table(rows)}\n`);
  for (const { size, ratio } of lintRatios) {
    const verdict = ratio <= 0.2 ? 'met' : 'MISSED';
    console.log(`Lint vs markdownlint-cli2 at ${size}: ratio ${ratio.toFixed(3)} (target ≤ 0.2: ${verdict})`);
  }
  for (const { size, result } of insights) {
    const statsVerdict = result.statsMs <= 2000 ? 'met' : 'MISSED';
    const similarVerdict = result.queryMs.p95 <= 100 ? 'met' : 'MISSED';
    console.log(
      `Insights at ${size}: statsOf ${fmtSeconds(result.statsMs)} (target ≤ 2 s: ${statsVerdict}); index built in ` +
        `${fmtSeconds(result.indexMs)}; similar p95 ${result.queryMs.p95.toFixed(1)} ms, max ` +
        `${result.queryMs.max.toFixed(1)} ms (target ≤ 100 ms: ${similarVerdict}); peak RSS ${fmtMb(result.maxRssKb)}`,
    );
  }
  for (const { step, files, ms } of imports) {
    const best = Math.min(...ms);
    console.log(
      `${step}: ${files} files in ${fmtSeconds(median(ms))} median (best ${fmtSeconds(best)}): ` +
        `${Math.round(files / (median(ms) / 1000))} files/s`,
    );
  }
  for (const result of servers) console.log(describeServerBench(result));
  console.log('Parser output vs generator manifest:');
  for (const m of measurements.filter((x) => x.step === 'parse'))
    console.log(describeCheck(m.size, m.check).join('\n'));

  // The site build (bench/site.ts): cold and warm builds, Hugo for comparison, cold search bytes.
  const site = options.site ? await runSiteBench(options) : null;

  let profile: string[] | null = null;
  if (options.profile) {
    const size = Math.max(...options.sizes);
    const profileDir = join(OUT, 'profiles');
    rmSync(profileDir, { recursive: true, force: true });
    console.log(`\nProfiling ${size} reviews on one thread (node --cpu-prof) …`);
    parseOnce(
      join(OUT, `reviews-${size}`),
      ['--from', 'dist', '--threads', '1', '--no-check'],
      ['--cpu-prof', '--cpu-prof-dir', profileDir],
    );
    // The main thread's profile is the largest; tsx's module-hooks thread writes a small one too.
    const file = readdirSync(profileDir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => join(profileDir, f))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0];
    if (!file) throw new Error('no .cpuprofile written');
    profile = summariseProfile(file, ROOT);
    console.log(profile.join('\n'));
  }

  const results = {
    date: new Date().toISOString(),
    machine: info,
    options,
    rows,
    lintRatios,
    insights,
    imports,
    servers,
    site,
    measurements,
    profile,
  };
  writeFileSync(join(OUT, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${relative(ROOT, join(OUT, 'results.json'))}`);
}

await main();
