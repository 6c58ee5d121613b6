import { EXPORT_COLUMNS, exportRow } from '../../render/export-table.js';
import { toCsv } from '../../render/csv.js';
import { outputFormat, parseCommandArgs } from '../args.js';
import { type CliIO, EXIT, type ExitCode } from '../io.js';
import { writeJson } from '../report.js';
import { READ_OPTIONS, READ_USAGE, readReviewSet } from '../review-set.js';

const FORMATS = ['json', 'csv'] as const;

export const exportCommand = {
  name: 'export',
  summary:
    'Every review as data: JSON (the full model) or CSV (one row per review) — your data, always portable.',
  usage: `hindsight export [<dir>...] [--format json|csv] ${READ_USAGE}`,
  async run(io: CliIO, argv: readonly string[]): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs('export', argv, {
      format: { type: 'string' },
      ...READ_OPTIONS,
    });
    const format = outputFormat(values.format, FORMATS);
    const { parsed, reviews } = await readReviewSet(io.cwd, positionals, values);
    // Index pages, templates and link lists are not reviews: they are not part of the data.
    const kept = reviews.filter((review) => review.isReview);
    if (format === 'csv') io.stdout.write(toCsv(EXPORT_COLUMNS, kept.map(exportRow)));
    else writeJson(io.stdout, kept);
    for (const path of parsed.missing) io.stderr.write(`hindsight export: ${path}: no such file or folder\n`);
    return parsed.missing.length > 0 ? EXIT.usage : EXIT.ok;
  },
};
