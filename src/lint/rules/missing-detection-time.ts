import { reviewRule } from '../rule.js';

export const missingDetectionTime = reviewRule({
  id: 'missing-detection-time',
  scope: 'review',
  description:
    'Time to detect cannot be computed: the start of impact or the moment of detection is unknown.',
  defaultSeverity: 'warning',
  docs: `Time to detect — from the start of impact to the moment someone noticed — is the number that shows whether
monitoring works, and across many reviews it shows whether it is getting better. Hindsight computes it from two
moments:

- **started**: \`started:\` in the front matter, or else the first timeline entry that says impact began ("errors
  begin", "site goes down", "disk space is exhausted"), or else the first entry on the review's date;
- **detected**: \`detected:\` in the front matter, or else the first timeline entry after the start that says the
  problem was noticed ("alert fires", "on-call is paged", "customers report", "noticed").

Add whichever is missing: \`started: 2024-08-10T13:05\` / \`detected: 2024-08-12T15:45\` in the front matter, or a
timeline entry with a date and time that says so. Timeline times need a date: a date line above them, or the
review's own date (front matter \`date:\` or the date in the file name).`,
  examples: {
    ok: [
      {
        markdown: `---
date: 2025-03-02
started: 2025-03-02T09:14
detected: 2025-03-02T09:21
---

# Checkout latency after cache eviction

Checkout took 8–12 seconds for 40 minutes after a cache node was replaced.
`,
      },
      {
        markdown: `# Checkout latency after cache eviction

## Timeline

- 2025-03-02 09:14 Checkout latency begins to rise: cache hit rate drops to 20%.
- 2025-03-02 09:21 Latency alert fires; on-call starts investigating.
- 2025-03-02 09:54 Cache warmed from the replica; latency back to normal.
`,
      },
    ],
    notOk: [
      {
        markdown: `# Checkout latency after cache eviction

## Timeline

- 2025-03-02 09:14 Checkout latency begins to rise: cache hit rate drops to 20%.
- 2025-03-02 09:54 Cache warmed from the replica; latency back to normal.
`,
      },
    ],
  },
  check({ review }, report) {
    if (review.durations.toDetectMinutes !== undefined) return;
    const { started, detected } = review.times;
    const timeline = review.sections.find((s) => s.kind === 'timeline');
    const line = timeline?.line ?? 1;
    if (started !== undefined && detected !== undefined) {
      report({
        line,
        message: `Time to detect cannot be computed: detection (${detected.replace('T', ' ')}) is before the start of impact (${started.replace('T', ' ')}). Correct whichever is wrong (front matter \`started:\` / \`detected:\`, or the timeline entries they come from).`,
      });
      return;
    }
    const missing = [
      ...(started === undefined ? ['when impact started'] : []),
      ...(detected === undefined ? ['when the problem was detected'] : []),
    ];
    const keys = [
      ...(started === undefined ? ['`started:`'] : []),
      ...(detected === undefined ? ['`detected:`'] : []),
    ];
    const undated =
      review.date === null && review.timeline.some((e) => e.time !== null && e.date?.length !== 10)
        ? ' The timeline has times but no dates: give the review a date (front matter `date:` or the file name) or put a date line above them.'
        : '';
    const moments = [
      ...(started === undefined ? ['when impact began ("errors begin", "site goes down")'] : []),
      ...(detected === undefined ? ['when it was noticed ("alert fires", "customers report")'] : []),
    ];
    const entry = `${moments.length > 1 ? 'timeline entries' : 'a timeline entry'} with a date and time saying ${moments.join(' and ')}`;
    report({
      line,
      message: `Time to detect cannot be computed: the review does not say ${missing.join(' or ')}. Add ${keys.join(' and ')} to the front matter as YYYY-MM-DDTHH:MM, or ${entry}.${undated}`,
    });
  },
});
