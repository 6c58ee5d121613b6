import { readStamp } from '../../parse/clock.js';
import { reviewRule } from '../rule.js';

/** A date with its day (or month) unknown, as written: `2024-08-??`, `2024-08-xx`, `2024-??-??`. */
const UNCERTAIN_DATE = /\b\d{4}[-/.](?:\d{1,2}|\?\?|xx)[-/.](?:\?\?|xx)(?![\w?])/i;
/** The placeholder itself, to quote it: the forms `readStamp` takes for one. */
const PLACEHOLDER =
  /(?:\[\s*)?(?:\?{2,}|[-–]{1,2}:[-–]{1,2}|\?\?:\?\?|xx:xx|hh:mm|\{\{\s*hh:mm\s*\}\}|tbd|unknown)(?:\s*\])?/i;
/** What comes before an entry's stamp on its line: list marker, table pipe, heading marks, emphasis. */
const LINE_LEAD = /^\s*(?:>\s*)*(?:[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+|\|\s*|#{1,6}\s+)?(?:\*\*|__)?/;

export const timelineUnparsedTime = reviewRule({
  id: 'timeline-unparsed-time',
  scope: 'review',
  description: 'A timeline entry whose date or time cannot be read, or is uncertain (`2024-08-??`).',
  defaultSeverity: 'warning',
  docs: `Hindsight orders the timeline and computes time to detect, mitigate and resolve from the entries' dates and
times. An entry it cannot read is left out of those numbers, and a reader cannot place it either.

Reported:

- a time or date that does not exist: \`13:55 PM\` (12-hour times run 1–12), \`25:10\`, \`2024-02-30\`;
- a date with unknown parts: \`2024-08-??\` (the entries under it have no day);
- a placeholder where the time should be: \`[???]\`, \`--:--\`, \`HH:mm\`.

Write times as \`HH:MM\` (24-hour) or \`H:MM AM/PM\`, and dates as \`YYYY-MM-DD\`. When the exact time is lost, give the
best estimate you can defend (from logs, chat history, deploy records) and say in the entry that it is approximate
("~14:10, from the first error in the logs"), rather than leaving a placeholder.

Entries without any time (a plain bullet in the timeline) are not reported.`,
  examples: {
    ok: [
      {
        markdown: `# Disk full

## Timeline

- 2024-08-10
  - 13:05 Disk space in production is exhausted.
  - 1:15 PM On-call is paged.
- 2024-08-12
  - 15:45 The site outage is noticed by operational staff.
  - Disk space is reclaimed (time not recorded).
`,
      },
    ],
    notOk: [
      {
        markdown: `# Disk full

## Timeline

- 2024-08-10
  - 13:55 PM Disk space in production is exhausted.
`,
      },
      {
        markdown: `# Disk full

## Timeline

- 2024-08-??
  - AppArmor problems observed in production system logs.
- 2024-08-10
  - 13:05 Disk space in production is exhausted.
`,
      },
      {
        markdown: `# Disk full

## Timeline

- 2024-08-10 13:05 Disk space in production is exhausted.
- 2024-08-10 [???] On-call is paged.
`,
      },
    ],
  },
  check({ review, document, parseFindings }, report) {
    const reported = new Set<number>();
    const once = (line: number, column: number, message: string) => {
      if (reported.has(line)) return;
      reported.add(line);
      report({ line, column, message });
    };
    for (const finding of parseFindings) once(finding.line, finding.column, finding.message);

    const year = review.date ? Number(review.date.slice(0, 4)) : null;
    // Entries under an uncertain date line are reported once, at that line.
    const uncertain = new Map<number, { written: string; column: number; entries: number; own: boolean }>();
    let unwritten: { line: number; month: string; entries: number } | null = null;
    for (const event of review.timeline) {
      if (event.date?.length === 7) {
        const where = findUncertainDate(document.lines, event.line, document.frontMatterLines);
        if (where === null) {
          // The month came from the review's own date (`date: 2024-08`): one finding for all such entries.
          unwritten ??= { line: event.line, month: event.date, entries: 0 };
          unwritten.entries++;
          continue;
        }
        const known = uncertain.get(where.line);
        if (known) known.entries++;
        else uncertain.set(where.line, { ...where, entries: 1, own: where.line === event.line });
        continue;
      }
      if (event.time !== null) continue;
      const raw = document.lines[event.line - 1] ?? '';
      const lead = LINE_LEAD.exec(raw)?.[0].length ?? 0;
      const text = raw.slice(lead);
      const stamp = readStamp(text, { year });
      if (!stamp?.placeholder) continue;
      const found = PLACEHOLDER.exec(text);
      const written = found?.[0] ?? text.trim();
      const column = lead + (found?.index ?? 0) + 1;
      once(
        event.line,
        column,
        `"${written}" stands where the time should be: write the time as HH:MM (an estimate from logs or chat is fine, marked "~"), or remove the placeholder.`,
      );
    }
    if (unwritten !== null) {
      const { line, month, entries } = unwritten;
      const which = entries === 1 ? 'This entry has' : `This entry and ${entries - 1} more have`;
      once(
        line,
        1,
        `${which} no day: only the month (${month}) is known. Write the day as YYYY-MM-DD, on the entry or on a date line above it, if logs, chat or deploy records show it.`,
      );
    }
    for (const [line, { written, column, entries, own }] of uncertain) {
      const which = own
        ? 'this entry'
        : entries === 1
          ? 'the entry under it'
          : `the ${entries} entries under it`;
      once(
        line,
        column,
        `The date "${written}" has no day, so ${which} cannot be placed in order or used for durations: write the day as YYYY-MM-DD if logs, chat or deploy records show it.`,
      );
    }
  },
});

/** The line (the entry's own, or the date line above it) where an uncertain date is written. */
function findUncertainDate(
  lines: readonly string[],
  from: number,
  firstLine: number,
): { line: number; written: string; column: number } | null {
  for (let line = from; line > firstLine; line--) {
    const raw = lines[line - 1] ?? '';
    const match = UNCERTAIN_DATE.exec(raw);
    if (match) return { line, written: match[0], column: match.index + 1 };
    // A heading ends the search: the entry's date is not written above it.
    if (/^\s{0,3}#{1,6}\s/.test(raw) && line !== from) return null;
  }
  return null;
}
