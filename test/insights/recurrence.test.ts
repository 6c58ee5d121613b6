import { describe, expect, it } from 'vitest';
import { findRecurrences } from '../../src/insights/recurrence.js';
import type { Review } from '../../src/model/review.js';
import { parseMarkdownReview } from '../../src/parse/parse-review.js';
import { parseInputs, reviewsOf } from '../../src/pipeline.js';
import { REPO_ROOT } from '../helpers.js';

/** Recurrence clusters: explicit links always join; similarity joins only with a shared theme (and service). */

interface Draft {
  readonly file: string;
  readonly date: string;
  readonly title: string;
  readonly body: string;
  readonly services?: readonly string[];
  readonly related?: readonly string[];
}

function review({ file, date, title, body, services = [], related = [] }: Draft): Review {
  const text = [
    '---',
    `title: ${title}`,
    `date: ${date}`,
    `services: [${services.join(', ')}]`,
    `related: [${related.join(', ')}]`,
    '---',
    '',
    `# ${title}`,
    '',
    body,
    '',
  ].join('\n');
  return parseMarkdownReview({ path: file, text, format: 'markdown' }).review;
}

const OOM = (n: number) =>
  [
    '## Summary',
    '',
    `The image resizer pods were OOM-killed every few minutes (round ${n}) after thumbnails for large panoramas`,
    'were decoded in full. Uploads queued behind the restarts and the gallery showed broken thumbnails.',
    '',
    '## Root cause',
    '',
    'The resizer decodes the whole panorama into memory before scaling; a 20,000 pixel wide image needs more',
    'memory than the pod limit, so the kernel OOM-killed the resizer and the queue retried the same image.',
  ].join('\n');

const NO_THEME = (n: number) =>
  [
    '## Summary',
    '',
    `The weekly newsletter went out twice (batch ${n}). The sender retried a batch that had in fact been sent,`,
    'because the acknowledgement from the mail queue arrived after the retry timer fired.',
  ].join('\n');

const paths = (clusters: ReturnType<typeof findRecurrences>) =>
  clusters.map((c) => c.members.map((m) => m.path));

describe('findRecurrences', () => {
  it('joins the same problem twice: similar, a shared theme, and a shared service', () => {
    const clusters = findRecurrences([
      review({
        file: 'a.md',
        date: '2025-01-10',
        title: 'Resizer OOM kills',
        body: OOM(1),
        services: ['media'],
      }),
      review({
        file: 'b.md',
        date: '2025-03-02',
        title: 'Resizer OOM kills again',
        body: OOM(2),
        services: ['media'],
      }),
    ]);
    expect(paths(clusters)).toEqual([['a.md', 'b.md']]);
    const [link] = clusters[0]?.links ?? [];
    expect(link).toMatchObject({ from: 'a.md', to: 'b.md', kind: 'similar' });
    expect(link?.reason).toContain('shared theme: memory-exhaustion');
    expect(link?.reason).toContain('shared service: media');
  });

  it('does not join reviews whose services differ', () => {
    const clusters = findRecurrences([
      review({
        file: 'a.md',
        date: '2025-01-10',
        title: 'Resizer OOM kills',
        body: OOM(1),
        services: ['media'],
      }),
      review({
        file: 'b.md',
        date: '2025-03-02',
        title: 'Resizer OOM kills',
        body: OOM(2),
        services: ['billing'],
      }),
    ]);
    expect(clusters).toEqual([]);
  });

  it('does not join similar reviews without a cause theme in common', () => {
    const clusters = findRecurrences([
      review({ file: 'a.md', date: '2025-01-10', title: 'Newsletter sent twice', body: NO_THEME(1) }),
      review({ file: 'b.md', date: '2025-02-10', title: 'Newsletter sent twice', body: NO_THEME(2) }),
    ]);
    expect(clusters).toEqual([]);
  });

  it('one incident written up twice (same date, same title) is not a recurrence', () => {
    const clusters = findRecurrences([
      review({ file: 'jekyll/a.md', date: '2025-01-10', title: 'Resizer OOM kills', body: OOM(1) }),
      review({ file: 'hugo/a.md', date: '2025-01-10', title: 'Resizer OOM kills', body: OOM(1) }),
    ]);
    expect(clusters).toEqual([]);
  });

  it('an explicit link joins whatever the texts say, members sorted by date', () => {
    const clusters = findRecurrences([
      review({
        file: '2025-04-01-newsletter.md',
        date: '2025-04-01',
        title: 'Newsletter sent twice',
        body: NO_THEME(1),
        related: ['2025-01-10-resizer'],
      }),
      review({ file: '2025-01-10-resizer.md', date: '2025-01-10', title: 'Resizer OOM kills', body: OOM(1) }),
    ]);
    expect(paths(clusters)).toEqual([['2025-01-10-resizer.md', '2025-04-01-newsletter.md']]);
    expect(clusters[0]?.links[0]).toMatchObject({
      kind: 'related',
      reason: '2025-04-01-newsletter names 2025-01-10-resizer in related',
    });
  });

  it('examples/incidents: the connection-storm pair, and nothing else', async () => {
    const reviews = reviewsOf(await parseInputs(['examples/incidents'], REPO_ROOT));
    const clusters = findRecurrences(reviews);
    expect(clusters.map((c) => c.members.map((m) => [m.date, m.id]))).toEqual([
      [
        ['2024-03-08', '2024-03-08-checkout-db-connection-storm'],
        ['2025-02-11', '2025-02-11-checkout-db-connection-storm-after-scale-up'],
      ],
    ]);
  });
});
