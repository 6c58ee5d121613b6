import { describe, expect, it } from 'vitest';
import { parseSource } from '../src/parse/parse-source.js';

const LOG = [
  '# Incident log', // 1
  '', // 2
  '## Q2 2025', // 3
  '', // 4
  '### Incident on 2025-05-14 09:12 - Queue workers stalled', // 5
  '', // 6
  '- **Impact**: Order emails were delayed by up to 40 minutes.', // 7
  '- **Context**:', // 8
  '  - 2025-05-14 09:12 - Queue depth alert fires', // 9
  '  - 2025-05-14 09:40 - Workers restarted, backlog drains', // 10
  '', // 11
  '## Q1 2025', // 12
  '', // 13
  '### Incident on 2025-02-03 - Expired certificate on the API', // 14
  '', // 15
  '- **Key events**', // 16
  '  - First detected 2025-02-03 06:05', // 17
  '  - Resolved 2025-02-03 07:30', // 18
  '- **Impact**: API clients failed TLS handshakes.', // 19
].join('\n');

describe('an incident log', () => {
  const parsed = parseSource({ path: 'docs/incident-log.md', text: LOG, diagnostics: [] });
  const reviews = parsed.reviews.map((r) => r.review);

  it('yields one review per incident, named by date and title', () => {
    expect(reviews.map((r) => [r.id, r.date, r.title])).toEqual([
      ['2025-05-14-queue-workers-stalled', '2025-05-14', 'Queue workers stalled'],
      ['2025-02-03-expired-certificate-on-the-api', '2025-02-03', 'Expired certificate on the API'],
    ]);
    expect(reviews.map((r) => r.source.path)).toEqual([
      'docs/incident-log.md#2025-05-14-queue-workers-stalled',
      'docs/incident-log.md#2025-02-03-expired-certificate-on-the-api',
    ]);
  });

  it('keeps each incident to its own text, at the lines it has in the file', () => {
    const [first, second] = reviews;
    expect(first?.timeline.map((e) => [e.time, e.line])).toEqual([
      ['09:12', 9],
      ['09:40', 10],
    ]);
    expect(first?.sections.find((s) => s.kind === 'impact')?.markdown).toContain('40 minutes');
    expect(second?.sections.find((s) => s.kind === 'impact')?.markdown).toContain('TLS handshakes');
    expect(second?.times).toEqual({ detected: '2025-02-03T06:05', resolved: '2025-02-03T07:30' });
  });

  it('leaves a review that mentions one incident alone', () => {
    const single = parseSource({
      path: 'docs/2025-05-14-queue.md',
      text: '# Queue workers stalled\n\n## Incident on 2025-05-14 - summary\n\nWorkers stalled.\n',
      diagnostics: [],
    });
    expect(single.reviews).toHaveLength(1);
  });
});
