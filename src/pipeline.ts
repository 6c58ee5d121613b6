import type { Config } from './config/config.js';
import type { PlannedRow } from './import/plan-import.js';
import { type FileResult, type FileTask, type LintedSource, runFileTask } from './file-tasks.js';
import { type LintDiagnostic, lintProject } from './lint/lint-review.js';
import { resolveRules } from './lint/resolve-rules.js';
import { RULES } from './lint/rules/index.js';
import type { Diagnostic } from './model/diagnostic.js';
import type { Review } from './model/review.js';
import { canUseWorkers, runInParallel } from './parallel.js';
import type { ParsedSource } from './parse/parse-source.js';
import { CONVERTIBLE_EXTENSIONS, displayPath, REVIEW_EXTENSIONS } from './read/read-sources.js';
import { type FileSelection, selectFiles } from './read/select-files.js';
import { contentHash, type ParseCache } from './parse-cache.js';
import { readFileSync } from 'node:fs';

/**
 * The composer: the pipeline's stages in order. read → parse (→ lint). Each file goes through its stages on one
 * thread; past a task's threshold the work is spread over worker threads. Below it, starting workers (each loads
 * and warms up its own copy of the code) costs more than they save; linting does more per file, so pays off sooner.
 */
/** Past this many files a task runs on worker threads (planning an import converts HTML, PDF …: costlier). */
const PARALLEL_THRESHOLD: Readonly<Record<FileTask['kind'], number>> = {
  parse: 2000,
  lint: 500,
  'plan-import': 200,
};

export interface ParsedInputs {
  readonly sources: readonly ParsedSource[];
  /** Inputs that do not exist. */
  readonly missing: readonly string[];
}

export interface LintedInputs {
  readonly sources: readonly LintedSource[];
  readonly diagnostics: readonly LintDiagnostic[];
  readonly missing: readonly string[];
}

export interface Selection extends FileSelection {
  /** Parse results kept between runs: unchanged files are not parsed again. */
  readonly cache?: ParseCache;
}

export async function parseInputs(
  inputs: readonly string[],
  cwd: string,
  selection: Selection = {},
): Promise<ParsedInputs> {
  const { cache } = selection;
  if (!cache) {
    const { results, missing } = await runOverFiles({ kind: 'parse' }, inputs, cwd, selection);
    return { sources: results, missing };
  }
  const { files, missing } = await selectFiles(inputs, cwd, selection, WALKED.parse);
  const entries = files.map((file) => {
    const key = `${file}\u0000${displayPath(file, cwd)}`;
    const hash = hashOf(file);
    return { file, key, hash, source: hash === null ? undefined : cache.get(key, hash) };
  });
  const misses = entries.filter((entry) => entry.source === undefined);
  const parsed = await runTask(
    { kind: 'parse' },
    misses.map((m) => m.file),
    cwd,
  );
  misses.forEach((miss, i) => {
    miss.source = parsed[i];
    if (miss.source && miss.hash !== null) cache.set(miss.key, miss.hash, miss.source);
  });
  const sources = entries.flatMap((entry) => (entry.source ? [entry.source] : []));
  await cache.save();
  return { sources, missing };
}

function hashOf(file: string): string | null {
  try {
    return contentHash(readFileSync(file));
  } catch {
    return null;
  }
}

/** read → parse → lint, then the rules that look across reviews. */
export async function lintInputs(
  inputs: readonly string[],
  cwd: string,
  config: Config,
  configPath: string | null,
  root: string = cwd,
): Promise<LintedInputs> {
  const rules = resolveRules(config, RULES, configPath);
  const task: FileTask = { kind: 'lint', config, configPath };
  const { results, missing } = await runOverFiles(task, inputs, cwd, { ignore: config.ignore, root });
  const entries = results.flatMap((s) => s.reviews.map((review) => ({ review, file: s.path })));
  const diagnostics = [...results.flatMap((s) => s.diagnostics), ...lintProject(entries, rules)];
  return { sources: results, diagnostics, missing };
}

/** What importing each file would write (src/import), planned on worker threads when there are many. */
export function planImport(files: readonly string[], cwd: string, out: string): Promise<PlannedRow[]> {
  return runTask({ kind: 'plan-import', out }, files, cwd);
}

async function runOverFiles<T extends ReadingTask>(
  task: T,
  inputs: readonly string[],
  cwd: string,
  selection: Selection,
): Promise<{ results: FileResult<T>[]; missing: readonly string[] }> {
  const { files, missing } = await selectFiles(inputs, cwd, selection, WALKED[task.kind]);
  return { results: await runTask(task, files, cwd), missing };
}

/** The tasks that read reviews from the inputs (import walks its own way: src/import). */
type ReadingTask = Exclude<FileTask, { kind: 'plan-import' }>;

/** Folders are walked for every format parsing converts; linting reads the markdown and text formats only. */
const WALKED: Readonly<Record<ReadingTask['kind'], ReadonlySet<string>>> = {
  parse: CONVERTIBLE_EXTENSIONS,
  lint: REVIEW_EXTENSIONS,
};

async function runTask<T extends FileTask>(
  task: T,
  files: readonly string[],
  cwd: string,
): Promise<FileResult<T>[]> {
  return files.length >= PARALLEL_THRESHOLD[task.kind] && canUseWorkers()
    ? runInParallel(task, files, cwd)
    : runFileTask(task, files, cwd);
}

export function reviewsOf(inputs: ParsedInputs): Review[] {
  return inputs.sources.flatMap((s) => s.reviews.map((r) => r.review));
}

export function diagnosticsOf(inputs: ParsedInputs): Diagnostic[] {
  return inputs.sources.flatMap((s) => [...s.diagnostics, ...s.reviews.flatMap((r) => r.diagnostics)]);
}
