/** Control characters no review text holds around each matched word; the caller turns them into highlighting. */
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

const WIDTH = 180;

/**
 * The passage of `text` around the first matched word, matches marked. Done here rather than with FTS5's
 * `snippet()`, which tokenizes every matching review again and was most of a search's time. The index stems
 * words (porter), so a word matches on its stem: "failed" finds "failing".
 */
export function snippetOf(texts: readonly string[], words: readonly string[]): string {
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${words.map(stemOf).map(escapeRegExp).join('|')})[\\p{L}\\p{N}]*`,
    'giu',
  );
  for (const text of texts) {
    // Our own markers must not appear in the text they mark.
    // eslint-disable-next-line no-control-regex
    const plain = text.replace(/[\u0000-\u0008\u000b-\u001f]/g, ' ');
    pattern.lastIndex = 0;
    const first = pattern.exec(plain);
    if (!first) continue;
    const start = Math.max(0, plainStart(plain, first.index - WIDTH / 3));
    const end = Math.min(plain.length, start + WIDTH);
    const passage = plain.slice(start, end).replace(/\s+/g, ' ');
    const marked = passage.replace(pattern, (word) => `${MATCH_START}${word}${MATCH_END}`);
    return `${start > 0 ? '…' : ''}${marked}${end < plain.length ? '…' : ''}`;
  }
  const fallback = texts.find((t) => t.trim() !== '') ?? '';
  return fallback.slice(0, WIDTH).replace(/\s+/g, ' ');
}

function plainStart(text: string, from: number): number {
  if (from <= 0) return 0;
  const space = text.indexOf(' ', from);
  return space === -1 ? from : space + 1;
}

function stemOf(word: string): string {
  const lower = word.toLowerCase();
  const stem = lower.replace(/(?:ing|ed|es|s|e|y)$/, '');
  return stem.length >= 3 ? stem : lower;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
