import type { SectionKind } from '../model/section-kind.js';
import { type Block, flat, type HeadingBlock, type ListBlock, type ListItem } from './blocks.js';
import { classifyHeading, stripDecoration } from './headings.js';

export interface SectionNode {
  readonly kind: SectionKind;
  /** The heading as written, in plain text; '' for text before the first heading. */
  readonly heading: string;
  readonly depth: number;
  readonly line: number;
  /** First line after the heading. */
  readonly bodyLine: number;
  readonly endLine: number;
  readonly markdown: string;
  readonly blocks: readonly Block[];
  /** A labelled bullet (`- **Impact**: …`) read as a section; its text stays inside its parent's. */
  readonly nested?: true;
}

export interface Outline {
  readonly titleHeading: HeadingBlock | null;
  /** Blocks between the title and the first section. */
  readonly intro: readonly Block[];
  readonly introLine: number;
  readonly sections: readonly SectionNode[];
}

/** Sections whose sub-headings are their own structure (timestamps, "Why?"), never new sections. */
const KEEPS_SUBHEADINGS: ReadonlySet<SectionKind> = new Set(['timeline', 'whys']);

/**
 * Splits a document into its title, intro and sections. Sections are the headings one level below the title;
 * a deeper heading that names a different kind ("### What went well" under "## Lessons") starts its own.
 */
export function outline(
  blocks: readonly Block[],
  sourceLines: readonly string[],
  bodyStartLine: number,
): Outline {
  const headings = blocks.filter((b): b is HeadingBlock => b.type === 'heading');
  const first = headings[0];
  const titleHeading =
    first &&
    first.depth === 1 &&
    (headings.filter((h) => h.depth === 1).length === 1 || classifyHeading(first.inline.text) === 'other')
      ? first
      : null;
  const sectionHeadings = headings.filter((h) => h !== titleHeading);
  const sectionDepth = dominantDepth(sectionHeadings);

  const starts: { heading: HeadingBlock; kind: SectionKind }[] = [];
  let current: SectionKind | null = null;
  for (const heading of sectionHeadings) {
    const kind = classifyHeading(heading.inline.text);
    const opensSection =
      heading.depth <= sectionDepth ||
      (kind !== 'other' && (current === null || (kind !== current && !KEEPS_SUBHEADINGS.has(current))));
    if (opensSection) {
      starts.push({ heading, kind });
      current = kind;
    }
  }

  const introStart = titleHeading ? titleHeading.endLine + 1 : bodyStartLine;
  const firstSectionLine = starts[0]?.heading.line ?? Number.POSITIVE_INFINITY;
  const intro = blocks.filter((b) => b !== titleHeading && b.line >= introStart && b.line < firstSectionLine);
  const sections = starts.map(({ heading, kind }, i) => {
    const endLine = (starts[i + 1]?.heading.line ?? sourceLines.length + 1) - 1;
    return {
      kind,
      heading: stripDecoration(flat(heading.inline.text)),
      depth: heading.depth,
      line: heading.line,
      bodyLine: heading.endLine + 1,
      endLine,
      markdown: sliceLines(sourceLines, heading.endLine + 1, endLine),
      blocks: blocks.filter((b) => b.line > heading.endLine && b.line <= endLine),
    };
  });
  return { titleHeading, intro, introLine: introStart, sections };
}

/**
 * The level sections are written at: the one with the most headings that name a section kind (the shallower on
 * a tie), so a stray `# Stats` at the end does not swallow the `##` sections above it.
 */
function dominantDepth(headings: readonly HeadingBlock[]): number {
  const counts = new Map<number, number>();
  for (const h of headings)
    if (classifyHeading(h.inline.text) !== 'other') counts.set(h.depth, (counts.get(h.depth) ?? 0) + 1);
  let best = Math.min(...headings.map((h) => h.depth));
  let bestCount = counts.get(best) ?? 0;
  for (const [depth, count] of counts) {
    if (count > bestCount || (count === bestCount && depth < best)) {
      best = depth;
      bestCount = count;
    }
  }
  return best;
}

/** Lines `from`..`to` (1-based, inclusive) without blank lines at either end. */
export function sliceLines(lines: readonly string[], from: number, to: number): string {
  let start = from;
  let end = to;
  while (start <= end && (lines[start - 1] ?? '').trim() === '') start++;
  while (end >= start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines.slice(start - 1, end).join('\n');
}

/**
 * A bullet that opens with a label: bold words ended by a colon, a question mark (five whys' "**Why?**") or a dash
 * (`**Impact**: …`, `**Impact:** …`, `**Impact** — …`), or alone above a list (`**Key events**`); not a sentence or
 * a step's title in bold.
 */
function isLabelled(item: ListItem): boolean {
  const label = item.inline.leadingStrong?.trim();
  if (label === undefined || label.length > MAX_LABEL) return false;
  if (/[:?]$/.test(label)) return true;
  const after = afterLabel(item);
  return SEPARATED.test(after) || (after.trim() === '' && item.children.length > 0);
}
/** What separates a label from its text. */
const SEPARATOR = String.raw`(?::|[—–]|-\s)`;
const SEPARATED = new RegExp(String.raw`^\s*${SEPARATOR}`);
const LABEL_END = new RegExp(String.raw`^\s*${SEPARATOR}?\s*`);
const MAX_LABEL = 60;

/** Words after the label, or a list under it. */
function hasContent(item: ListItem): boolean {
  return item.children.length > 0 || afterLabel(item).replace(LABEL_END, '').trim() !== '';
}

function afterLabel(item: ListItem): string {
  const label = item.inline.leadingStrong ?? '';
  return item.inline.text.slice(item.inline.text.indexOf(label) + label.length);
}

/**
 * Some teams write a review as one list of labelled bullets (`- **Impact**: …`, `- **Context**:` with the
 * timeline nested under it). Each label that names a kind becomes a section nested in its parent.
 */
export function labelledSections(section: SectionNode, lines: readonly string[]): SectionNode[] {
  const out: SectionNode[] = [];
  const lists = section.blocks
    .filter((block): block is ListBlock => block.type === 'list')
    .map((list) => ({ list, labelled: list.items.filter(isLabelled) }));
  const isLabelList = ({ list, labelled }: (typeof lists)[number]) =>
    labelled.length >= 2 && labelled.length >= list.items.length / 2;
  // A paragraph may split such a list ("Full details are in the notes." before "- **Review actions**:"): after one,
  // a bullet list of labels written like its own (`**Label**:`) belongs with it.
  const afterLabelList = lists.some(isLabelList);
  const continuesIt = ({ list, labelled }: (typeof lists)[number]) =>
    afterLabelList && !list.ordered && labelled.length === list.items.length && labelled.every(hasContent);
  for (const entry of lists) {
    if (!isLabelList(entry) && !continuesIt(entry)) continue;
    for (const item of entry.labelled) {
      const label = (item.inline.leadingStrong ?? '').replace(/[:\s]+$/, '').trim();
      const kind = classifyHeading(label);
      if (kind === 'other') continue;
      const rest = flat(afterLabel(item)).replace(LABEL_END, '');
      const lead: Block[] =
        rest === ''
          ? []
          : [
              {
                type: 'paragraph',
                inline: { ...item.inline, text: rest, leadingStrong: null },
                line: item.line,
                endLine: item.line,
              },
            ];
      out.push({
        kind,
        heading: label,
        depth: section.depth + 1,
        line: item.line,
        bodyLine: item.line,
        endLine: item.endLine,
        markdown: sliceLines(lines, item.line, item.endLine),
        blocks: [...lead, ...item.children],
        nested: true,
      });
    }
  }
  return out;
}
