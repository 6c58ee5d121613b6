/**
 * The block tree the markdown adapter produces: just what review extraction needs, with 1-based source
 * lines. Keeping our own small tree (instead of a parser's tokens) is what lets the parser be swapped.
 */
export interface Inline {
  /** Plain text; soft line breaks kept as '\n'. */
  readonly text: string;
  /** The markdown source of the inline content. */
  readonly source: string;
  readonly links: readonly Link[];
  /** Images, with their source as `href` and alt text as `text`. */
  readonly images: readonly Link[];
  /** Plain text of a strong span that opens the content (`**Date:** …`), else null. */
  readonly leadingStrong: string | null;
  /** True when all of the text is struck through. */
  readonly struck: boolean;
}

export interface Link {
  readonly href: string;
  readonly text: string;
}

interface Positioned {
  /** First line, 1-based. */
  readonly line: number;
  /** Last line, 1-based, inclusive. */
  readonly endLine: number;
}

export interface HeadingBlock extends Positioned {
  readonly type: 'heading';
  readonly depth: number;
  readonly inline: Inline;
}

export interface ParagraphBlock extends Positioned {
  readonly type: 'paragraph';
  readonly inline: Inline;
}

export interface ListItem extends Positioned {
  /** `[x]`/`☒` → true, `[ ]`/`☐` → false, no box → null. */
  readonly checked: boolean | null;
  /** The item's first paragraph with any checkbox removed. */
  readonly inline: Inline;
  /** Every block inside the item after its first paragraph. */
  readonly children: readonly Block[];
}

export interface ListBlock extends Positioned {
  readonly type: 'list';
  readonly ordered: boolean;
  readonly items: readonly ListItem[];
}

export interface TableRow {
  readonly line: number;
  readonly cells: readonly Inline[];
}

export interface TableBlock extends Positioned {
  readonly type: 'table';
  readonly header: readonly Inline[];
  readonly rows: readonly TableRow[];
}

export interface CodeBlock extends Positioned {
  readonly type: 'code';
  readonly text: string;
}

export interface HtmlBlock extends Positioned {
  readonly type: 'html';
  readonly text: string;
}

export interface QuoteBlock extends Positioned {
  readonly type: 'blockquote';
  readonly children: readonly Block[];
}

export interface RuleBlock extends Positioned {
  readonly type: 'hr';
}

export type Block =
  HeadingBlock | ParagraphBlock | ListBlock | TableBlock | CodeBlock | HtmlBlock | QuoteBlock | RuleBlock;

export const EMPTY_INLINE: Inline = {
  text: '',
  source: '',
  links: [],
  images: [],
  leadingStrong: null,
  struck: false,
};

/** Plain text on one line. */
export function flat(text: string): string {
  return NEEDS_FOLDING.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

const NEEDS_FOLDING = /\s\s|[^\S ]/;
