import type { AnalyzedReview } from '../parse/parse-review.js';

export interface ProseLine {
  /** 1-based. */
  readonly line: number;
  readonly text: string;
}

const FENCE = /^\s*(```|~~~)/;

/**
 * The lines a person wrote as prose: not front matter, not fenced code, with HTML comments blanked out
 * (columns kept). Rules that look for words read these.
 */
export function proseLines(document: AnalyzedReview): readonly ProseLine[] {
  const known = PROSE.get(document);
  if (known) return known;
  const lines = readProse(document);
  PROSE.set(document, lines);
  return lines;
}

/** Several rules read the same prose: it is worked out once per document. */
const PROSE = new WeakMap<AnalyzedReview, readonly ProseLine[]>();

function readProse(document: AnalyzedReview): ProseLine[] {
  const out: ProseLine[] = [];
  let fence: string | null = null;
  let inComment = false;
  document.lines.forEach((raw, index) => {
    if (index < document.frontMatterLines) return;
    const fenceMatch = FENCE.exec(raw);
    if (fence !== null) {
      if (fenceMatch?.[1] === fence) fence = null;
      return;
    }
    if (fenceMatch) {
      fence = fenceMatch[1] ?? null;
      return;
    }
    let text = '';
    let rest = raw;
    while (rest !== '') {
      if (inComment) {
        const close = rest.indexOf('-->');
        if (close < 0) {
          text += ' '.repeat(rest.length);
          rest = '';
        } else {
          text += ' '.repeat(close + 3);
          rest = rest.slice(close + 3);
          inComment = false;
        }
      } else {
        const open = rest.indexOf('<!--');
        if (open < 0) {
          text += rest;
          rest = '';
        } else {
          text += rest.slice(0, open);
          rest = rest.slice(open);
          inComment = true;
        }
      }
    }
    out.push({ line: index + 1, text: text.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length)) });
  });
  return out;
}
