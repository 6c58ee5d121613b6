import { createRequire } from 'node:module';
import type { PluginSimple, PluginWithOptions } from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { MarkdownTokens } from '../../parse/markdown.js';
import { MarkdownIt } from '../../parse/markdown-it.js';
import { Html } from './escape.js';
import { headingTag, sanitizeRawHtml } from './raw-html.js';

export interface MarkdownOptions {
  /**
   * Where a link or image in the review points on this page: given the URL as written, the URL to use, or null to
   * drop the link (its text stays). Relative links to other reviews become links to their pages this way.
   */
  readonly resolveLink?: (href: string) => string | null;
  /** The lowest heading level a review's own headings may take (the page title is h1, sections h2). */
  readonly minHeadingLevel?: number;
}

/** Our own token, not `html_inline`: a task list is no reason to sanitise a text. */
const TASK_BOX = 'task_checkbox';

/** The plugins' one-file CommonJS builds, each loaded by the first renderer that needs it. */
const load = createRequire(import.meta.url);

/**
 * The sanitising renderer. Links and images may only use http(s), mailto or relative URLs — `javascript:`, `data:`,
 * `vbscript:`, `file:` and any other scheme are dropped. The markup is built by markdown-it's own escaping renderer,
 * so this is the one place where review text becomes HTML (see ARCHITECTURE.md, "Rendering HTML"). HTML written in
 * the markdown (`<details>`, `<img width>`, `<!-- more -->`) is parsed as CommonMark says, and a text that holds any
 * is passed through the allowlist of `raw-html.ts` as a whole, as GitHub does: kept tags work, the rest is removed.
 * Bare `https://…` addresses become links, as GitHub's autolinks do (not bare domains, `www.…` or e-mail
 * addresses, which log lines and commands are full of), and footnotes work as on GitHub (`text[^1]` … `[^1]: note`),
 * as do emoji shortcodes (`:fire:`; a chat's own emoji, `:ship_it_parrot:`, stays as written, and `:)` is no emoji).
 */
function sanitisingRenderer(linkify: boolean, withFootnotes: boolean, withEmoji: boolean): Renderer {
  const md = MarkdownIt('default', { html: true, linkify, typographer: false });
  // The emoji plugin and its 1,800 names load only when a text has a shortcode.
  if (withEmoji) md.use((load('markdown-it-emoji') as { full: PluginWithOptions }).full, { shortcuts: {} });
  if (withFootnotes) {
    md.use(load('markdown-it-footnote') as PluginSimple);
    const backReference = md.renderer.rules.footnote_anchor;
    md.renderer.rules.footnote_anchor = (...args) =>
      (backReference?.(...args) ?? '').replace('<a ', '<a aria-label="Back to the text" ');
  }
  md.validateLink = isSafeUrl;
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false }).add('//', null);
  // Addresses with a scheme are found by the inline rule as the text is read; the pass over every text afterwards
  // looks for the bare domains and e-mail addresses turned off above (a third of rendering's time when on).
  md.core.ruler.disable('linkify');
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
type Renderer = ReturnType<typeof MarkdownIt>;

/**
 * Looking for addresses, footnotes and emoji in every text costs more than the rest of rendering (about 60 and 15 µs
 * a review for the first two): a text gets a renderer that looks only for what it may hold, made on first use.
 */
const renderers = new Map<number, Renderer>();
function rendererFor(text: string): Renderer {
  const linkify = text.includes('://');
  const withFootnotes = text.includes('[^');
  const withEmoji = SHORTCODE.test(text);
  const key = Number(linkify) + 2 * Number(withFootnotes) + 4 * Number(withEmoji);
  let md = renderers.get(key);
  if (md === undefined) renderers.set(key, (md = sanitisingRenderer(linkify, withFootnotes, withEmoji)));
  return md;
}
const SHORTCODE = /:(?:[a-z][a-z0-9_+-]*|[+-]1):/;

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
  return renderMarkdownParts([markdown], options)[0] as Html;
}

/**
 * A document written in parts (a review's sections, each shown under a heading of its own) rendered as one document
 * and cut back into its parts: a link reference or footnote defined in one part (mostly at the very end) holds in
 * all, as in the file the parts come from, and the footnotes are listed at the end of the last part. Between two
 * parts stands an empty heading, which closes whatever the first left open (a list, a quote), as the part's own
 * heading did in that file; it is not rendered.
 */
export function renderMarkdownParts(parts: readonly string[], options: MarkdownOptions = {}): Html[] {
  const text = parts.join(PART_BREAK);
  const md = rendererFor(text);
  const env = {};
  return renderSlices(md, cutIntoParts(md.parse(text, env), parts), env, options);
}

/**
 * `renderMarkdownParts` of parts given as line ranges (1-based, inclusive) of a text the parser has read already,
 * rendered from its tokens instead of reading the text again (a third of a site build's rendering); parts never
 * overlap and stand in order. Null when the text holds what only the renderer reads — footnotes, emoji shortcodes,
 * bare addresses, links the renderer refuses — or defines link references (a part may not hold the definition):
 * render the parts' text then. The tokens are used up.
 */
export function renderParsedParts(
  parsed: MarkdownTokens,
  parts: readonly { readonly from: number; readonly to: number }[],
  options: MarkdownOptions = {},
): Html[] | null {
  const { text, tokens } = parsed;
  if (parsed.references || text.includes('[^') || SHORTCODE.test(text) || !readAlike(tokens)) return null;
  markTaskItems(tokens);
  const slices = parts.map((): Token[] => []);
  let part = -1;
  for (const token of tokens) {
    if (token.level === 0 && token.map) {
      const line = token.map[0] + 1;
      part = parts.findIndex(({ from, to }) => from <= line && line <= to);
    }
    if (part >= 0) slices[part]?.push(token);
  }
  // The parts' text ends where the last part does, so a block running to it holds one line break fewer there.
  const last = slices.findLast((slice) => slice.length > 0)?.findLast((t) => !t.type.endsWith('_close'));
  if (last && RUNS_TO_THE_END.has(last.type)) return null;
  return renderSlices(rendererFor(text), slices, {}, options);
}

const RUNS_TO_THE_END: ReadonlySet<string> = new Set(['code_block', 'fence', 'html_block']);

/** Tokens the renderer would have made itself: no text it would turn into a link, no link it would refuse. */
function readAlike(tokens: readonly Token[]): boolean {
  return tokens.every(
    (token) =>
      !(token.type === 'text' && token.content.includes('://')) &&
      !(token.type === 'link_open' && !isSafeUrl(token.attrGet('href') ?? '')) &&
      !(token.type === 'image' && !isSafeUrl(token.attrGet('src') ?? '')) &&
      (token.children === null || readAlike(token.children)),
  );
}

function renderSlices(
  md: Renderer,
  slices: readonly Token[][],
  env: object,
  options: MarkdownOptions,
): Html[] {
  const minHeadingLevel = options.minHeadingLevel ?? 1;
  return slices.map((tokens) => {
    if (!holdsHtml(tokens)) {
      adjust(tokens, options);
      return new Html(md.renderer.render(tokens, md.options, env));
    }
    // The allowlist resolves every link and places every heading, the HTML's and markdown's alike.
    const markup = md.renderer.render(tokens, md.options, env);
    return new Html(
      sanitizeRawHtml(markup, { isSafeUrl, resolveLink: options.resolveLink, minHeadingLevel }),
    );
  });
}

const PART_BREAK = '\n\n#\n\n';
/** Lines a part break adds: the blank line, the heading, the blank line. */
const PART_BREAK_LINES = 3;

/** The top-level tokens of each part, without the part breaks' headings. */
function cutIntoParts(tokens: readonly Token[], parts: readonly string[]): Token[][] {
  const starts: number[] = [];
  let line = 0;
  for (const part of parts) {
    starts.push(line);
    line += lineCount(part) + PART_BREAK_LINES;
  }
  const breaks = new Set(starts.slice(1).map((start) => start - 2));
  const slices = parts.map((): Token[] => []);
  let part = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.level === 0 && token.map) {
      if (token.type === 'heading_open' && breaks.has(token.map[0])) {
        i += 2; // its inline content and heading_close
        continue;
      }
      while (part + 1 < starts.length && (starts[part + 1] as number) <= token.map[0]) part++;
    }
    slices[part]?.push(token);
  }
  return slices;
}

function lineCount(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function holdsHtml(tokens: readonly Token[]): boolean {
  return tokens.some(
    (token) =>
      token.type === 'html_block' ||
      (token.type === 'inline' && token.children?.some((c) => c.type === 'html_inline')),
  );
}

function adjust(tokens: readonly Token[], options: MarkdownOptions): void {
  const minLevel = options.minHeadingLevel ?? 1;
  for (const token of tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close')
      token.tag = headingTag(Number(token.tag.slice(1)), minLevel);
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
