import { toEpochMinutes } from '../../model/time.js';
import { reviewRule } from '../rule.js';

export const timelineOrder = reviewRule({
  id: 'timeline-order',
  scope: 'review',
  description: 'A timeline event earlier than the one before it.',
  defaultSeverity: 'warning',
  docs: `A timeline is read top to bottom: an entry out of order makes readers doubt every time in it, and skews the
durations Hindsight computes from it. Move the entry to where it belongs, or correct its time (a wrong AM/PM, a
missing date line when the incident ran past midnight).`,
  examples: {
    ok: [
      {
        markdown: `# Disk full

## Timeline

- 2024-08-12
  - 16:12 Operating system update begins.
  - 16:43 Container redeployment begins.
  - 16:58 Operating system update completed.
`,
      },
    ],
    notOk: [
      {
        markdown: `# Disk full

## Timeline

- 2024-08-12
  - 16:12 Operating system update begins.
  - 16:58 Operating system update completed.
  - 16:43 Container redeployment begins.
`,
      },
    ],
  },
  check({ review }, report) {
    let previous: { at: number; label: string } | null = null;
    for (const event of review.timeline) {
      if (event.date?.length !== 10 || event.time === null) continue;
      const at = toEpochMinutes(`${event.date}T${event.time}`);
      if (at === null) continue;
      const label = `${event.date} ${event.time}`;
      if (previous !== null && at < previous.at) {
        report({
          line: event.line,
          message: `${label} is earlier than the entry before it (${previous.label}): move it into order or correct its time.`,
        });
      }
      previous = { at, label };
    }
  },
});
