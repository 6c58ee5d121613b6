import { existsSync, readdirSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { displayPath, SITE_MARKER } from '../../read/read-sources.js';
import { loadConfig } from '../../config/load-config.js';
import { type BuildMemory, type BuildResult, buildSite } from '../../site/build-site.js';
import { CACHE_FILE, FORMER_CACHE_FILE } from '../../site/site-cache.js';
import { FORMAT_OPTION, outputFormat, parseCommandArgs, todayOption } from '../args.js';
import { type CliIO, EXIT, type ExitCode, UsageError, type Writable } from '../io.js';
import { writeJson } from '../report.js';
import { reviewInputs } from '../review-inputs.js';
import { processSignals, type ShutdownSignals } from '../signals.js';

const DEFAULT_OUT = 'site';

export const buildCommand = {
  name: 'build',
  summary: 'A static site of every review: pages, lists, action items, insights, search, feed and data.',
  usage:
    'hindsight build [<dir>...] [--out dir] [--base-url url] [--edit-url url-with-{path}] [--title text] [--today YYYY-MM-DD] [--full] [--watch] [--quiet] [--format human|json] [--config file]',
  async run(
    io: CliIO,
    argv: readonly string[],
    signals: ShutdownSignals = processSignals,
  ): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs('build', argv, {
      ...FORMAT_OPTION,
      out: { type: 'string', short: 'o' },
      'base-url': { type: 'string' },
      'edit-url': { type: 'string' },
      title: { type: 'string' },
      today: { type: 'string' },
      full: { type: 'boolean' },
      watch: { type: 'boolean', short: 'w' },
      quiet: { type: 'boolean', short: 'q' },
      config: { type: 'string' },
    });
    const format = outputFormat(values.format);
    const loaded = await loadConfig(io.cwd, values.config);
    const inputs = reviewInputs(positionals, io.cwd, loaded);
    // Checked before anything is written: a typo in a path must not publish an empty site over a good one.
    const missing = inputs.filter((input) => !existsSync(resolve(io.cwd, input)));
    if (missing.length > 0)
      throw new UsageError(
        `no such file or folder: ${missing.join(', ')}; nothing was built.`,
        'Name the folder that holds the reviews, e.g. `hindsight build docs/incidents --out site`.',
      );
    const outDir = resolve(io.cwd, values.out ?? DEFAULT_OUT);
    checkOutDir(
      outDir,
      inputs.map((i) => resolve(io.cwd, i)),
    );
    const baseUrl = values['base-url'] ?? null;
    if (baseUrl !== null && !/^https?:\/\//i.test(baseUrl))
      throw new UsageError(
        `--base-url "${baseUrl}" is not an absolute http(s) URL.`,
        'Example: --base-url https://reviews.example.com/',
      );
    const showProgress = format === 'human' && !values.quiet && io.stderr.isTTY === true;
    const quiet = values.quiet === true;
    // A build that stays up keeps its cache in memory: the next one need not read it back.
    const memory: BuildMemory = { kept: null };
    const buildOnce = async (full: boolean) => {
      const result = await buildSite({
        inputs,
        cwd: io.cwd,
        outDir,
        baseUrl,
        editUrl: values['edit-url'] ?? null,
        // Read again for each build: one that runs past midnight ages the action items by a day.
        today: todayOption(values.today),
        ...(values.title !== undefined && { siteTitle: values.title }),
        ...(loaded.config.ignore && { ignore: loaded.config.ignore }),
        ...(loaded.config.themes && { themes: loaded.config.themes }),
        root: loaded.root,
        ...(full && { full: true }),
        ...(showProgress && { onProgress: progressBar(io.stderr) }),
        memory,
      });
      if (showProgress) io.stderr.write('\r\u001b[2K');
      return result;
    };
    const out = displayPath(outDir, io.cwd);
    if (!values.watch) {
      const result = await buildOnce(values.full === true);
      if (format === 'json') writeJson(io.stdout, { out, ...result });
      else report(io, result, quiet);
      return result.needsAttention.length > 0 || result.brokenLinks.length > 0 ? EXIT.contentErrors : EXIT.ok;
    }
    // Watching, each build is one line of JSON (JSON Lines), so a reader can take them as they come.
    const show = (result: BuildResult) => {
      if (format === 'json') io.stdout.write(`${JSON.stringify({ out, ...result })}\n`);
      else report(io, result, quiet);
    };
    const { watchFolders, inside } = await import('../../read/watch-folders.js');
    // Watching starts before the first build, so an edit made while it runs is built next.
    let first: Promise<void> = Promise.resolve();
    const watcher = watchFolders(
      inputs.map((input) => resolve(io.cwd, input)),
      {
        ignore: inside(outDir),
        log: (message) => io.stderr.write(`hindsight build: ${message}\n`),
        onChange: async () => {
          await first;
          try {
            show(await buildOnce(false));
          } catch (error) {
            // A build that fails (the output folder removed meanwhile, a full disk) is reported; the next edit retries.
            io.stderr.write(`hindsight build: the build failed: ${(error as Error).message}\n`);
          }
        },
      },
    );
    try {
      first = buildOnce(values.full === true).then(show);
      await first;
    } catch (error) {
      await watcher.close();
      throw error;
    }
    if (format === 'human') io.stdout.write(`Watching ${inputs.join(', ')} for changes (Ctrl+C to stop)\n`);
    await signals.wait();
    await watcher.close();
    if (format === 'human') io.stdout.write('Stopped.\n');
    return EXIT.ok;
  },
};

/**
 * The output folder must be Hindsight's own: empty, new, or holding a site it built (its cache file). Anything
 * else might be someone's files, and a build overwrites what it generates.
 */
function checkOutDir(outDir: string, inputs: readonly string[]): void {
  for (const input of inputs)
    if (input === outDir || input.startsWith(`${outDir}${sep}`))
      throw new UsageError(
        `--out ${outDir} holds the reviews being built.`,
        'Choose another output folder, such as ./site.',
      );
  const ours = [CACHE_FILE, FORMER_CACHE_FILE, SITE_MARKER].some((file) => existsSync(join(outDir, file)));
  if (!existsSync(outDir) || readdirSync(outDir).length === 0 || ours) return;
  throw new UsageError(
    `${outDir} is not empty and was not built by Hindsight.`,
    'Choose a new or empty folder, or one an earlier `hindsight build` wrote.',
  );
}

function report(io: CliIO, result: BuildResult, quiet: boolean): void {
  for (const r of result.needsAttention)
    io.stderr.write(
      `hindsight build: ${r.path}: needs attention (${r.errors} error${r.errors === 1 ? '' : 's'}; see attention.html)\n`,
    );
  for (const link of result.brokenLinks)
    io.stderr.write(`hindsight build: ${link.path}: broken link to ${link.target}\n`);
  if (quiet) return;
  const seconds = (result.durationMs / 1000).toFixed(result.durationMs < 10_000 ? 2 : 1);
  const how = result.incremental
    ? ` (incremental: ${result.rendered} of ${result.reviews} reviews rendered)`
    : '';
  io.stdout.write(`Built ${result.pages} page${result.pages === 1 ? '' : 's'} in ${seconds} s${how}\n`);
}

function progressBar(out: Writable): (phase: string, done: number, total: number) => void {
  const width = 30;
  return (phase, done, total) => {
    const filled = total === 0 ? width : Math.round((done / total) * width);
    out.write(`\r${phase.padEnd(6)} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
  };
}
