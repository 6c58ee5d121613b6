import type { Diagnostic } from './model/diagnostic.js';
import type { Review } from './model/review.js';
import { canUseWorkers, parseInParallel } from './parallel.js';
import { type ParsedSource, parseSource } from './parse/parse-source.js';
import { listSources, readSource } from './read/read-sources.js';

export interface ParsedInputs {
  readonly sources: readonly ParsedSource[];
  /** Inputs that do not exist. */
  readonly missing: readonly string[];
}

/** Past this many files, parsing is spread over worker threads (below it, starting them costs more than it saves). */
const PARALLEL_THRESHOLD = 2000;

/** The pipeline's first stages: read → parse. Later stages (lint, render, index …) take its result. */
export async function parseInputs(inputs: readonly string[], cwd: string): Promise<ParsedInputs> {
  const { files, missing } = await listSources(inputs, cwd);
  if (files.length >= PARALLEL_THRESHOLD && canUseWorkers())
    return { sources: await parseInParallel(files, cwd), missing };
  const sources: ParsedSource[] = [];
  for (const file of files) sources.push(parseSource(readSource(file, cwd)));
  return { sources, missing };
}

export function reviewsOf(inputs: ParsedInputs): Review[] {
  return inputs.sources.flatMap((s) => s.reviews.map((r) => r.review));
}

export function diagnosticsOf(inputs: ParsedInputs): Diagnostic[] {
  return inputs.sources.flatMap((s) => [...s.diagnostics, ...s.reviews.flatMap((r) => r.diagnostics)]);
}
