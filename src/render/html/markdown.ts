import { MarkdownIt } from '../../parse/markdown-it.js';
import type Token from 'markdown-it/lib/token.mjs';
import { Html } from './escape.js';
import { sanitizeRawHtml } from './raw-html.js';

export interface MarkdownOptions {
  /**
   * Where a link or image in the review points on this page: given the URL as written, the URL to use, or null to
   * drop the link (its text stays). Relative links to other reviews become links to their pages this way.
   */
  readonly resolveLink?: (href: string) => string | null;
  /** The lowest heading level a review's own headings may take (the page title is h1, sections h2). */
  readonly minHeadingLevel?: number;
  /** Link reference definitions made elsewhere in the document (`linkReferences`), for `[text][label]` links. */
  readonly references?: LinkReferences;
}

/** Link reference definitions by normalised label, as markdown-it keeps them (safe URLs only: see `isSafeUrl`). */
export type LinkReferences = Readonly<Record<string, { readonly href: string; readonly title: string }>>;

/** Our own token, not `html_inline`: a task list is no reason to sanitise a text. */
const TASK_BOX = 'task_checkbox';

/**
 * The sanitising renderer. Links and images may only use http(s), mailto or relative URLs — `javascript:`, `data:`,
 * `vbscript:`, `file:` and any other scheme are dropped. The markup is built by markdown-it's own escaping renderer,
 * so this is the one place where review text becomes HTML (see ARCHITECTURE.md, "Rendering HTML"). HTML written in
 * the markdown (`<details>`, `<img width>`, `<!-- more -->`) is parsed as CommonMark says, and a text that holds any
 * is passed through the allowlist of `raw-html.ts` as a whole, as GitHub does: kept tags work, the rest is removed.
 * Bare `https://…` addresses become links, as GitHub's autolinks do (not bare domains, `www.…` or e-mail
 * addresses, which log lines and commands are full of).
 */
function sanitisingRenderer(linkify: boolean): ReturnType<typeof MarkdownIt> {
  const md = MarkdownIt('default', { html: true, linkify, typographer: false });
  md.validateLink = isSafeUrl;
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false }).add('//', null);
  md.core.ruler.after('inline', 'task-list', (state) => markTaskItems(state.tokens));
  // A wide table scrolls in its own box (site.css) instead of widening the page. A box that scrolls, as a long line
  // of code does, is focusable, so it can be scrolled from the keyboard (axe: scrollable-region-focusable).
  md.renderer.rules.table_open = () => '<div class="table-wrap" tabindex="0"><table>\n';
  md.renderer.rules.table_close = () => '</table></div>\n';
  for (const rule of ['fence', 'code_block'] as const) {
    const plainRule = md.renderer.rules[rule];
    md.renderer.rules[rule] = (...args) =>
      (plainRule?.(...args) ?? '').replace(/^<pre>/, '<pre tabindex="0">');
  }
  md.renderer.rules[TASK_BOX] = (tokens, index) => {
    const done = tokens[index]?.meta === true;
    return `<input type="checkbox" disabled${done ? ' checked' : ''} aria-label="${done ? 'done' : 'open'}"> `;
  };
  return md;
}
const plain = sanitisingRenderer(false);
/** Looking for addresses in every text costs more than the rest of rendering: only a text with one does. */
const linking = sanitisingRenderer(true);
const MAY_HOLD_ADDRESS = /:\/\//;

const SAFE_SCHEME = /^(?:https?|mailto):/i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** http(s), mailto, or a URL without a scheme (relative, `#anchor`, `//host` is refused too). */
export function isSafeUrl(url: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so judge without them.
  // eslint-disable-next-line no-control-regex
  const plain = url.replace(/[\u0000-\u0020\u007f]/g, '');
  if (plain.startsWith('//')) return false;
  return SAFE_SCHEME.test(plain) || !ANY_SCHEME.test(plain);
}

export function renderMarkdown(markdown: string, options: MarkdownOptions = {}): Html {
  // markdown-it adds the text's own definitions to the object it is given: a copy keeps the caller's as it was.
  const md = MAY_HOLD_ADDRESS.test(markdown) ? linking : plain;
  const tokens = md.parse(markdown, options.references ? { references: { ...options.references } } : {});
  const minHeadingLevel = options.minHeadingLevel ?? 1;
  if (!holdsHtml(tokens)) {
    adjust(tokens, options);
    return new Html(md.renderer.render(tokens, md.options, {}));
  }
  // The allowlist resolves every link, the HTML's and markdown's alike: resolving here too would do it twice.
  adjust(tokens, { minHeadingLevel });
  const markup = md.renderer.render(tokens, md.options, {});
  return new Html(sanitizeRawHtml(markup, { isSafeUrl, resolveLink: options.resolveLink, minHeadingLevel }));
}

function holdsHtml(tokens: readonly Token[]): boolean {
  return tokens.some(
    (token) =>
      token.type === 'html_block' ||
      (token.type === 'inline' && token.children?.some((c) => c.type === 'html_inline')),
  );
}

/**
 * The link reference definitions of a document rendered in parts (a review, section by section): a definition holds
 * for the whole document, and reviews mostly keep theirs at the end, below the last section's text. The first
 * definition of a label wins, as in one document. Null when the parts define none.
 */
export function linkReferences(parts: readonly string[]): LinkReferences | null {
  const env: { references?: LinkReferences } = {};
  // Every definition has "]:"; a part without one is not parsed a second time.
  for (const part of parts) if (part.includes(']:')) plain.parse(part, env);
  return env.references ?? null;
}

function adjust(tokens: readonly Token[], options: MarkdownOptions): void {
  const minLevel = options.minHeadingLevel ?? 1;
  for (const token of tokens) {
    if (
      (token.type === 'heading_open' || token.type === 'heading_close') &&
      Number(token.tag.slice(1)) < minLevel
    )
      token.tag = `h${Math.min(6, minLevel)}`;
    if (token.children) adjust(token.children, options);
    if (options.resolveLink && (token.type === 'link_open' || token.type === 'image')) {
      const attribute = token.type === 'image' ? 'src' : 'href';
      const written = token.attrGet(attribute);
      if (written === null) continue;
      const resolved = options.resolveLink(written);
      if (resolved === null) token.attrs = (token.attrs ?? []).filter(([name]) => name !== attribute);
      else token.attrSet(attribute, resolved);
    }
  }
}

const TASK = /^\[([ xX])\]\s+/;

/** GFM task list items (`- [x] done`) get a read-only checkbox instead of the literal brackets. */
function markTaskItems(tokens: Token[]): void {
  tokens.forEach((token, i) => {
    if (token.type !== 'inline' || tokens[i - 1]?.type !== 'paragraph_open') return;
    if (tokens[i - 2]?.type !== 'list_item_open') return;
    const first = token.children?.[0];
    const match = first?.type === 'text' ? TASK.exec(first.content) : null;
    if (!first || !match) return;
    first.content = first.content.slice(match[0].length);
    const box = new (first.constructor as typeof Token)(TASK_BOX, '', 0);
    box.meta = match[1] !== ' ';
    token.children?.unshift(box);
    tokens[i - 2]?.attrJoin('class', 'task');
  });
}
