import { createRequire } from 'node:module';
import type SanitizeHtml from 'sanitize-html';

/** What a page does with the URLs and headings of HTML written inside a review (see `MarkdownOptions`). */
export interface RawHtmlPolicy {
  readonly isSafeUrl: (url: string) => boolean;
  readonly resolveLink?: ((href: string) => string | null) | undefined;
  readonly minHeadingLevel: number;
}

/**
 * Loaded on first use (CommonJS, so synchronously): most reviews hold no HTML, and loading the library and its
 * parser takes about 45 ms.
 */
let library: typeof SanitizeHtml | null = null;

/**
 * What HTML may stay on a page, close to what GitHub keeps of HTML in markdown (the reviews in the corpus are mostly
 * written for it): text formatting, `<details>`, `<img>`, tables, and everything markdown-it itself writes. Scripts,
 * styles, frames, forms, SVG, event handlers, `id`/`style`/`class` (but the few below) and comments go; other
 * unknown tags go and keep their text.
 */
const TAGS = [
  ...['p', 'br', 'hr', 'div', 'span', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'var', 'tt'],
  ...['em', 'strong', 'b', 'i', 's', 'strike', 'del', 'ins', 'sub', 'sup', 'mark', 'small', 'q', 'cite'],
  ...['abbr', 'dfn', 'time', 'wbr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'img', 'figure', 'figcaption'],
  ...['ul', 'ol', 'li', 'dl', 'dt', 'dd', 'details', 'summary', 'input'],
  ...['table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'section'],
];
/**
 * Attributes kept only with the values markdown.ts gives them: `tabindex` on a box that may scroll, `id` on the
 * anchors of footnotes.
 */
const KEPT_ONLY_AS: ReadonlyMap<string, RegExp> = new Map([
  ['tabindex', /^0$/],
  ['id', /^fn(?:ref)?\d+(?::\d+)?$/],
]);
const ALIGNED = { 'text-align': [/^(?:left|right|center)$/] };

function options(policy: RawHtmlPolicy): SanitizeHtml.IOptions {
  return {
    allowedTags: TAGS,
    allowedAttributes: {
      a: ['href', 'title', 'id', 'class', 'aria-label'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      abbr: ['title'],
      dfn: ['title'],
      time: ['datetime'],
      details: ['open'],
      li: ['class', 'id'],
      sup: ['class'],
      section: ['class'],
      ol: ['start', 'class'],
      hr: ['class'],
      code: ['class'],
      div: ['class', 'tabindex'],
      pre: ['tabindex'],
      th: ['style', 'colspan', 'rowspan'],
      td: ['style', 'colspan', 'rowspan'],
      // Read-only checkboxes only (`transform`), as markdown.ts draws for a task list item.
      input: ['type', 'disabled', 'checked', 'aria-label'],
    },
    allowedClasses: {
      li: ['task', 'footnote-item'],
      code: [/^language-[\w-]+$/],
      div: ['table-wrap'],
      sup: ['footnote-ref'],
      a: ['footnote-backref'],
      section: ['footnotes'],
      ol: ['footnotes-list'],
      hr: ['footnotes-sep'],
    },
    allowedStyles: { th: ALIGNED, td: ALIGNED },
    // `transform` judges every address as markdown's are (isSafeUrl) before the page's resolver rewrites it, so the
    // library's own scheme check, which would see the rewritten one (the site's `hindsight-link:`), is off.
    allowedSchemesAppliedToAttributes: [],
    transformTags: { '*': (tagName, attribs) => transform(tagName, attribs, policy) },
    exclusiveFilter: (frame) => frame.tag === 'input' && frame.attribs['type'] !== 'checkbox',
  };
}

/** A heading of a review's text sits below the page's own: at `minLevel` at least, h6 at most. */
export function headingTag(level: number, minLevel: number): string {
  return `h${Math.min(6, Math.max(level, minLevel))}`;
}

/**
 * Headings kept under the page's own; link and image addresses judged and resolved as markdown's are; a checkbox
 * read-only (other inputs are removed); `tabindex` and `id` only as markdown.ts gives them (a box that may scroll,
 * footnote anchors).
 */
function transform(tagName: string, given: SanitizeHtml.Attributes, policy: RawHtmlPolicy): SanitizeHtml.Tag {
  const attribs = keptAttributes(given);
  if (tagName === 'input') return { tagName, attribs: { ...attribs, disabled: '' } };
  const level = /^h([1-6])$/.exec(tagName);
  if (level) return { tagName: headingTag(Number(level[1]), policy.minHeadingLevel), attribs };
  const attribute = tagName === 'a' ? 'href' : tagName === 'img' ? 'src' : null;
  const written = attribute === null ? undefined : attribs[attribute];
  if (attribute === null || written === undefined) return { tagName, attribs };
  const resolved = !policy.isSafeUrl(written)
    ? null
    : policy.resolveLink
      ? policy.resolveLink(written)
      : written;
  const { [attribute]: _dropped, ...others } = attribs;
  return { tagName, attribs: resolved === null ? others : { ...others, [attribute]: resolved } };
}

/** The attributes without those `KEPT_ONLY_AS` refuses; the rest are judged by the allowlist. */
function keptAttributes(attribs: SanitizeHtml.Attributes): SanitizeHtml.Attributes {
  const kept: SanitizeHtml.Attributes = {};
  for (const [name, value] of Object.entries(attribs))
    if (KEPT_ONLY_AS.get(name)?.test(value) ?? true) kept[name] = value;
  return kept;
}

/** Markup rendered from markdown that holds HTML, with only what `TAGS` allows left of it. */
export function sanitizeRawHtml(markup: string, policy: RawHtmlPolicy): string {
  library ??= createRequire(import.meta.url)('sanitize-html') as typeof SanitizeHtml;
  return library(markup, options(policy));
}
