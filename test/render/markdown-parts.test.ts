import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderMarkdownParts } from '../../src/render/html/index.js';

/** Blocks a section may hold, each complete (a part of a review never leaves a fence or comment open). */
const block = fc.oneof(
  fc.constantFrom(
    'A paragraph with `code`, **bold** and a [link](https://a.example/x).',
    'A line\nwith a soft break and https://bare.example/path.',
    '- one\n- two\n  - nested',
    '1. first\n2. second',
    '> a quote\n> that goes on',
    '```text\nlog line <b>\n```',
    '    indented code',
    '| a | b |\n|--:|---|\n| 1 | 2 |',
    '### A heading',
    '- [x] done\n- [ ] open',
    '<details>\n<summary>Logs</summary>\n\nInside.\n\n</details>',
    '<!-- a comment -->',
    'Text with <kbd>Ctrl</kbd> in it.',
    '---',
    '  An indented paragraph.',
    'Lazy\ncontinuation',
  ),
  fc.stringMatching(/^[a-z ]{1,30}$/).filter((s) => s.trim() !== ''),
);
const part = fc.array(block, { maxLength: 4 }).map((blocks) => blocks.join('\n\n'));

describe('renderMarkdownParts', () => {
  it('renders each part as it renders alone, when no part refers to another', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
        const together = renderMarkdownParts(parts, { minHeadingLevel: 3 }).map(String);
        const alone = parts.map((p) => String(renderMarkdown(p, { minHeadingLevel: 3 })));
        expect(together.map(normal)).toEqual(alone.map(normal));
      }),
      { numRuns: 300 },
    );
  });
});

/** Sanitised parts may differ from unsanitised ones in blank lines only. */
function normal(markup: string): string {
  return markup.replace(/\n+/g, '\n').trim();
}
