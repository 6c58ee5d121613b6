import { describe, expect, it } from 'vitest';
import {
  type ActionRecord,
  actionRecords,
  actionWords,
  findRepeats,
  followThroughOf,
  jaccard,
  REPEAT_THRESHOLD,
} from '../../src/insights/follow-through.js';
import type { Review } from '../../src/model/review.js';
import { localToday } from '../../src/model/time.js';
import { parseMarkdownReview } from '../../src/parse/parse-review.js';

/** A small fictional review with the given action items (markdown task list lines). */
function review(path: string, frontMatter: string, actions: readonly string[]): Review {
  const text = `---\n${frontMatter}\n---\n\n# Something broke\n\n## Summary\n\nThe thing broke for a while.\n\n## Impact\n\nSome users saw errors.\n\n## Action items\n\n${actions.join('\n')}\n`;
  const parsed = parseMarkdownReview({ path, text, format: 'markdown' }).review;
  expect(parsed.isReview).toBe(true);
  expect(parsed.actionItems).toHaveLength(actions.length);
  return parsed;
}

const TODAY = '2025-03-01';

const R1 = review('r1.md', 'title: First\ndate: 2025-01-10', [
  '- [x] Add connection pool limits to the api service @alice due:2025-01-20',
  '- [ ] Write a runbook for database failover @bob due:2025-02-01 [OPS-12](https://tracker.example.com/OPS-12)',
  '- [ ] Alert on replication lag above 30 seconds @carol due:2025-03-01',
  '- [ ] Rotate the staging credentials',
]);
const R2 = review('r2.md', 'title: Second\ndate: 2025-02-03', [
  '- [ ] Write a database failover runbook for on-call @bob OPS-31',
  '- [ ] Add dashboards for api latency @alice',
  '- [x] Rotate staging credentials @dave',
]);
const R3 = review('r3.md', 'title: Third\ndate: "2025-02-??"', [
  '- [ ] Write a runbook for database failover',
]);
const R4 = review('r4.md', 'title: Undated', ['- [ ] Rotate the staging credentials']);
const NOT_A_REVIEW = parseMarkdownReview({
  path: 'action-template.md',
  text: '# Template\n\n## Action items\n\n- [ ] [describe the action]\n',
  format: 'markdown',
}).review;
const ALL = [R1, R2, R3, R4, NOT_A_REVIEW];

describe('action items across reviews', () => {
  const items = actionRecords(ALL, TODAY);

  it('lists every item of every review with its review, leaving out documents that are not reviews', () => {
    expect(NOT_A_REVIEW.isReview).toBe(false);
    expect(items).toHaveLength(9);
    expect(items[1]).toEqual({
      reviewId: '2025-01-10-first',
      reviewPath: 'r1.md',
      reviewTitle: 'First',
      reviewDate: '2025-01-10',
      text: 'Write a runbook for database failover OPS-12',
      owner: 'bob',
      due: '2025-02-01',
      done: false,
      link: 'https://tracker.example.com/OPS-12',
      line: 19,
      ageDays: 50,
      overdue: true,
    });
  });

  it('is overdue only when open and due before today', () => {
    expect(items.map((i) => [i.text.slice(0, 20), i.overdue])).toEqual([
      ['Add connection pool ', false], // done, although its due date passed
      ['Write a runbook for ', true],
      ['Alert on replication', false], // due today
      ['Rotate the staging c', false], // no due date
      ['Write a database fai', false],
      ['Add dashboards for a', false],
      ['Rotate staging crede', false],
      ['Write a runbook for ', false],
      ['Rotate the staging c', false],
    ]);
    expect(actionRecords([R1], '2025-03-02').filter((i) => i.overdue)).toHaveLength(2);
  });

  it('ages items from the review date (a YYYY-MM date from the 1st), null when undated', () => {
    expect(items.map((i) => i.ageDays)).toEqual([50, 50, 50, 50, 26, 26, 26, 28, null]);
    expect(actionRecords([R1], '2025-01-10')[0]?.ageDays).toBe(0);
    expect(actionRecords([R1], '2024-12-31')[0]?.ageDays).toBe(0); // a review dated after today: not negative
  });

  it('takes today as a parameter and refuses anything but a real date', () => {
    expect(() => actionRecords(ALL, '2025-02-30')).toThrow(RangeError);
    expect(() => actionRecords(ALL, 'today')).toThrow(RangeError);
    expect(localToday(new Date(2025, 2, 9, 23, 59))).toBe('2025-03-09');
  });
});

describe('follow-through summary', () => {
  const summary = followThroughOf(actionRecords(ALL, TODAY), TODAY);

  it('counts open, done and overdue items and the overall completion rate', () => {
    expect(summary).toMatchObject({
      today: TODAY,
      total: 9,
      open: 7,
      done: 2,
      overdue: 1,
      completionRate: 0.222,
    });
    expect(followThroughOf([], TODAY).completionRate).toBeNull();
  });

  it('gives the completion rate of each review', () => {
    expect(summary.perReview.map((r) => [r.reviewPath, r.done, r.total, r.completionRate])).toEqual([
      ['r1.md', 1, 4, 0.25],
      ['r2.md', 1, 3, 0.333],
      ['r3.md', 0, 1, 0],
      ['r4.md', 0, 1, 0],
    ]);
  });

  it('counts done and total by the month of the review (there are no completion dates)', () => {
    expect(summary.byReviewMonth).toEqual([
      { month: '2025-01', done: 1, total: 4 },
      { month: '2025-02', done: 1, total: 4 },
      { month: 'undated', done: 0, total: 1 },
    ]);
  });
});

describe('repeated action items', () => {
  const repeats = findRepeats(actionRecords(ALL, TODAY));
  const pairs = repeats.map((r) => [
    r.item.reviewPath,
    r.item.text,
    r.repeats.reviewId,
    r.repeats.text,
    r.similarity,
  ]);

  it('finds items that repeat an item of an earlier review, reworded or not', () => {
    expect(pairs).toEqual([
      [
        'r2.md',
        'Write a database failover runbook for on-call OPS-31',
        '2025-01-10-first',
        'Write a runbook for database failover OPS-12',
        0.8,
      ],
      ['r2.md', 'Rotate staging credentials', '2025-01-10-first', 'Rotate the staging credentials', 1],
      // A YYYY-MM review is later than January, but not than 2025-02-03: its item repeats r1's only.
      [
        'r3.md',
        'Write a runbook for database failover',
        '2025-01-10-first',
        'Write a runbook for database failover OPS-12',
        1,
      ],
    ]);
    expect(repeats[0]?.repeats).toEqual({
      reviewId: '2025-01-10-first',
      reviewPath: 'r1.md',
      reviewDate: '2025-01-10',
      text: 'Write a runbook for database failover OPS-12',
      done: false,
      line: 19,
    });
  });

  it('leaves unrelated items, items of the same review and undated reviews alone', () => {
    const texts = repeats.map((r) => r.item.text);
    expect(texts).not.toContain('Add dashboards for api latency'); // shares "add" and "api" with an r1 item
    expect(repeats.some((r) => r.item.reviewPath === 'r1.md')).toBe(false); // nothing earlier than r1
    expect(repeats.some((r) => r.item.reviewPath === 'r4.md')).toBe(false); // undated: cannot be ordered
  });

  it('prefers the most similar earlier item, then the latest earlier review', () => {
    const record = (reviewId: string, reviewDate: string, text: string): ActionRecord => ({
      reviewId,
      reviewPath: `${reviewId}.md`,
      reviewTitle: null,
      reviewDate,
      text,
      owner: null,
      due: null,
      done: false,
      link: null,
      line: 1,
      ageDays: 0,
      overdue: false,
    });
    const found = findRepeats([
      record('c', '2025-03-01', 'Add an alert on disk usage above 80 percent'),
      record('a', '2025-01-01', 'Add an alert on disk usage above 80 percent'),
      record('b', '2025-02-01', 'Add an alert on disk usage above 80 percent'),
      record('b', '2025-02-01', 'Add alert on disk usage'),
      record('d', '2025-04-01', 'Add alert on disk usage'),
    ]);
    expect(found.map((r) => [r.item.reviewId, r.item.text.length, r.repeats.reviewId, r.similarity])).toEqual(
      [
        ['c', 43, 'b', 1],
        ['b', 43, 'a', 1],
        ['b', 23, 'a', 0.667],
        ['d', 23, 'b', 1], // the exact item of b wins over the less similar one of the later c
      ],
    );
  });

  it('compares items by their words: no links, tracker keys, numbers, common words or plural s', () => {
    expect(
      actionWords('Add the alerts for pg-main at 80% — see https://x.example/a OPS-214 and #12').sort(),
    ).toEqual(['add', 'alert', 'main', 'pg', 'see'].sort());
    expect(jaccard(['a', 'b', 'c'], ['b', 'c', 'd'])).toBe(0.5);
    expect(REPEAT_THRESHOLD).toBe(0.6);
  });
});
