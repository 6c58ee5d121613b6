import type { Config } from './config/config.js';
import { type LintDiagnostic, lintSource } from './lint/lint-review.js';
import { resolveRules } from './lint/resolve-rules.js';
import { RULES } from './lint/rules/index.js';
import type { Review } from './model/review.js';
import { analyzeSource, type ParsedSource, parseSource } from './parse/parse-source.js';
import { onSourceLines, readAnyFormat } from './parse/formats/convert.js';
import { readSource } from './read/read-sources.js';
import type { PlannedRow } from './import/plan-import.js';

/** What to do with each file: plain data, so it can be handed to a worker thread. */
export type FileTask =
  | { readonly kind: 'parse' }
  | { readonly kind: 'lint'; readonly config: Config; readonly configPath: string | null }
  | { readonly kind: 'plan-import'; readonly out: string };

export interface LintedSource {
  readonly path: string;
  readonly reviews: readonly Review[];
  readonly diagnostics: readonly LintDiagnostic[];
}

export type FileResult<T extends FileTask> = T extends { kind: 'lint' }
  ? LintedSource
  : T extends { kind: 'plan-import' }
    ? PlannedRow
    : ParsedSource;

/**
 * Runs one task over files in order, on whichever thread calls it. Parsing reads every format import reads (HTML,
 * reStructuredText, AsciiDoc, email, PDF …); linting reads files as they are, since its lines and fixes point into
 * them. (The casts: the task's kind decides the result type, and TypeScript does not narrow a type parameter by it.)
 */
export async function runFileTask<T extends FileTask>(
  task: T,
  files: readonly string[],
  cwd: string,
): Promise<FileResult<T>[]> {
  if (task.kind === 'parse') {
    const parsed: ParsedSource[] = [];
    for (const file of files) parsed.push((await parseFile(file, cwd)).source);
    return parsed as unknown as FileResult<T>[];
  }
  if (task.kind === 'plan-import') {
    // Loaded here, not with the module: the other tasks of every command need none of import's converters.
    const { planFiles } = await import('./import/plan-import.js');
    return (await planFiles(files, cwd, task.out)) as unknown as FileResult<T>[];
  }
  const rules = resolveRules(task.config, RULES, task.configPath);
  return files.map((file) => {
    const source = analyzeSource(readSource(file, cwd));
    return {
      path: source.path,
      reviews: source.reviews.map((r) => r.review),
      diagnostics: lintSource(source, file, rules),
    };
  }) as unknown as FileResult<T>[];
}

/**
 * Reads and parses one file in whichever format it is (converted first when it is not markdown or text), with the
 * diagnostics on the source's own lines, and the bytes read (null when it could not be read).
 */
export async function parseFile(
  file: string,
  cwd: string,
): Promise<{ source: ParsedSource; bytes: Buffer | null }> {
  const { source, format, sourceLine, bytes } = await readAnyFormat(file, cwd);
  const result = parseSource(source, format);
  const reviews = result.reviews.map((r) => ({
    ...r,
    diagnostics: onSourceLines(r.diagnostics, sourceLine),
  }));
  return { source: { ...result, reviews }, bytes };
}
