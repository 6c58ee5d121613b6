import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneLine } from '../../src/render/html/review-list.js';

/** The definition: every run of whitespace made one space, then the first sentence, at most 240 characters. */
function reference(summary: string): string {
  const flat = summary.replace(/\s+/g, ' ').trim();
  const sentence = /^.+?[.!?](?=\s|$)/.exec(flat)?.[0] ?? flat;
  return sentence.length <= 240 ? sentence : `${sentence.slice(0, 239).trimEnd()}…`;
}

describe('oneLine', () => {
  it('is the definition, for summaries with any whitespace', () => {
    const piece = fc.constantFrom(
      'word',
      'Then',
      '.',
      '!',
      '?',
      ' ',
      '  ',
      '\n',
      '\t',
      '\u00a0',
      '\u2028',
      'e.g.',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 120 }), (pieces) => {
        const summary = pieces.join('');
        expect(oneLine(summary)).toBe(reference(summary));
      }),
      { numRuns: 2000 },
    );
  });

  it('cuts at the first sentence, or at 240 characters', () => {
    expect(oneLine('The disk filled.  Then\nthe job failed.')).toBe('The disk filled.');
    expect(oneLine(`${'word '.repeat(60)}end.`)).toBe(`${'word '.repeat(48).trimEnd()}…`);
  });
});
