import { describe, expect, it } from 'vitest';
import type { ActionItem } from '../../src/model/review.js';
import { parseMarkdownReview } from '../../src/parse/parse-review.js';
import { actionsPage } from '../../src/render/html/actions-page.js';
import { html } from '../../src/render/html/escape.js';
import { staticUrls, summarizeReview } from '../../src/render/html/index.js';
import { actionsCsv } from '../../src/site/actions-csv.js';

const REVIEW = parseMarkdownReview({
  path: '2025-03-02-queue-backlog.md',
  format: 'markdown',
  text: [
    '---',
    'title: Queue backlog',
    'date: 2025-03-02',
    '---',
    '## Action items',
    '- [ ] Alert on consumer lag @dana due: 2025-04-01',
    '- [x] Raise the partition count @lee',
  ].join('\n'),
}).review;

const summary = summarizeReview(REVIEW, []);
const items = REVIEW.actionItems.map((item: ActionItem) => ({ review: summary, item }));
const board = (review = summary, today = '2025-03-20', path = 'actions.html') =>
  html`${
    actionsPage({
      items: items.map(({ item }) => ({ review, item })),
      today,
      urls: staticUrls(path),
    }).main
  }`.value;

describe('the board and actions.csv keep each item’s row between builds (build --watch)', () => {
  it('draws the same board twice from the same items', () => {
    expect(items).toHaveLength(2);
    const first = board();
    expect(first).toContain('Alert on consumer lag');
    expect(first).not.toContain('Raise the partition count');
    expect(board()).toBe(first);
  });

  it('draws an item again when its review is shown differently or the day moved on', () => {
    board();
    const retitled = { ...summary, title: 'Queue backlog on orders' };
    expect(board(retitled)).toContain('Queue backlog on orders');
    const later = board(summary, '2025-04-10');
    expect(later).toContain('39\u00a0d');
    expect(later).toContain('action-overdue');
    expect(board(summary, '2025-03-20')).toContain('18\u00a0d');
  });

  it('fills in the link to the review for the page it is on', () => {
    expect(board(summary, '2025-03-20', 'actions.html')).toContain(`href="reviews/${summary.key}.html"`);
    expect(board(summary, '2025-03-20', 'sub/actions.html')).toContain(
      `href="../reviews/${summary.key}.html"`,
    );
  });

  it('writes each item’s CSV line for the review it is listed with', () => {
    expect(actionsCsv(items)).toContain(',Queue backlog,2025-03-02,Alert on consumer lag,dana,');
    const retitled = { ...summary, title: 'Queue backlog on orders' };
    const csv = actionsCsv(items.map(({ item }) => ({ review: retitled, item })));
    expect(csv).toContain(',Queue backlog on orders,');
    expect(csv).not.toContain(',Queue backlog,');
    expect(csv.split('\r\n')).toHaveLength(4);
  });
});
