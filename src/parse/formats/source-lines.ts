import type { SourceFormat } from '../../model/review.js';

/** Formats read as they are, or rewritten line for line: their lines are the source's. */
const SAME_LINES: ReadonlySet<SourceFormat> = new Set(['markdown', 'text', 'git-patch', 'myst']);

/**
 * Line N of a converter's markdown → the line of the source that holds the same words, so a diagnostic points
 * into the file the user has (the converters keep no positions through to markdown). A line whose words cannot be
 * found maps to the last line found before it, or 1.
 */
export function sourceLineMapper(
  format: SourceFormat,
  source: string | null,
  markdown: string | null,
): (line: number) => number {
  if (SAME_LINES.has(format) || source === null || markdown === null) return (line) => line;
  let sourceLines: string[] | null = null;
  let markdownLines: string[] | null = null;
  return (line) => {
    sourceLines ??= source.split('\n');
    markdownLines ??= markdown.split('\n');
    for (let at = line; at >= 1; at--) {
      const found = findWords(sourceLines, wordsOf(markdownLines[at - 1] ?? ''));
      if (found !== null) return found;
    }
    return 1;
  };
}

function wordsOf(line: string): string[] {
  return (line.match(/[\p{L}\d][\p{L}\d:'’.-]{2,}/gu) ?? []).slice(0, 4);
}

function findWords(lines: readonly string[], words: readonly string[]): number | null {
  if (words.length === 0) return null;
  const index = lines.findIndex((line) => words.every((word) => line.includes(word)));
  return index < 0 ? null : index + 1;
}
