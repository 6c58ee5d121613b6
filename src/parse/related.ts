import type { Block, Inline } from './blocks.js';
import { decodeHref } from './hrefs.js';

const REVIEW_FILE = /(?:^|\/)(\d{4}-\d{2}-\d{2}-[^/#?]+?)(?:\.(?:md|markdown|html?|rst))?\/?(?:[#?].*)?$/;

/** Ids of other reviews this one links to: relative links to date-named review files or pages. */
export function readRelatedLinks(blocks: readonly Block[], ownId: string): string[] {
  const ids = new Set<string>();
  const visitInline = (inline: Inline) => {
    for (const link of inline.links) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link.href) || link.href.startsWith('#')) continue;
      const id = REVIEW_FILE.exec(decodeHref(link.href))?.[1];
      if (id && id !== ownId && !/\.(png|jpe?g|gif|svg|webp)$/i.test(link.href)) ids.add(id);
    }
  };
  walk(blocks, visitInline);
  return [...ids];
}

export function walk(blocks: readonly Block[], visit: (inline: Inline) => void): void {
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
      case 'paragraph':
        visit(block.inline);
        break;
      case 'list':
        for (const item of block.items) {
          visit(item.inline);
          walk(item.children, visit);
        }
        break;
      case 'table':
        for (const cell of block.header) visit(cell);
        for (const row of block.rows) for (const cell of row.cells) visit(cell);
        break;
      case 'blockquote':
        walk(block.children, visit);
        break;
      default:
        break;
    }
  }
}
