import { describe, expect, it } from 'vitest';
import { firstDateIn } from '../src/parse/clock.js';
import { parseMarkdownReview } from '../src/parse/parse-review.js';

/** A blog post about an incident, dated by nothing but what these lines say (the file name has no date). */
function dateOf(frontMatter: string, body: string): string | null {
  const text = `+++\n${frontMatter}\n+++\n\n${body}\n\n## Root cause\n\nA bad index.\n\n## Impact\n\nUploads failed.\n`;
  return parseMarkdownReview({ path: 'posts/index-outage.md', text, format: 'markdown' }).review.date;
}

describe('dating a review by what its text names', () => {
  it('takes a day named anywhere in the title', () => {
    expect(dateOf('title = "Update on the October 15, 2018 incident on crates.io"', 'Uploads failed.')).toBe(
      '2018-10-15',
    );
  });

  it('takes a full day from the opening paragraph', () => {
    expect(dateOf('title = "Postmortem"', 'At 01:52 UTC, 2022-10-28, a change was merged.')).toBe(
      '2022-10-28',
    );
  });

  it('gives a day without a year the year of the publication its address names, or the one before', () => {
    const path = 'path = "inside-rust/2023/09/01/malware"';
    expect(dateOf(`title = "Malware"\n${path}`, 'On August 16, the team was notified.')).toBe('2023-08-16');
    const january = 'aliases = ["2019/01/05/outage.html"]';
    expect(dateOf(`title = "Outage"\n${january}`, 'On Sunday, Dec 30, uploads failed.')).toBe('2018-12-30');
  });

  it('falls back to the publication day, and to none', () => {
    expect(dateOf('title = "Outage"\npath = "2018/10/19/outage"', 'Uploads failed for a while.')).toBe(
      '2018-10-19',
    );
    expect(dateOf('title = "Outage"', 'On August 16, uploads failed.')).toBeNull();
  });
});

describe('firstDateIn', () => {
  it.each([
    ['Update on the October 15, 2018 incident', null, '2018-10-15'],
    ['since 3rd March 2021 at noon', null, '2021-03-03'],
    ['On Monday, Oct 15, starting at 20:00', 2018, '2018-10-15'],
    ['On Monday, Oct 15, starting at 20:00', null, null],
    ['We may 5 times retry; nothing dated here', 2020, null],
    ['Version 2023-13-45 is not a day', null, null],
  ])('%s (year %s) → %s', (text, year, date) => {
    expect(firstDateIn(text, year)?.date ?? null).toBe(date);
  });
});
