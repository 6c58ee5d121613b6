import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { normalizeSeverity } from '../../model/severity.js';
import { isDay, localToday } from '../../model/time.js';
import { displayPath } from '../../read/read-sources.js';
import { newReviewText, reviewFileName, TEMPLATE_FILE } from '../../render/template.js';
import { writeAtomic } from '../../write/atomic-write.js';
import { FORMAT_OPTION, outputFormat, parseCommandArgs } from '../args.js';
import { type CliIO, EXIT, type ExitCode, UsageError } from '../io.js';
import { writeJson } from '../report.js';

export const DEFAULT_REVIEWS_DIR = 'docs/incidents';

export const newCommand = {
  name: 'new',
  summary: 'Start a review from the template, named YYYY-MM-DD-brief-description.md.',
  usage:
    'hindsight new "<title>" [--date YYYY-MM-DD] [--severity P3] [--dir docs/incidents] [--format human|json]',
  async run(io: CliIO, argv: readonly string[]): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs('new', argv, {
      ...FORMAT_OPTION,
      date: { type: 'string' },
      severity: { type: 'string' },
      dir: { type: 'string' },
    });
    const format = outputFormat(values.format);
    const title = positionals.join(' ').trim();
    if (title === '')
      throw new UsageError(
        'Give the review a title.',
        'Example: hindsight new "Checkout database failover stalled"',
      );
    const date = typeof values.date === 'string' ? values.date : localToday();
    if (!isDay(date))
      throw new UsageError(`--date "${date}" is not a date.`, 'Use YYYY-MM-DD, the day the impact began.');
    const severity = typeof values.severity === 'string' ? values.severity : null;
    if (severity !== null && normalizeSeverity(severity) === null) {
      throw new UsageError(
        `--severity "${severity}" is not a severity.`,
        'Use P1 (most severe) … P5, SEV-1 … SEV-5, or critical/high/medium/low.',
      );
    }
    const dir = resolve(io.cwd, typeof values.dir === 'string' ? values.dir : DEFAULT_REVIEWS_DIR);
    const path = join(dir, reviewFileName(date, title));
    const ownTemplate = await readFile(join(dir, TEMPLATE_FILE), 'utf8').catch(() => null);
    const review = { title, date, severity };
    const text = newReviewText(ownTemplate, review);
    await mkdir(dir, { recursive: true });
    const written = await writeAtomic(path, text, null);
    const shown = displayPath(path, io.cwd);
    if (!written.ok) {
      io.stderr.write(
        `hindsight: ${shown} already exists; nothing was written. Choose another title or date.\n`,
      );
      return EXIT.contentErrors;
    }
    if (format === 'json') writeJson(io.stdout, { path: shown, title, date, severity });
    else io.stdout.write(`Created ${shown}\n`);
    return EXIT.ok;
  },
};
