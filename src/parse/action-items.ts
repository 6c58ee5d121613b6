import type { ActionItem } from '../model/review.js';
import { type Block, flat, type Inline, type ListItem, type TableBlock } from './blocks.js';
import { normalizeHeading } from './headings.js';

const OWNER_MENTION = /(?:^|[\s(,])@([A-Za-z0-9][\w.-]*[\w])/g;
const OWNER_LABEL = /\b(?:owner|assignee|assigned to|owned by)\s*[:=-]\s*([^,;)\]]+)/i;
const DUE = /\b(?:due|deadline|by)\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\b/i;
const BARE_URL = /\bhttps?:\/\/[^\s)>\]]+/;
const BARE_URLS = new RegExp(BARE_URL.source, 'g');
const DONE_MARK = /^(?:✅|✔️?|\(done\)|\[done\]|done:|completed:)\s*/i;
const DONE_STATUS =
  /^(done|complete|completed|closed|fixed|resolved|finished|shipped|merged|yes|✅|✔|✓|x)\b/i;
const PLACEHOLDER_LINE = /^\[[^\]]*\]$|^(tbd|todo|n\/a|none|-+|…|\.\.\.)$/i;
const COMPLETED_HEADING = /\b(completed|done|finished|closed)\b/;

/** Reads action items from an action section: task lists, plain bullets, or a table with Owner/Due/Status columns. */
export function readActionItems(blocks: readonly Block[]): ActionItem[] {
  const items: ActionItem[] = [];
  let doneByHeading = false;
  const structured = blocks.some((b) => b.type === 'list' || b.type === 'table');
  for (const block of blocks) {
    if (block.type === 'paragraph' && !structured) collectLines(block.inline, block.line, items);
    if (block.type === 'heading') doneByHeading = COMPLETED_HEADING.test(normalizeHeading(block.inline.text));
    else if (block.type === 'list') collectList(block.items, doneByHeading, items);
    else if (block.type === 'table') collectTable(block, items);
  }
  return items;
}

/** A section of bare lines (plain text, an email) lists one task per line; an italic prompt is not one. */
function collectLines(inline: Inline, line: number, into: ActionItem[]): void {
  if (/^\s*[*_]/.test(inline.source) && /[*_]\s*$/.test(inline.source)) return;
  inline.text.split('\n').forEach((text, offset) => {
    const words = flat(text);
    if (words !== '' && !PLACEHOLDER_LINE.test(words))
      into.push(fromInline({ ...inline, text, links: [] }, line + offset, false));
  });
}

function collectList(listItems: readonly ListItem[], doneByDefault: boolean, into: ActionItem[]): void {
  for (const item of listItems) {
    const nested = item.children.flatMap((b) => (b.type === 'list' ? b.items : []));
    const isGroupLabel =
      item.checked === null &&
      nested.length > 0 &&
      /:\s*$|^\S.{0,40}$/.test(flat(item.inline.text)) &&
      nested.some((n) => n.checked !== null);
    if (!isGroupLabel && flat(item.inline.text) !== '')
      into.push(fromInline(item.inline, item.line, item.checked ?? doneByDefault));
    const nestedTasks = isGroupLabel ? nested : nested.filter((n) => n.checked !== null);
    collectList(nestedTasks, doneByDefault, into);
  }
}

function fromInline(inline: Inline, line: number, checked: boolean): ActionItem {
  const raw = flat(inline.text);
  const doneMark = DONE_MARK.test(raw);
  const owner = findOwner(raw);
  const due = DUE.exec(raw)?.[1] ?? null;
  const link = inline.links.find((l) => /^https?:\/\//.test(l.href))?.href ?? BARE_URL.exec(raw)?.[0] ?? null;
  return {
    text: tidy(raw.replace(DONE_MARK, '')),
    done: checked || doneMark || inline.struck,
    owner,
    link,
    due,
    line,
  };
}

function findOwner(text: string): string | null {
  const mentions = [...text.matchAll(OWNER_MENTION)].map((m) => m[1] as string);
  if (mentions.length > 0) return mentions.join(', ');
  const labelled = OWNER_LABEL.exec(text)?.[1]?.trim();
  return labelled ? labelled : null;
}

/** The item's words without the metadata written into it: `due:` date, `@owner` mentions, bare URLs. */
function tidy(text: string): string {
  return text
    .replace(/\bdue\s*[:=]?\s*\d{4}-\d{2}-\d{2}\b/gi, '')
    .replace(OWNER_MENTION, (match) => (/^[\s(,]/.test(match) ? match.charAt(0) : ''))
    .replace(BARE_URLS, '')
    .replace(/\(\s*[,;—–-]?\s*/g, '(')
    .replace(/\s*[,;—–-]?\s*\)/g, ')')
    .replace(/\(\)/g, '')
    .replace(/(\s*[—–]\s*)+/g, ' — ')
    .replace(/\s+([,.;])/g, '$1')
    .replace(/([,;])(\s*[,;])+/g, '$1')
    .replace(/^[\s,;—–-]+|[\s,;—–-]+$/g, '')
    .replace(/\s+/g, ' ');
}

function collectTable(table: TableBlock, into: ActionItem[]): void {
  const headers = table.header.map((cell) => flat(cell.text).toLowerCase());
  const column = (pattern: RegExp) => headers.findIndex((h) => pattern.test(h));
  const owner = column(/\b(owner|assignee|who|responsible|assigned|team)\b/);
  const due = column(/\b(due|deadline|target|eta|by when)\b/);
  const status = column(/\b(status|state|done|complete)\b/);
  const link = column(/\b(link|ticket|issue|tracker|jira|url|pr|reference)\b/);
  const taken = [owner, due, status, link];
  const named = column(/\b(action|item|task|description|what|title|follow|remediation|todo)\b/);
  const text = named >= 0 && !taken.includes(named) ? named : headers.findIndex((_, i) => !taken.includes(i));
  if (text < 0) return;
  for (const row of table.rows) {
    const cell = (i: number) => (i >= 0 ? row.cells[i] : undefined);
    const textCell = cell(text);
    if (!textCell || flat(textCell.text) === '') continue;
    const base = fromInline(textCell, row.line, false);
    const statusText = flat(cell(status)?.text ?? '');
    const ownerText = flat(cell(owner)?.text ?? '').replace(/^@/, '');
    const dueText = /\d{4}-\d{2}-\d{2}/.exec(cell(due)?.text ?? '')?.[0] ?? null;
    const linkCell = cell(link);
    const linkHref = linkCell?.links[0]?.href ?? BARE_URL.exec(linkCell?.text ?? '')?.[0] ?? null;
    into.push({
      ...base,
      done: base.done || DONE_STATUS.test(statusText),
      owner: ownerText !== '' && !/^(tbd|n\/a|-|none|\?)$/i.test(ownerText) ? ownerText : base.owner,
      due: dueText ?? base.due,
      link: linkHref ?? base.link,
    });
  }
}
