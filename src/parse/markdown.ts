import { MarkdownIt } from './markdown-it.js';
import type Token from 'markdown-it/lib/token.mjs';
import { type Block, EMPTY_INLINE, type Inline, type Link, type ListItem, type TableRow } from './blocks.js';

/**
 * The one module that knows which CommonMark/GFM parser we use. markdown-it was chosen for speed
 * (about 7× remark on our 10k-review benchmark; version 14, twice as fast here as 15, see docs/benchmarks.md); swapping it means rewriting only this file.
 */
const md = MarkdownIt('default', { html: true, linkify: false });

/**
 * What markdown-it made of a text, kept for a renderer that can start from it instead of reading the text again
 * (`renderParsedParts`). It defines no link references, which resolve at parse time, when `references` is false.
 */
export interface MarkdownTokens {
  readonly text: string;
  readonly tokens: Token[];
  readonly references: boolean;
}

/** Our block tree of a text, and markdown-it's tokens it was read from. */
export function parseMarkdown(text: string): { blocks: Block[]; parsed: MarkdownTokens } {
  const env: { references?: Record<string, unknown> } = {};
  const tokens = md.parse(text, env);
  const blocks = readBlocks({ tokens, index: 0 }, null);
  return { blocks, parsed: { text, tokens, references: Object.keys(env.references ?? {}).length > 0 } };
}

interface Cursor {
  readonly tokens: Token[];
  index: number;
}

function readBlocks(cursor: Cursor, closeType: string | null): Block[] {
  const blocks: Block[] = [];
  while (cursor.index < cursor.tokens.length) {
    const token = cursor.tokens[cursor.index] as Token;
    if (token.type === closeType) {
      cursor.index++;
      return blocks;
    }
    const block = readBlock(cursor, token);
    if (block) blocks.push(block);
  }
  return blocks;
}

function lines(token: Token): { line: number; endLine: number } {
  const [start, end] = token.map ?? [0, 1];
  return { line: start + 1, endLine: Math.max(start + 1, end) };
}

function readBlock(cursor: Cursor, token: Token): Block | null {
  const at = lines(token);
  switch (token.type) {
    case 'heading_open': {
      const inline = toInline(cursor.tokens[cursor.index + 1]);
      cursor.index += 3;
      return { type: 'heading', depth: Number(token.tag.slice(1)), inline, ...at };
    }
    case 'paragraph_open': {
      const inline = toInline(cursor.tokens[cursor.index + 1]);
      cursor.index += 3;
      return { type: 'paragraph', inline, ...at };
    }
    case 'bullet_list_open':
    case 'ordered_list_open': {
      cursor.index++;
      const items = readListItems(cursor, token.type.replace('_open', '_close'));
      return { type: 'list', ordered: token.type === 'ordered_list_open', items, ...at };
    }
    case 'table_open': {
      cursor.index++;
      return readTable(cursor, at);
    }
    case 'blockquote_open': {
      cursor.index++;
      return { type: 'blockquote', children: readBlocks(cursor, 'blockquote_close'), ...at };
    }
    case 'fence':
    case 'code_block':
      cursor.index++;
      return { type: 'code', text: token.content, ...at };
    case 'html_block':
      cursor.index++;
      return { type: 'html', text: token.content, ...at };
    case 'hr':
      cursor.index++;
      return { type: 'hr', ...at };
    default:
      cursor.index++;
      return null;
  }
}

function readListItems(cursor: Cursor, closeType: string): ListItem[] {
  const items: ListItem[] = [];
  while (cursor.index < cursor.tokens.length) {
    const token = cursor.tokens[cursor.index] as Token;
    cursor.index++;
    if (token.type === closeType) break;
    if (token.type !== 'list_item_open') continue;
    const blocks = readBlocks(cursor, 'list_item_close');
    const [first, ...rest] = blocks;
    const leading = first?.type === 'paragraph' ? first.inline : null;
    const { checked, inline } = leading ? takeCheckbox(leading) : { checked: null, inline: EMPTY_INLINE };
    items.push({ checked, inline, children: leading ? rest : blocks, ...lines(token) });
  }
  return items;
}

const CHECKBOX = /^\s*(?:\[([ xX])\]|([☐☒☑✅✓✔]))\s*/u;

function takeCheckbox(inline: Inline): { checked: boolean | null; inline: Inline } {
  const match = CHECKBOX.exec(inline.text);
  if (!match) return { checked: null, inline };
  const checked = match[1] !== undefined ? match[1] !== ' ' : match[2] !== '☐';
  return {
    checked,
    inline: {
      ...inline,
      text: inline.text.slice(match[0].length),
      source: inline.source.replace(CHECKBOX, ''),
    },
  };
}

function readTable(cursor: Cursor, at: { line: number; endLine: number }): Block {
  let header: Inline[] = [];
  const rows: TableRow[] = [];
  let current: Inline[] | null = null;
  let rowLine = at.line;
  let inHead = false;
  while (cursor.index < cursor.tokens.length) {
    const token = cursor.tokens[cursor.index] as Token;
    cursor.index++;
    if (token.type === 'table_close') break;
    if (token.type === 'thead_open') inHead = true;
    else if (token.type === 'thead_close') inHead = false;
    else if (token.type === 'tr_open') {
      current = [];
      rowLine = lines(token).line;
    } else if (token.type === 'tr_close' && current) {
      if (inHead) header = current;
      else rows.push({ line: rowLine, cells: current });
      current = null;
    } else if (token.type === 'inline' && current) current.push(toInline(token));
  }
  return { type: 'table', header, rows, ...at };
}

/** `[^1]`, except a definition's label (`[^1]: note` opening a line); glued to a word, as in "2023-03-03[^3]:", it is a reference. */
const FOOTNOTE_REFERENCE = /(?<=\S)\[\^[^\]\s]+\]|\[\^[^\]\s]+\](?!:)/g;

function toInline(token: Token | undefined): Inline {
  if (token?.type !== 'inline') return EMPTY_INLINE;
  const links: Link[] = [];
  const images: Link[] = [];
  let text = '';
  let leadingStrong: string | null = null;
  let strongStart: number | null = null;
  let linkStart: number | null = null;
  let href = '';
  let struckChars = 0;
  let struckFrom: number | null = null;
  for (const child of token.children ?? []) {
    switch (child.type) {
      case 'text':
        // A footnote reference ("typosquatted[^1]") is a marker for the page, not words of the text.
        text += child.content.includes('[^') ? child.content.replace(FOOTNOTE_REFERENCE, '') : child.content;
        break;
      case 'code_inline':
        text += child.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += '\n';
        break;
      case 'image':
        images.push({ href: String(child.attrGet('src') ?? ''), text: child.content });
        text += child.content;
        break;
      case 'html_inline':
        if (/^<br\s*\/?>$/i.test(child.content)) text += '\n';
        break;
      case 'strong_open':
        if (text.trim() === '' && leadingStrong === null) strongStart = text.length;
        break;
      case 'strong_close':
        if (strongStart !== null) {
          leadingStrong = text.slice(strongStart);
          strongStart = null;
        }
        break;
      case 'link_open':
        href = String(child.attrGet('href') ?? '');
        linkStart = text.length;
        break;
      case 'link_close':
        if (linkStart !== null) links.push({ href, text: text.slice(linkStart) });
        linkStart = null;
        break;
      case 's_open':
        struckFrom = text.length;
        break;
      case 's_close':
        if (struckFrom !== null) struckChars += text.length - struckFrom;
        struckFrom = null;
        break;
    }
  }
  const cleaned = stripAttributeLists(text);
  return {
    text: cleaned,
    source: token.content,
    links,
    images,
    leadingStrong,
    struck: struckChars > 0 && struckChars >= cleaned.trim().length,
  };
}

/** Kramdown's `{: .class }` attribute lists (Jekyll) are markup, not text. */
function stripAttributeLists(text: string): string {
  return text.includes('{:') ? text.replace(/\{:[^}]*\}/g, '') : text;
}
