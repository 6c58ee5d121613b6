import { resolve } from 'node:path';
import {
  type ImportedReview,
  type ImportReport,
  type ImportRow,
  importSources,
  type Outcome,
} from '../../import/import-sources.js';
import { planImport } from '../../pipeline.js';
import { FORMAT_OPTION, outputFormat, parseCommandArgs } from '../args.js';
import { type CliIO, EXIT, type ExitCode, UsageError, type Writable } from '../io.js';
import { writeDiagnostics, writeJson } from '../report.js';

export const importCommand = {
  name: 'import',
  summary:
    'Turn existing postmortems (markdown, site trees, HTML, Confluence, Google Docs, RST, AsciiDoc, email, PDF) into canonical reviews.',
  usage: 'hindsight import <file|dir>... --out <dir> [--dry-run] [--force] [--format human|json]',
  async run(io: CliIO, argv: readonly string[]): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs('import', argv, {
      ...FORMAT_OPTION,
      out: { type: 'string' },
      'dry-run': { type: 'boolean' },
      force: { type: 'boolean' },
    });
    const format = outputFormat(values.format);
    if (positionals.length === 0)
      throw new UsageError(
        'Name the files or folders to import.',
        'Example: hindsight import old-site/ --out docs/incidents',
      );
    if (typeof values.out !== 'string' || values.out === '')
      throw new UsageError(
        '--out is required: the folder the reviews are written to.',
        'Example: --out docs/incidents',
      );
    const out = resolve(io.cwd, values.out);
    const report = await importSources(positionals, {
      cwd: io.cwd,
      out,
      dryRun: values['dry-run'] === true,
      force: values.force === true,
      plan: (files) => planImport(files, io.cwd, out),
    });
    if (format === 'json') writeJson(io.stdout, report);
    else writeHumanReport(io.stdout, report);
    io.stderr.write(`${totals(report)}\n`);
    for (const path of report.missing) io.stderr.write(`hindsight import: ${path}: no such file or folder\n`);
    if (report.missing.length > 0) return EXIT.usage;
    return hasFailures(report) ? EXIT.contentErrors : EXIT.ok;
  },
};

/** An input failed, or one of its reviews could not be written where it belongs. */
function hasFailures(report: ImportReport): boolean {
  return report.rows.some(
    (row) => row.status === 'failed' || row.reviews.some((review) => review.outcome === 'conflict'),
  );
}

const DRY_RUN_WORDS: Readonly<Record<Outcome, string>> = {
  created: 'would create',
  overwritten: 'would overwrite',
  unchanged: 'unchanged',
  conflict: 'conflict',
  duplicate: 'duplicate',
};

function writeHumanReport(out: Writable, report: ImportReport): void {
  for (const row of report.rows) {
    out.write(`${rowLine(row)}\n`);
    for (const review of row.reviews) {
      const outcome = report.dryRun ? DRY_RUN_WORDS[review.outcome] : review.outcome;
      out.write(`  → ${review.output} ${outcome}${review.note ? ` (${review.note})` : ''}\n`);
      out.write(`    ${recognised(review)}\n`);
    }
  }
  writeDiagnostics(
    out,
    report.rows.flatMap((row) => row.diagnostics),
  );
}

function rowLine(row: ImportRow): string {
  const format = row.format ? ` [${row.format}]` : '';
  if (row.status === 'imported') return `${row.input}${format}`;
  return `${row.input}${format} ${row.status}: ${row.reason ?? ''}`;
}

function recognised(review: ImportedReview): string {
  const parts = [
    review.title === null ? 'no title' : `"${review.title}"`,
    review.date ?? 'no date',
    review.severity === null ? 'no severity' : `severity ${review.severity}`,
    `${review.sections.length} section kinds`,
    `${review.timelineEvents} timeline events`,
    `${review.actionItems} action items`,
  ];
  if (review.unmapped.length > 0) parts.push(`kept as other: ${review.unmapped.join(', ')}`);
  return parts.join(' · ');
}

function totals(report: ImportReport): string {
  const reviews = report.rows.flatMap((row) => row.reviews);
  const count = (outcome: Outcome) => reviews.filter((r) => r.outcome === outcome).length;
  const rows = (status: ImportRow['status']) => report.rows.filter((r) => r.status === status).length;
  const verb = report.dryRun ? 'Would write' : 'Wrote';
  return `${verb} ${count('created') + count('overwritten')} reviews to ${report.out} from ${report.rows.length} files (${count('unchanged')} unchanged, ${count('duplicate')} duplicates, ${count('conflict')} conflicts; ${rows('skipped')} files skipped, ${rows('failed')} failed).`;
}
