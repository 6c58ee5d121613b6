import { type Block, flat } from './blocks.js';
import { normalizeHeading } from './headings.js';

const WHY_MARKER = /\bwhy\s*[?:]/i;
const WHY_PREFIX = /^(?:\d+[.)]\s*)?(?:why\s*(?:\d+|#\d+)?\s*[?:.]+\s*)/i;
/** The problem statement a chain may open with ("**What?** Several services …"), kept as a `What?` heading's is. */
const WHAT_LABEL = /^what\s*[?:]+\s*/i;

/** The chain of a five-whys analysis: list items, or the text under each `Why?` heading. */
export function readWhys(blocks: readonly Block[]): string[] {
  const whys: string[] = [];
  let underHeading = false;
  for (const block of blocks) {
    if (block.type === 'heading') {
      underHeading = true;
      const rest = flat(block.inline.text).replace(WHY_PREFIX, '');
      if (rest !== '' && !/^(why|what)$/.test(normalizeHeading(rest))) {
        whys.push(rest);
        underHeading = false;
      }
    } else if (block.type === 'list') {
      for (const item of block.items) push(whys, flat(item.inline.text));
      underHeading = false;
    } else if (block.type === 'paragraph' && underHeading) {
      push(whys, flat(block.inline.text));
      underHeading = false;
    } else if (block.type === 'paragraph') {
      const text = flat(block.inline.text);
      const statement = WHAT_LABEL.exec(text)?.[0] ?? '';
      if (statement === '' && !WHY_MARKER.test(block.inline.text)) continue;
      // Hard-wrapped "**Why?** …" paragraphs: each marker starts an answer, wherever the lines break.
      for (const chunk of text.slice(statement.length).split(/(?=\bwhy\s*[?:])/i)) push(whys, chunk);
    }
  }
  return whys;
}

function push(into: string[], text: string): void {
  const cleaned = text.replace(WHY_PREFIX, '').trim();
  if (cleaned !== '') into.push(cleaned);
}
