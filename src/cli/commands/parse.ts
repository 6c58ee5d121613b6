import type { Review } from '../../model/review.js';
import { diagnosticsOf } from '../../pipeline.js';
import { FORMAT_OPTION, outputFormat, parseCommandArgs } from '../args.js';
import { formatMinutes } from '../../render/duration-format.js';
import { type CliIO, EXIT, type ExitCode } from '../io.js';
import { hasErrors, writeDiagnostics, writeJson } from '../report.js';
import { READ_OPTIONS, READ_USAGE, readReviewSet } from '../review-set.js';

export const parseCommand = {
  name: 'parse',
  summary: 'Read reviews into the Hindsight model and show what was understood.',
  usage: `hindsight parse [<file|dir>...] [--format human|json] ${READ_USAGE}`,
  async run(io: CliIO, argv: readonly string[]): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs('parse', argv, { ...FORMAT_OPTION, ...READ_OPTIONS });
    const format = outputFormat(values.format);
    const started = performance.now();
    const { parsed: inputs, reviews } = await readReviewSet(io.cwd, positionals, values);
    const diagnostics = diagnosticsOf(inputs);
    if (format === 'json') {
      writeJson(io.stdout, reviews);
      writeDiagnostics(io.stderr, diagnostics);
    } else {
      for (const review of reviews) io.stdout.write(describe(review));
      writeDiagnostics(io.stdout, diagnostics);
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const notReviews = reviews.filter((r) => !r.isReview).length;
      io.stderr.write(
        `Parsed ${inputs.sources.length} files: ${reviews.length} documents (${notReviews} not reviews), ${diagnostics.length} diagnostics in ${seconds} s.\n`,
      );
    }
    for (const path of inputs.missing) io.stderr.write(`hindsight: ${path}: no such file or folder\n`);
    if (inputs.missing.length > 0) return EXIT.usage;
    return hasErrors(diagnostics) ? EXIT.contentErrors : EXIT.ok;
  },
};

function describe(review: Review): string {
  const head = [
    review.title ?? '(untitled)',
    review.date ?? 'no date',
    review.severity ? review.severity.raw : 'no severity',
    review.status,
    review.isReview ? null : 'not a review',
  ].filter((p) => p !== null);
  const open = review.actionItems.filter((a) => !a.done).length;
  const facts = [
    `${review.sections.length} sections`,
    `${review.timeline.length} timeline events`,
    `${review.actionItems.length} action items (${open} open)`,
    ...durationFacts(review),
  ];
  return `${review.source.path}\n  ${head.join(' · ')}\n  ${facts.join(' · ')}\n`;
}

function durationFacts(review: Review): string[] {
  const { toDetectMinutes, toMitigateMinutes, toResolveMinutes } = review.durations;
  return [
    toDetectMinutes !== undefined ? `detected after ${formatMinutes(toDetectMinutes)}` : null,
    toMitigateMinutes !== undefined ? `mitigated after ${formatMinutes(toMitigateMinutes)}` : null,
    toResolveMinutes !== undefined ? `resolved after ${formatMinutes(toResolveMinutes)}` : null,
  ].filter((f): f is string => f !== null);
}
