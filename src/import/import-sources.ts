import { mkdir, readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { CONVERTIBLE_EXTENSIONS, displayPath, listSources } from '../read/read-sources.js';
import { writeAtomic } from '../write/atomic-write.js';
import { type PlannedReview, type PlannedRow, planFiles } from './plan-import.js';

/** What a folder walk picks up for import: every format there is a converter for, and the site's own files. */
export const IMPORT_EXTENSIONS: ReadonlySet<string> = new Set([
  ...CONVERTIBLE_EXTENSIONS,
  '.yml',
  '.yaml',
  '.toml',
]);

export interface ImportOptions {
  readonly cwd: string;
  /** The folder reviews are written to, absolute. */
  readonly out: string;
  readonly dryRun: boolean;
  /** Overwrite an existing output file that differs. */
  readonly force: boolean;
  /** Plans the files, in order (the CLI spreads them over worker threads); by default one after another here. */
  readonly plan?: (files: readonly string[]) => Promise<PlannedRow[]>;
}

/**
 * What happened to one review's file: written new, rewritten (`--force`), already there as is, refused because a
 * different file is there (or another input of this import writes it), or the same review already came from
 * another input.
 */
export type Outcome = 'created' | 'overwritten' | 'unchanged' | 'conflict' | 'duplicate';

/** What was recognised in one review, where it went and what happened there. */
export interface ImportedReview extends Omit<PlannedReview, 'target' | 'text'> {
  readonly output: string;
  readonly outcome: Outcome;
  readonly note: string | null;
}

/** One input: what it is, what it held and what became of each review, or why it was skipped or failed. */
export interface ImportRow extends Omit<PlannedRow, 'absolute' | 'reviews'> {
  readonly reviews: readonly ImportedReview[];
}

export interface ImportReport {
  readonly out: string;
  readonly dryRun: boolean;
  readonly rows: readonly ImportRow[];
  /** Inputs that do not exist. */
  readonly missing: readonly string[];
}

/**
 * The import stage: find the sources (folders walked, the output folder left out), plan each file, then write the
 * canonical reviews. Sources are only ever read. Files are written one by one, atomically, and never over a
 * different file unless forced; a run with the same sources and output gives the same files.
 */
export async function importSources(
  inputs: readonly string[],
  options: ImportOptions,
): Promise<ImportReport> {
  const { cwd, out } = options;
  const listed = await listSources(inputs, cwd, IMPORT_EXTENSIONS);
  // A walk does not go back over what import wrote; a file named on the command line is read wherever it is.
  const named = new Set(inputs.map((input) => resolve(cwd, input)));
  const files = listed.files.filter((file) => named.has(file) || !file.startsWith(`${out}${sep}`));
  const inputSet = new Set(files);
  const written = new Map<string, { input: string; text: string }>();
  if (!options.dryRun) await mkdir(out, { recursive: true });
  const rows: ImportRow[] = [];
  const plans = await (options.plan ?? ((all) => planFiles(all, cwd, out)))(files);
  for (const planned of plans) {
    const reviews: ImportedReview[] = [];
    for (const review of planned.reviews) {
      const decided = await settle(review, planned.input, { written, inputSet, options });
      reviews.push(summary(review, displayPath(review.target, cwd), decided));
    }
    const { absolute: _absolute, ...row } = planned;
    rows.push({ ...row, reviews });
  }
  return { out: displayPath(out, cwd), dryRun: options.dryRun, rows, missing: listed.missing };
}

interface Decision {
  readonly outcome: Outcome;
  readonly note: string | null;
}

async function settle(
  review: PlannedReview,
  input: string,
  batch: {
    written: Map<string, { input: string; text: string }>;
    inputSet: ReadonlySet<string>;
    options: ImportOptions;
  },
): Promise<Decision> {
  const { target, text } = review;
  const earlier = batch.written.get(target);
  if (earlier) {
    return earlier.text === text
      ? { outcome: 'duplicate', note: `the same review as ${earlier.input}` }
      : {
          outcome: 'conflict',
          note: `${earlier.input} in this import is written to the same file; give one of them its own title or date`,
        };
  }
  batch.written.set(target, { input, text });
  const existing = await readFile(target, 'utf8').catch(() => null);
  if (existing === text) return { outcome: 'unchanged', note: null };
  if (batch.inputSet.has(target)) {
    return { outcome: 'conflict', note: 'that file is one of the sources, which import never changes' };
  }
  if (existing !== null && !batch.options.force) {
    return { outcome: 'conflict', note: 'a different file is there; --force overwrites it' };
  }
  const outcome = existing === null ? 'created' : 'overwritten';
  if (batch.options.dryRun) return { outcome, note: null };
  const result = await writeAtomic(target, text, existing);
  return result.ok
    ? { outcome, note: null }
    : { outcome: 'conflict', note: 'the file changed while importing' };
}

function summary(review: PlannedReview, output: string, decided: Decision): ImportedReview {
  const { target: _target, text: _text, ...recognised } = review;
  return { ...recognised, output, ...decided };
}
