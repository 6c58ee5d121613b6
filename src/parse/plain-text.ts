import { classifyHeading } from './headings.js';

/** Copied web pages mark headings with a trailing permalink sign: "What happened#", "Purpose¶". */
const PERMALINK_HEADING = /^(\S.{0,80}?)\s*[#¶]$/;

/**
 * Plain text (an email, an export, a page copied from a browser) has no markup for headings. A short line
 * standing alone that names a section ("Impact", "Action items (→ Linear)"), or ends in a permalink sign,
 * becomes one. Lines keep their numbers, so positions still point into the file.
 */
export function markUpPlainText(text: string): string {
  const lines = text.split('\n');
  const firstLine = lines.findIndex((line) => line.trim() !== '');
  const out = lines.map((line, i) => {
    const trimmed = line.trim();
    const before = i === 0 ? '' : (lines[i - 1] ?? '').trim();
    if (trimmed === '' || /^[#>*+|-]|^\d+[.)]\s/.test(trimmed)) return line;
    const permalink = PERMALINK_HEADING.exec(trimmed);
    if (permalink) {
      return `${i === firstLine ? '#' : '##'} ${permalink[1]}`;
    }
    const standsAlone = before === '' && trimmed.length <= 60 && !/[.,;]$/.test(trimmed);
    if (standsAlone && classifyHeading(trimmed) !== 'other') return `## ${trimmed}`;
    return line;
  });
  return out.join('\n');
}
