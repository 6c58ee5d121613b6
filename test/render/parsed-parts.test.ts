import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateReviews } from '../../bench/generate.js';
import { analyzeSource } from '../../src/parse/parse-source.js';
import { listSources } from '../../src/read/read-sources.js';
import { decode } from '../../src/read/decode.js';
import { parsedReviewBody, renderParsedParts, reviewBody } from '../../src/render/html/index.js';
import { CORPUS_DIR, FIXTURES_DIR, REPO_ROOT } from '../helpers.js';

/**
 * A site build renders a review's sections from the tokens the parser made (`parsedReviewBody`) instead of reading
 * the text again; the server and the editor render the text (`reviewBody`). Both must give the same page, byte for
 * byte, whenever the tokens are used at all.
 */

const generated = mkdtempSync(join(tmpdir(), 'hindsight-parsed-parts-'));
afterAll(() => rmSync(generated, { recursive: true, force: true }));

const HAVE_CORPUS = existsSync(CORPUS_DIR);
if (!HAVE_CORPUS) console.warn(`parsed-parts corpus comparison skipped: ${CORPUS_DIR} does not exist`);

const link = (href: string) => (href.startsWith('#') ? href : `resolved:${href}`);

/** For each review of the files: whether its tokens serve, and whether both bodies are equal. */
async function compare(folders: readonly string[]) {
  const { files } = await listSources(folders, REPO_ROOT);
  return files.flatMap((file) => {
    const path = relative(REPO_ROOT, file);
    const read = () => analyzeSource({ path, ...decode(readFileSync(file), path) }).reviews;
    const checked = read();
    return read().map((document, i) => {
      const fromText = reviewBody(document.review, { resolveLink: link }).value;
      const fromTokens = parsedReviewBody(document, { resolveLink: link }).value;
      const other = checked[i];
      const ranges = (other?.sectionNodes ?? [])
        .filter((n) => !n.nested)
        .map((n) => ({ from: n.bodyLine, to: n.endLine }));
      const served = other !== undefined && renderParsedParts(other.markdown, ranges) !== null;
      return { path, served, same: fromTokens === fromText };
    });
  });
}

describe("review bodies rendered from the parser's tokens", () => {
  it('equal those rendered from the text: generated reviews, the examples and the fixtures', async () => {
    generateReviews(300, 7, generated);
    const results = await compare([generated, join(REPO_ROOT, 'examples'), FIXTURES_DIR]);
    expect(results.length).toBeGreaterThan(300);
    expect(results.filter((r) => !r.same).map((r) => r.path)).toEqual([]);
    // Most are rendered from the tokens: the comparison is not of the text path with itself.
    expect(results.filter((r) => r.served).length).toBeGreaterThan(results.length / 2);
  });

  it.skipIf(!HAVE_CORPUS)('equal those rendered from the text over ../shared/corpus', async () => {
    const results = await compare([CORPUS_DIR]);
    expect(results.filter((r) => !r.same).map((r) => r.path)).toEqual([]);
    expect(results.filter((r) => r.served).length).toBeGreaterThan(0);
  });

  it('equal those rendered from the text for any review made of common blocks', () => {
    const block = fc.constantFrom(
      'A paragraph with `code`, **bold** and a [link](https://a.example/x).',
      'A line\nwith a soft break.',
      '- one\n- two\n  - nested',
      '- [x] done\n- [ ] open',
      '1. first\n2. second',
      '> a quote\n> that goes on',
      '```text\nlog line <b>\n```',
      '    indented code',
      '- item\n\n      code in an item',
      '| a | b |\n|--:|---|\n| 1 | 2 |',
      '### A heading inside',
      '<details>\n<summary>Logs</summary>\n\nInside.\n\n</details>',
      '<!-- a comment -->',
      'Text with <kbd>Ctrl</kbd> in it.',
      '---',
      'Lazy\ncontinuation',
      '[an image](pic.png) and ![alt](img/graph.png)',
      'A link [elsewhere](ftp://files.example/x) the renderer refuses.',
      'See https://bare.example/path for more.',
      'Text with a footnote[^1].\n\n[^1]: The note.',
      'A :fire: emoji.',
    );
    const section = fc.tuple(
      fc.constantFrom(
        '## Summary',
        '## Impact',
        '## Root cause',
        '## Timeline',
        '## Action items',
        'Lessons\n-------',
      ),
      fc.array(block, { maxLength: 4 }),
    );
    fc.assert(
      fc.property(
        fc.array(block, { maxLength: 2 }),
        fc.array(section, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (intro, sections, newline) => {
          const text =
            ['# A review', ...intro, ...sections.flatMap(([heading, blocks]) => [heading, ...blocks])].join(
              '\n\n',
            ) + (newline ? '\n' : '');
          const [document] = analyzeSource({ path: '2025-01-01-review.md', text, diagnostics: [] }).reviews;
          if (document === undefined) throw new Error('no review');
          const fromText = reviewBody(document.review, { resolveLink: link }).value;
          expect(parsedReviewBody(document, { resolveLink: link }).value).toBe(fromText);
        },
      ),
      { numRuns: 400 },
    );
  });
});
