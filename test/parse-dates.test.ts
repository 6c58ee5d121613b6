import { describe, expect, it } from 'vitest';
import { firstDateIn, readStamp } from '../src/parse/clock.js';
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

describe('dates written with dashes, year last, and a colon before the time', () => {
  it.each([
    ['02-13-2025 11:00 pm - Mempool count rises', '2025-02-13', '23:00'],
    ['07-27-2023 2:14 pm - PR approved', '2023-07-27', '14:14'],
    ['13-02-2025 09:00 - a day that cannot be a month comes first', '2025-02-13', '09:00'],
    ['01-16-2024 - Chia detected it', '2024-01-16', null],
    ['February 15, 2024: 7:56am UTC', '2024-02-15', '07:56'],
    ['2024-02-15: 10 people were affected', '2024-02-15', null],
  ])('%s', (text, date, time) => {
    expect(readStamp(text, { year: null })).toMatchObject({ date, time });
  });

  it('reads such a timeline, and not a screenshot between its entries', () => {
    const { review } = parseMarkdownReview({
      path: '2025-02-25-mempool.md',
      format: 'markdown',
      text: [
        '# Mempool stuck',
        '',
        '## Timeline',
        '',
        '02-13-2025 11:00 pm - Mempool count started rising.',
        '',
        '![02-14-2025 Mempool graph](graph.png)',
        '',
        '02-14-2025 11:30 am - Mempool cost hits the maximum.',
      ].join('\n'),
    });
    expect(review.timeline.map((e) => [e.date, e.time, e.text])).toEqual([
      ['2025-02-13', '23:00', 'Mempool count started rising.'],
      ['2025-02-14', '11:30', 'Mempool cost hits the maximum.'],
    ]);
  });
});

describe('timeline entries written over several lines, glued footnotes and dates without a year', () => {
  const timelineOf = (path: string, title: string, entries: readonly string[]) =>
    parseMarkdownReview({
      path,
      format: 'markdown',
      text: [`# ${title}`, '', '## Timeline', '', ...entries, '', '[^1]: From the registry.', ''].join('\n'),
    }).review.timeline.map((e) => [e.date, e.time, e.text]);

  it("takes a date alone on a bullet's first line as the date of the words under it, without its footnote", () => {
    expect(
      timelineOf('2024-07-08-token.md', 'Leaked token', [
        '- 2023-03-03[^1]:',
        '    `app:v3.0.0b35` pushed to the registry',
        '    with the token in a `.pyc` file.',
        '- 2024-06-21:',
        '    Both images removed.',
      ]),
    ).toEqual([
      ['2023-03-03', null, 'app:v3.0.0b35 pushed to the registry with the token in a .pyc file.'],
      ['2024-06-21', null, 'Both images removed.'],
    ]);
  });

  it("puts a first yearless date months after the review's day in the year before, and carries on from there", () => {
    expect(
      timelineOf('2019-03-26-boskos.md', 'March 26th, 2019 Boskos outage', [
        '- [12-05 16:21] Crashloop bug introduced',
        '- [03-20 16:46] StatefulSet updated',
        '- [03-26 23:04] Node drained (**outage starts**)',
      ]),
    ).toEqual([
      ['2018-12-05', '16:21', 'Crashloop bug introduced'],
      ['2019-03-20', '16:46', 'StatefulSet updated'],
      ['2019-03-26', '23:04', 'Node drained (outage starts)'],
    ]);
  });
});

describe('days written after the time, in a table, and in a duration field', () => {
  it.each([
    ['10:35 AEST 2026-05-29 — JDBC URL changed', '2026-05-29', '10:35', 'JDBC URL changed'],
    ['03:30 AM PST Sunday Oct 31st: Final wave begins', '2021-10-31', '03:30', 'Final wave begins'],
    ['14:00 Monday standup moved', null, '14:00', 'Monday standup moved'],
    ['13:14 EDT (17:14 UTC): A user emails security', null, '13:14', 'A user emails security'],
    ['2025-07-26 Saturday', '2025-07-26', null, ''],
  ])('%s', (text, date, time, rest) => {
    expect(readStamp(text, { year: 2021 })).toMatchObject({ date, time, rest });
  });

  it('dates a table row with a time alone by the last row that gave a day and a time', () => {
    const { review } = parseMarkdownReview({
      path: '2026-04-12-cluster-outage.md',
      format: 'markdown',
      text: [
        '# Cluster outage',
        '',
        '**Date:** 2026-04-04',
        '**Duration:** ~1h 12m complete outage (2026-04-12 09:27–10:39 AEST)',
        '',
        '## Timeline',
        '',
        '| Time | Event |',
        '| --- | --- |',
        '| **2026-04-04 (est.)** | Disk pressure on one node, background |',
        '| ~08:00 | Snapshots start failing |',
        '| **2026-04-12 09:27** | Incident opened |',
        '| ~09:35 | All nodes critical |',
        '| ~10:39 | Raft election succeeds, all nodes running |',
      ].join('\n'),
    });
    expect(review.timeline.map((e) => [e.date, e.time])).toEqual([
      ['2026-04-04', null],
      ['2026-04-04', '08:00'],
      ['2026-04-12', '09:27'],
      ['2026-04-12', '09:35'],
      ['2026-04-12', '10:39'],
    ]);
    expect(review.times).toMatchObject({ started: '2026-04-12T09:27', resolved: '2026-04-12T10:39' });
  });
});

describe('timestamp headings', () => {
  it('carry the day of a heading that gives one to the headings after it, "19. April" included', () => {
    const { review } = parseMarkdownReview({
      path: '2018-04-18-cull-flood.md',
      format: 'markdown',
      text: [
        '# Cull flood',
        '',
        '## Timeline',
        '',
        '### 2018-04-18 12:35',
        '',
        'Hub logs fill with 400 errors.',
        '',
        '### 19:47',
        '',
        'Deploy reverted.',
        '',
        '### 19. April, 11:00',
        '',
        'Fix applied.',
        '',
        '### 11:07',
        '',
        'Deploy succeeds.',
      ].join('\n'),
    });
    expect(review.timeline.map((e) => [e.date, e.time])).toEqual([
      ['2018-04-18', '12:35'],
      ['2018-04-18', '19:47'],
      ['2018-04-19', '11:00'],
      ['2018-04-19', '11:07'],
    ]);
  });
});
