import { describe, expect, it } from 'vitest';
import {
  durationsOf,
  missingDetection,
  monthOf,
  quarterOf,
  reviewDurations,
} from '../../src/insights/durations.js';
import { median, p90, percentile, spreadOf } from '../../src/insights/percentiles.js';
import type { Review } from '../../src/model/review.js';
import { parseMarkdownReview } from '../../src/parse/parse-review.js';

/** A small fictional review: front matter as given, and enough body to be a review. */
function review(path: string, frontMatter: string): Review {
  const text = `---\n${frontMatter}\n---\n\n# Something broke\n\n## Summary\n\nThe thing broke for a while.\n\n## Impact\n\nSome users saw errors.\n`;
  const parsed = parseMarkdownReview({ path, text, format: 'markdown' }).review;
  expect(parsed.isReview).toBe(true);
  return parsed;
}

describe('percentiles (nearest rank)', () => {
  it('answers null for no values and the value itself for one', () => {
    expect(median([])).toBeNull();
    expect(p90([])).toBeNull();
    expect(spreadOf([])).toEqual({ n: 0, median: null, p90: null });
    expect(spreadOf([7])).toEqual({ n: 1, median: 7, p90: 7 });
  });

  it('takes the value at rank ⌈p·n/100⌉ of the sorted values, whatever the input order', () => {
    expect(median([4, 1, 3, 2])).toBe(2); // even count: the lower middle value, never an average
    expect(median([5, 1, 3])).toBe(3);
    const oneToTen = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(median(oneToTen)).toBe(5);
    expect(p90(oneToTen)).toBe(9);
    expect(p90([1, 2, 3, 4, 5, 6, 7, 8, 9])).toBe(9); // rank ⌈8.1⌉ = 9: fewer than ten values → the largest
    const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(p90(oneToHundred)).toBe(90);
    expect(percentile(oneToHundred, 7)).toBe(7); // 0.07 · 100 is 7.000000000000001 in floating point
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(spreadOf([3, 48, 2, 2973, 6, 11, 5, 17, 8, 6])).toEqual({ n: 10, median: 6, p90: 48 });
  });

  it('refuses a percentile outside (0, 100]', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('durations across reviews', () => {
  // A hand-made set. Minutes: A detect 10, mitigate 40, resolve 120 · B detect 30, mitigate 60 · C detect 1440,
  // resolve 1800 (impact runs to resolution) · M, E no times · D resolve 120 only · G detected before it started.
  const reviews = [
    review(
      'a.md',
      'title: A\ndate: 2025-01-10\nseverity: P1\nservices: [api, db]\nstarted: 2025-01-10T10:00\ndetected: 2025-01-10T10:10\nmitigated: 2025-01-10T10:40\nresolved: 2025-01-10T12:00',
    ),
    review(
      'b.md',
      'title: B\ndate: 2025-02-03\nseverity: P2\nservices: [api]\nstarted: 2025-02-03T08:00\ndetected: 2025-02-03T08:30\nmitigated: 2025-02-03T09:00',
    ),
    review(
      'c.md',
      'title: C\ndate: 2025-02-14\nseverity: SEV-2\nstarted: 2025-02-14T00:00\ndetected: 2025-02-15T00:00\nresolved: 2025-02-15T06:00',
    ),
    review('m.md', 'title: M\ndate: "2025-03-??"\nseverity: P4\nservices: [db]'),
    review(
      'd.md',
      'title: D\ndate: 2025-04-20\nservices: [db, db]\nstarted: 2025-04-20T03:00\nresolved: 2025-04-20T05:00',
    ),
    review('g.md', 'title: G\ndate: 2025-05-01\nstarted: 2025-05-01T10:00\ndetected: 2025-05-01T09:00'),
    review('e.md', 'title: E\nseverity: P3\nservices: [web]'),
    parseMarkdownReview({
      path: 'index.md',
      text: '# Incidents\n\n- [A](a.md)\n- [B](b.md)\n',
      format: 'markdown',
    }).review,
  ];
  const report = durationsOf(reviews);
  const none = { n: 0, median: null, p90: null };

  it('reads the hand-made set as intended', () => {
    expect(reviews.map((r) => r.date)).toEqual([
      '2025-01-10',
      '2025-02-03',
      '2025-02-14',
      '2025-03',
      '2025-04-20',
      '2025-05-01',
      null,
      null,
    ]);
    expect(reviews[7]?.isReview).toBe(false);
    expect(reviewDurations(reviews[2] as Review)).toMatchObject({
      toDetectMinutes: 1440,
      toMitigateMinutes: null,
      toResolveMinutes: 1800,
      impactMinutes: 1800,
      silentFailureMinutes: 1440,
    });
  });

  it('summarises all reviews (not the index page), each measure over the reviews that have it', () => {
    expect(report.overall).toEqual({
      key: 'all',
      count: 7,
      toDetectMinutes: { n: 3, median: 30, p90: 1440 },
      toMitigateMinutes: { n: 2, median: 40, p90: 60 },
      toResolveMinutes: { n: 3, median: 120, p90: 1800 },
      impactMinutes: { n: 4, median: 60, p90: 1800 },
    });
  });

  it('groups by month, a YYYY-MM date under its month, undated last', () => {
    expect(report.byMonth.map((g) => [g.key, g.count])).toEqual([
      ['2025-01', 1],
      ['2025-02', 2],
      ['2025-03', 1],
      ['2025-04', 1],
      ['2025-05', 1],
      ['undated', 1],
    ]);
    expect(report.byMonth[1]).toEqual({
      key: '2025-02',
      count: 2,
      toDetectMinutes: { n: 2, median: 30, p90: 1440 },
      toMitigateMinutes: { n: 1, median: 60, p90: 60 },
      toResolveMinutes: { n: 1, median: 1800, p90: 1800 },
      impactMinutes: { n: 2, median: 60, p90: 1800 },
    });
    expect(report.byMonth[2]).toEqual({
      key: '2025-03',
      count: 1,
      toDetectMinutes: none,
      toMitigateMinutes: none,
      toResolveMinutes: none,
      impactMinutes: none,
    });
  });

  it('groups by quarter', () => {
    expect(report.byQuarter).toEqual([
      {
        key: '2025-Q1',
        count: 4,
        toDetectMinutes: { n: 3, median: 30, p90: 1440 },
        toMitigateMinutes: { n: 2, median: 40, p90: 60 },
        toResolveMinutes: { n: 2, median: 120, p90: 1800 },
        impactMinutes: { n: 3, median: 60, p90: 1800 },
      },
      {
        key: '2025-Q2',
        count: 2,
        toDetectMinutes: none,
        toMitigateMinutes: none,
        toResolveMinutes: { n: 1, median: 120, p90: 120 },
        impactMinutes: { n: 1, median: 120, p90: 120 },
      },
      {
        key: 'undated',
        count: 1,
        toDetectMinutes: none,
        toMitigateMinutes: none,
        toResolveMinutes: none,
        impactMinutes: none,
      },
    ]);
    expect(quarterOf('2025-12-31')).toBe('2025-Q4');
    expect(quarterOf('2025-04')).toBe('2025-Q2');
    expect(monthOf(null)).toBe('undated');
  });

  it('groups by severity level, unknown last', () => {
    expect(report.bySeverity.map((g) => [g.key, g.count])).toEqual([
      ['1', 1],
      ['2', 2],
      ['3', 1],
      ['4', 1],
      ['unknown', 2],
    ]);
    expect(report.bySeverity[1]?.toDetectMinutes).toEqual({ n: 2, median: 30, p90: 1440 });
  });

  it('counts a review under each of its services (once each), most reviews first, "none" last', () => {
    expect(report.byService.map((g) => [g.key, g.count])).toEqual([
      ['db', 3],
      ['api', 2],
      ['web', 1],
      ['none', 2],
    ]);
    expect(report.byService[0]).toMatchObject({
      toDetectMinutes: { n: 1, median: 10, p90: 10 },
      toResolveMinutes: { n: 2, median: 120, p90: 120 },
    });
    expect(report.byService[1]?.toDetectMinutes).toEqual({ n: 2, median: 10, p90: 30 });
  });

  it('lists every review without a time to detect, saying what is missing', () => {
    expect(report.missingDetection).toEqual([
      {
        id: '2025-03-m',
        path: 'm.md',
        title: 'M',
        date: '2025-03',
        missing: ['started', 'detected'],
        reason: 'neither the start of impact nor its detection is known',
      },
      {
        id: '2025-04-20-d',
        path: 'd.md',
        title: 'D',
        date: '2025-04-20',
        missing: ['detected'],
        reason: 'the time of detection is not known',
      },
      {
        id: '2025-05-01-g',
        path: 'g.md',
        title: 'G',
        date: '2025-05-01',
        missing: [],
        reason: 'detected (2025-05-01T09:00) before impact started (2025-05-01T10:00)',
      },
      {
        id: 'e',
        path: 'e.md',
        title: 'E',
        date: null,
        missing: ['started', 'detected'],
        reason: 'neither the start of impact nor its detection is known',
      },
    ]);
    const reviewsWithDetection = reviews.filter(
      (r) => r.isReview && r.durations.toDetectMinutes !== undefined,
    );
    expect(reviewsWithDetection.length + report.missingDetection.length).toBe(report.overall.count);
    const noStart = review('s.md', 'title: S\ndate: 2025-06-01\ndetected: 2025-06-01T10:00');
    expect(missingDetection(noStart)).toMatchObject({
      missing: ['started'],
      reason: 'the start of impact is not known',
    });
    expect(missingDetection(reviews[0] as Review)).toBeNull();
  });

  it('names the longest silent failures, longest first', () => {
    expect(report.worstSilentFailures.map((r) => [r.path, r.silentFailureMinutes])).toEqual([
      ['c.md', 1440],
      ['b.md', 30],
      ['a.md', 10],
    ]);
    expect(durationsOf(reviews, { worst: 1 }).worstSilentFailures).toHaveLength(1);
  });
});
