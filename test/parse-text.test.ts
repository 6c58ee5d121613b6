import { describe, expect, it } from 'vitest';
import { classifyHeading } from '../src/parse/headings.js';
import { parseMarkdownReview } from '../src/parse/parse-review.js';

describe('plain text of a review', () => {
  it('leaves footnote references out of summaries and action items, and keeps the notes', () => {
    const { review } = parseMarkdownReview({
      path: '2023-08-16-malware.md',
      format: 'markdown',
      text: [
        '# Malware uploaded',
        '',
        '## Summary',
        '',
        'Nine crates typosquatted[^typo] popular crates.',
        '',
        '## Action items',
        '',
        '- [ ] Block lookalike names[^names] @crates-team',
        '',
        '[^typo]: Names one letter away from popular ones.',
        '[^names]: As npm does.',
      ].join('\n'),
    });
    expect(review.summary).toBe('Nine crates typosquatted popular crates.');
    expect(review.actionItems.map((item) => item.text)).toEqual(['Block lookalike names']);
    expect(review.sections.find((s) => s.kind === 'action-items')?.markdown).toContain(
      '[^names]: As npm does.',
    );
  });
});

describe('the summary of a review without one', () => {
  it('is the first paragraph that is not a labelled line ("Internal post-mortem: https://…")', () => {
    const { review } = parseMarkdownReview({
      path: '2024-02-28-decide is down.md',
      format: 'markdown',
      text: [
        'Internal post-mortem: https://tracker.example.com/incidents/58',
        '',
        'On 28th February, feature flags went down for about 3 hours.',
        '',
        'Our database started stalling, which caused a small blip in service.',
      ].join('\n'),
    });
    expect(review.summary).toBe('On 28th February, feature flags went down for about 3 hours.');
  });
});

describe('headings that say what went wrong', () => {
  it.each(["What Didn't Go So Well?", "What didn't go well", 'What did not go as well', 'What went poorly'])(
    '"%s" is went-wrong',
    (heading) => {
      expect(classifyHeading(heading)).toBe('went-wrong');
    },
  );
});

describe('a review written as labelled bullets', () => {
  const parse = (lines: readonly string[]) =>
    parseMarkdownReview({ path: '2023-01-05-ci-breach.md', format: 'markdown', text: lines.join('\n') })
      .review;

  it('keeps reading labels after a paragraph splits the list, when they are written the same way', () => {
    const review = parse([
      '# CI provider breach',
      '',
      '- **Impact**: secrets stored in CI were exposed.',
      '- **Resolution**: every key was rotated in five phases.',
      '',
      'The full breakdown is in the postmortem notes.',
      '',
      '- **Review actions**:',
      '  - Implement a secrets manager',
      '  - Use short-lived credentials instead of keys',
    ]);
    expect(review.sections.filter((s) => s.nested).map((s) => s.kind)).toEqual([
      'impact',
      'recovery',
      'action-items',
    ]);
    expect(review.actionItems.map((item) => item.text)).toEqual([
      'Implement a secrets manager',
      'Use short-lived credentials instead of keys',
    ]);
  });

  it('does not read a numbered list of bold steps after it as sections', () => {
    const review = parse([
      '# Database cascade',
      '',
      '## Follow-ups',
      '',
      '- **Owner**: the platform team.',
      '- **Impact**: every node restarted.',
      '',
      'Immediate actions:',
      '',
      '1. **Root cause discovery and isolation**',
      '2. **Disk pressure mitigation**',
    ]);
    expect(review.sections.filter((s) => s.nested).map((s) => s.kind)).toEqual(['impact']);
  });

  it.each([
    ['- **Impact**: checkout failed.', true],
    ['- **Impact:** checkout failed.', true],
    ['- **Impact** — checkout failed.', true],
    ['- **Why?** The pool was too small.', true],
    ['- **Impact**\n  - checkout failed for 20 minutes', true],
    ['- **Detection was fast and precise.** The check fired in 8 minutes.', false],
    ['- **Document the recovery runbook** (High)', false],
  ])('reads "%s" as a label: %s', (item, label) => {
    const review = parse(['# Outage', '', '## Notes', '', item, '- **Root cause**: a full disk.']);
    expect(review.sections.some((s) => s.nested && s.kind !== 'root-cause')).toBe(label);
  });
});
