import type { Review } from '../../model/review.js';
import { type IncidentTimes, type LocalDateTime } from '../../model/time.js';
import type { AnalyzedReview } from '../../parse/parse-review.js';
import { reviewRule } from '../rule.js';

/** Moments that cannot come before the ones listed earlier: impact ends after it starts, the incident closes after. */
const ORDER = ['started', 'mitigated', 'resolved'] as const satisfies readonly (keyof IncidentTimes)[];

const LABELS: Readonly<Record<(typeof ORDER)[number], string>> = {
  started: 'impact started',
  mitigated: 'impact ended (mitigated)',
  resolved: 'resolved',
};

export const incidentTimesOrder = reviewRule({
  id: 'incident-times-order',
  scope: 'review',
  description:
    'An incident moment before one that must come first: impact ending before it started, resolution before either.',
  defaultSeverity: 'warning',
  docs: `Durations are measured between the incident's moments, and they only make sense in order: impact starts, then
ends (mitigated), then the incident is resolved. A moment before one that must come first is almost always a typo in
a date — the year of the previous January, a day and month swapped — and Hindsight leaves the durations it would
skew uncomputed. Correct the date or time where it is written: the front matter (\`started:\`, \`mitigated:\`,
\`resolved:\`), a field in the text (\`- Resolved 2023-02-01 10:30\`), or the timeline entry it comes from.

Detection is not checked against the others: a problem can be caught before customers feel it, and impact can end
before anyone notices it did (\`missing-detection-time\` reports a detection before the start, since time to detect
cannot then be computed).`,
  examples: {
    ok: [
      {
        markdown: `---
date: 2023-01-05
started: 2023-01-04T22:10
mitigated: 2023-01-05T11:30
resolved: 2023-02-01T10:30
---

# Rotating every secret after the CI provider's breach

All deploy keys were rotated within a day; the incident closed once every token was replaced.
`,
      },
    ],
    notOk: [
      {
        markdown: `---
date: 2023-01-05
started: 2023-01-04T22:10
mitigated: 2023-01-05T11:30
resolved: 2022-02-01T10:30
---

# Rotating every secret after the CI provider's breach

All deploy keys were rotated within a day; the incident closed once every token was replaced.
`,
      },
    ],
  },
  check({ review, document }, report) {
    const known = ORDER.flatMap((moment) => {
      const at = review.times[moment];
      return at === undefined ? [] : [{ moment, at }];
    });
    for (const [i, later] of known.entries()) {
      const earlier = known.slice(0, i).find(({ at }) => at > later.at);
      if (earlier === undefined) continue;
      report({
        line: lineOf(later.at, review, document),
        message: `${capitalised(LABELS[later.moment])} (${shown(later.at)}) is before ${LABELS[earlier.moment]} (${shown(earlier.at)}): correct whichever date or time is wrong.`,
      });
    }
  },
});

/** Where a moment is written: its timeline entry, else the first line naming its date and time, else the top. */
function lineOf(at: LocalDateTime, review: Review, document: AnalyzedReview): number {
  const entry = review.timeline.find((e) => `${e.date}T${e.time}` === at);
  if (entry) return entry.line;
  const [day, time] = at.split('T') as [string, string];
  const index = document.lines.findIndex((line) => line.includes(day) && line.includes(time));
  return index >= 0 ? index + 1 : 1;
}

function shown(at: LocalDateTime): string {
  return at.replace('T', ' ');
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
