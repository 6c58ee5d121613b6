import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildSearchIndex,
  type IndexedDoc,
  packTerms,
  TermNumbers,
  termTable,
  unpackTerms,
} from '../../src/site/search-index.js';
import { similarDocs, termSourceOf } from '../../src/site/similar.js';

const WORDS = [
  'disk',
  'full',
  'dns',
  'cache',
  'expired',
  'certificate',
  'kafka',
  'lag',
  'oom',
  'deploy',
  'ün',
];

function doc(n: number, terms: readonly (readonly [string, number])[]): IndexedDoc {
  return {
    doc: { path: `reviews/r${n}.html`, title: `Review ${n}`, date: null, severity: null, snippet: '' },
    terms: packTerms(terms),
    length: terms.reduce((sum, [, count]) => sum + count, 0),
  };
}

/** Documents of distinct words with counts, as reviewTerms makes them. */
const docs = fc
  .array(
    fc.uniqueArray(fc.tuple(fc.constantFrom(...WORDS), fc.integer({ min: 1, max: 9 })), {
      selector: ([w]) => w,
    }),
    {
      minLength: 1,
      maxLength: 30,
    },
  )
  .map((all) => all.map((terms, n) => doc(n, terms)));

describe('packed terms', () => {
  it('unpack to the words and counts they were packed from, in order', () => {
    const terms: [string, number][] = [
      ['disk', 3],
      ['ün', 1],
      ['404', 2],
    ];
    expect(unpackTerms(packTerms(terms))).toEqual(terms);
    expect(unpackTerms(packTerms([]))).toEqual([]);
  });
});

describe('the search index from numbered terms', () => {
  it('is the same whatever order the documents were numbered in (threads deliver them in any order)', () => {
    fc.assert(
      fc.property(
        docs.chain((all) => fc.tuple(fc.constant(all), fc.shuffledSubarray(all, { minLength: all.length }))),
        ([all, arrival]) => {
          const numbers = new TermNumbers();
          for (const d of arrival) numbers.add(d.terms);
          const early = numbers.table(all);
          const late = termTable(all);
          expect(buildSearchIndex(all, early).files).toEqual(buildSearchIndex(all, late).files);
          const similar = (table: typeof early) => all.map((_, n) => similarDocs(n, termSourceOf(table)));
          expect(similar(early)).toEqual(similar(late));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('lists each term once with its documents ascending, and ranks the documents sharing the most rare words first', () => {
    const all = [
      doc(0, [
        ['kafka', 2],
        ['lag', 1],
        ['disk', 1],
      ]),
      doc(1, [['dns', 1]]),
      doc(2, [
        ['kafka', 1],
        ['lag', 3],
      ]),
      doc(3, [['disk', 4]]),
      ...Array.from({ length: 40 }, (_, n) => doc(n + 4, [['deploy', 1]])),
    ];
    const table = termTable(all);
    const { files } = buildSearchIndex(all, table);
    const shards = [...files].filter(([path]) => path.startsWith('search/t/')).map(([, text]) => text);
    const kafka = shards.find((text) => text.includes('"kafka"'));
    // Delta-encoded documents 0 and 2.
    expect(kafka).toMatch(/"kafka":\[0,\d+,2,\d+\]/);
    expect(shards.filter((text) => text.includes('"kafka"'))).toHaveLength(1);
    // Two rare words shared with document 2, one with document 3.
    expect(similarDocs(0, termSourceOf(table))).toEqual([2, 3]);
    expect(similarDocs(1, termSourceOf(table))).toEqual([]);
  });
});
