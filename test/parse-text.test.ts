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
