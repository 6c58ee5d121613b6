import type { DurationGroup, MissingDetection } from '../../insights/durations.js';
import type { Spread } from '../../insights/percentiles.js';
import { type Stats, statsOf } from '../../insights/stats.js';
import { FORMAT_OPTION, outputFormat, parseCommandArgs, todayOption } from '../args.js';
import { formatMinutes } from '../../render/duration-format.js';
import { type CliIO, EXIT, type ExitCode } from '../io.js';
import { writeJson } from '../report.js';
import { READ_OPTIONS, READ_USAGE, readReviewSet } from '../review-set.js';

/** How many reviews without a detection time the human report names before pointing at `--format json`. */
const MISSING_SHOWN = 20;

export const statsCommand = {
  name: 'stats',
  summary:
    'Durations (time to detect, mitigate, resolve) by quarter, severity and service, and action follow-through.',
  usage: `hindsight stats [<dir>...] [--format human|json] [--today YYYY-MM-DD] ${READ_USAGE}`,
  async run(io: CliIO, argv: readonly string[]): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs('stats', argv, {
      ...FORMAT_OPTION,
      ...READ_OPTIONS,
      today: { type: 'string' },
    });
    const format = outputFormat(values.format);
    const today = todayOption(values.today);
    const { reviews, parsed } = await readReviewSet(io.cwd, positionals, values);
    const { missing } = parsed;
    const stats = statsOf(reviews, today);
    if (format === 'json') writeJson(io.stdout, stats);
    else io.stdout.write(formatStats(stats));
    for (const path of missing) io.stderr.write(`hindsight stats: ${path}: no such file or folder\n`);
    // A report: overdue items or missing times are findings, not failures.
    return missing.length > 0 ? EXIT.usage : EXIT.ok;
  },
};

export function formatStats(stats: Stats): string {
  const { totals, durations, missingDetection, followThrough: follow } = stats;
  const out: string[] = [];
  const skipped = totals.notReviews > 0 ? ` (${plural(totals.notReviews, 'other document')} skipped)` : '';
  out.push(`${plural(totals.reviews, 'review')}${skipped}, as of ${stats.today}`);
  if (totals.reviews === 0) return `${out.join('\n')}\n`;
  out.push(
    `Severity: ${Object.entries(totals.bySeverity)
      .map(([level, n]) => `${level === 'unknown' ? 'unknown' : `SEV${level}`} ${n}`)
      .join(' · ')}`,
  );
  out.push(
    `Status: ${Object.entries(totals.byStatus)
      .map(([status, n]) => `${status} ${n}`)
      .join(' · ')}`,
  );

  out.push('', 'Durations, median / p90 (n: reviews with that time, when not all)');
  out.push(...durationTable([durations.overall, ...durations.byQuarter]));

  if (durations.worstSilentFailures.length > 0) {
    out.push('', 'Longest silent failures (start of impact → detection)');
    const rows = durations.worstSilentFailures.map((r) => [
      formatMinutes(r.silentFailureMinutes ?? 0),
      r.path,
      r.title ?? '(untitled)',
    ]);
    out.push(...table(rows).map((line) => `  ${line}`));
  }

  out.push('');
  if (missingDetection.count === 0) out.push('Every review has a time to detect.');
  else {
    out.push(`Reviews without a time to detect: ${missingDetection.count}`);
    const shown = missingDetection.reviews.slice(0, MISSING_SHOWN);
    out.push(...table(shown.map(missingRow)).map((line) => `  ${line}`));
    if (missingDetection.count > shown.length)
      out.push(`  … and ${missingDetection.count - shown.length} more (--format json lists them all)`);
  }

  out.push('');
  if (follow.total === 0) out.push('No action items.');
  else {
    const percent = Math.round((follow.completionRate ?? 0) * 100);
    out.push(
      `Action items: ${follow.total} — ${follow.done} done, ${follow.open} open, ${follow.overdue} overdue · ${percent}% done`,
    );
    if (follow.repeats > 0) {
      out.push(`Look like a repeat of an earlier review's item: ${follow.repeats}`);
      for (const r of follow.repeatExamples)
        out.push(
          `  ${r.path}:${r.line}  ${r.text}`,
          `      repeats ${r.repeats.reviewId} (${r.repeats.done ? 'done' : 'open'}): ${r.repeats.text}`,
        );
      if (follow.repeats > follow.repeatExamples.length)
        out.push(`  … and ${follow.repeats - follow.repeatExamples.length} more`);
    }
  }
  return `${out.join('\n')}\n`;
}

function durationTable(groups: readonly DurationGroup[]): string[] {
  const header = ['', 'reviews', 'to detect', 'to mitigate', 'to resolve'];
  const rows = groups.map((g) => [
    g.key,
    String(g.count),
    cell(g.toDetectMinutes, g.count),
    cell(g.toMitigateMinutes, g.count),
    cell(g.toResolveMinutes, g.count),
  ]);
  return table([header, ...rows], [false, true]).map((line) => `  ${line}`);
}

function cell(spread: Spread, count: number): string {
  if (spread.median === null || spread.p90 === null) return '–';
  const n = spread.n < count ? ` (n ${spread.n})` : '';
  return `${formatMinutes(spread.median)} / ${formatMinutes(spread.p90)}${n}`;
}

function missingRow(m: MissingDetection): string[] {
  const what = m.missing.length > 0 ? `no ${m.missing.join(', no ')} time` : m.reason;
  return [m.path, m.title ?? '(untitled)', what];
}

/** Columns padded to their widest cell; `right[i]` aligns column i to the right. The last column is not padded. */
function table(rows: readonly (readonly string[])[], right: readonly boolean[] = []): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((row) =>
    row
      .map((c, i) =>
        i === row.length - 1 && !right[i]
          ? c
          : right[i]
            ? c.padStart(widths[i] ?? 0)
            : c.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
