import type { Config } from './config/config.js';
import { type LintDiagnostic, lintSource } from './lint/lint-review.js';
import { resolveRules } from './lint/resolve-rules.js';
import { RULES } from './lint/rules/index.js';
import type { Review } from './model/review.js';
import { analyzeSource, type ParsedSource, parseSource } from './parse/parse-source.js';
import { readSource } from './read/read-sources.js';

/** What to do with each file: plain data, so it can be handed to a worker thread. */
export type FileTask =
  | { readonly kind: 'parse' }
  | { readonly kind: 'lint'; readonly config: Config; readonly configPath: string | null };

export interface LintedSource {
  readonly path: string;
  readonly reviews: readonly Review[];
  readonly diagnostics: readonly LintDiagnostic[];
}

export type FileResult<T extends FileTask> = T extends { kind: 'lint' } ? LintedSource : ParsedSource;

/**
 * Runs one task over files in order, on whichever thread calls it. (The casts: the task's kind decides the
 * result type, and TypeScript does not narrow a type parameter by it.)
 */
export function runFileTask<T extends FileTask>(
  task: T,
  files: readonly string[],
  cwd: string,
): FileResult<T>[] {
  if (task.kind === 'parse')
    return files.map((file) => parseSource(readSource(file, cwd))) as unknown as FileResult<T>[];
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
