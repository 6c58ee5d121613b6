import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchWords } from '../../src/site/search-index.js';

/** The definition: the words the browser's search script cuts (assets/search.js), in one Unicode pass. */
function reference(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2 && w.length <= 32);
}

describe('searchWords', () => {
  it('cuts words as the one-pass Unicode definition does, for any text', () => {
    const pieces = fc.constantFrom(
      'é',
      'Ω',
      'ß',
      '—',
      '…',
      '’',
      'İ',
      '😀',
      '中文',
      '١٢',
      ' ',
      '-',
      '_',
      'x',
      'DNS',
      '42',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.array(fc.oneof(pieces, fc.string())).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(searchWords(t)).toEqual(reference(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('folds accents and case, and keeps letters of any script', () => {
    expect(searchWords('Café — DNS: naïve 中文 x')).toEqual(['cafe', 'dns', 'naive', '中文']);
  });
});
