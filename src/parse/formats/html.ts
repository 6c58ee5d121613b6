import type { Element, ElementContent, Root, Text } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toMdast } from 'hast-util-to-mdast';
import { toText } from 'hast-util-to-text';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import { SKIP, visit } from 'unist-util-visit';
import { classifyHeading } from '../headings.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import {
  type Conversion,
  conversionProblem,
  isoDay,
  type StatedMetadata,
  statedMarkdown,
} from './conversion.js';

/** Where the page's own text is, most specific first: a blog post's article, a Confluence page's main content. */
const CONTENT_ROOTS = ['#main-content', 'main article', 'main', '[role=main]', 'body'];
/** Page furniture around the text: navigation, site header and footer, scripts, Confluence breadcrumbs. */
const FURNITURE =
  'nav, footer, aside, body > header, script, style, noscript, template, form, button, svg, iframe, #breadcrumb-section, #footer, .breadcrumbs';

/**
 * An HTML page → markdown, through hast and mdast (rehype's parser, hast-util-to-mdast). The page's own text is
 * found first (its `<article>`, Confluence's main content, else the body without navigation, header and footer);
 * Google Docs' styled paragraphs become headings, Confluence tasks checkboxes, `<time datetime>` stamps dates. The
 * page's title (when its text has no `<h1>`), author and publication day go to front matter.
 */
export function htmlToMarkdown(html: string, file: string): Conversion {
  const page = htmlBody(html, file);
  if (page.body === null) return { markdown: null, diagnostics: page.diagnostics };
  const stated: StatedMetadata = {
    title: page.hasTitle ? null : page.meta.title,
    published: page.meta.published,
    authors: page.meta.authors,
  };
  return { markdown: statedMarkdown(stated, page.body), diagnostics: page.diagnostics };
}

interface HtmlBody {
  /** The page's text as markdown; null when it has none. */
  readonly body: string | null;
  /** Whether the text has its own `<h1>`. */
  readonly hasTitle: boolean;
  readonly meta: PageMetadata;
  readonly diagnostics: readonly Diagnostic[];
}

/** The text of an HTML page as markdown, and what the page says about itself. */
export function htmlBody(html: string, file: string): HtmlBody {
  const tree = fromHtml(html);
  const diagnostics: Diagnostic[] = [];
  if (/<(html|body)\b/i.test(html) && !/<\/(html|body)>/i.test(html)) {
    diagnostics.push(
      conversionProblem(
        file,
        'html-truncated',
        'warning',
        'The page ends before </body> or </html>: it looks cut short. What is there was imported; check the end of the review.',
        html.split('\n').length,
      ),
    );
  }
  const meta = pageMetadata(tree);
  const root = contentRoot(tree);
  removeElements(root, new Set(selectAll(FURNITURE, root)));
  markStyledHeadings(root, documentStyles(tree));
  markConfluenceTasks(root);
  fieldTablesToLists(root);
  tightenListItems(root);
  stampTimes(root);
  const hasTitle = select('h1', root) !== undefined;
  const body = toMarkdown(toMdast(root), {
    extensions: [gfmToMarkdown()],
    bullet: '-',
    emphasis: '_',
    listItemIndent: 'one',
    fences: true,
    rule: '-',
  }).trim();
  if (body !== '') return { body, hasTitle, meta, diagnostics };
  diagnostics.push(conversionProblem(file, 'empty-document', 'error', 'The page has no text to import.'));
  return { body: null, hasTitle, meta, diagnostics };
}

interface PageMetadata {
  readonly title: string | null;
  /** The day the page was published or revised: the review's date only when its text gives none. */
  readonly published: string | null;
  readonly authors: readonly string[];
}

function pageMetadata(tree: Root): PageMetadata {
  const metaContent = (selector: string) => select(selector, tree)?.properties.content?.toString() ?? null;
  const titleElement = select('#title-text', tree) ?? select('title', tree);
  // Confluence titles read "Space : Page title"; blog posts' "Post title | Site name".
  const title = titleElement
    ? toText(titleElement)
        .trim()
        .replace(/^[^:\n]{1,60} : /, '')
        .replace(/\s+[|·•]\s+[^|·•]+$/, '')
    : null;
  const inTimelines = new Set(selectAll('table time[datetime], li time[datetime]', tree));
  const headerTime = selectAll('time[datetime]', tree).find((time) => !inTimelines.has(time));
  const published =
    isoDay(metaContent('meta[property="article:published_time"]')) ??
    isoDay(metaContent('meta[name=date]')) ??
    isoDay(headerTime?.properties.dateTime?.toString());
  const confluenceAuthor = select('.page-metadata .author', tree);
  const author =
    metaContent('meta[name=author]') ?? (confluenceAuthor ? toText(confluenceAuthor).trim() : null);
  return { title: title || null, published, authors: author ? [author] : [] };
}

function contentRoot(tree: Root): Root {
  const articles = selectAll('article', tree);
  // One article is the post; several are a list of posts (an index page), read whole.
  const root =
    articles.length === 1
      ? articles[0]
      : CONTENT_ROOTS.map((selector) => select(selector, tree)).find((e) => e !== undefined);
  return root ? { type: 'root', children: [root] } : tree;
}

function removeElements(root: Root, targets: ReadonlySet<Element>): void {
  if (targets.size === 0) return;
  visit(root, 'element', (node, index, parent) => {
    if (!targets.has(node) || parent === undefined || index === undefined) return undefined;
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
}

interface TextStyle {
  readonly bold: boolean;
  readonly sizePt: number | null;
}

/** Class → style from the page's `<style>` rules (Google Docs styles every run through classes like `.c7`). */
function documentStyles(tree: Root): Map<string, TextStyle> {
  const css = selectAll('style', tree)
    .map((style) => toText(style))
    .join('\n');
  const styles = new Map<string, TextStyle>();
  for (const rule of css.matchAll(/\.([\w-]+)\s*\{([^}]*)\}/g)) {
    styles.set(rule[1] as string, declarationsStyle(rule[2] as string));
  }
  return styles;
}

function declarationsStyle(declarations: string): TextStyle {
  const weight = /font-weight\s*:\s*(\w+)/i.exec(declarations)?.[1] ?? '';
  const size = /font-size\s*:\s*([\d.]+)pt/i.exec(declarations)?.[1];
  return { bold: weight === 'bold' || Number(weight) >= 600, sizePt: size ? Number(size) : null };
}

/**
 * Google Docs exports headings as paragraphs whose text is large or bold (`<p class="c3"><span class="c9">`). A
 * short paragraph set entirely in large type becomes a heading sized by its type; one only in bold, when it names
 * a section ("Root cause", "Action items").
 */
function markStyledHeadings(root: Root, styles: ReadonlyMap<string, TextStyle>): void {
  // Most pages style nothing this way: one look says so before every paragraph is examined.
  if (styles.size === 0 && select('p.title, p[style], p [style]', root) === undefined) return;
  const styleOf = (element: Element): TextStyle => {
    const classes = (element.properties.className as string[] | undefined) ?? [];
    const inline = declarationsStyle(element.properties.style?.toString() ?? '');
    const fromClasses = classes.map((c) => styles.get(c)).filter((s) => s !== undefined);
    return {
      bold: inline.bold || fromClasses.some((s) => s.bold) || ['b', 'strong'].includes(element.tagName),
      sizePt: inline.sizePt ?? fromClasses.find((s) => s.sizePt !== null)?.sizePt ?? null,
    };
  };
  for (const paragraph of selectAll('p', root)) {
    const classes = (paragraph.properties.className as string[] | undefined) ?? [];
    const text = toText(paragraph).trim();
    if (text === '' || text.length > 80 || /[.,;:]$/.test(text)) continue;
    if (classes.includes('title')) {
      paragraph.tagName = 'h1';
      continue;
    }
    const runs = selectAll('span, b, strong', paragraph).filter((run) => toText(run).trim() !== '');
    if (runs.length === 0) continue;
    const runStyles = runs.map(styleOf);
    const size = Math.min(...runStyles.map((s) => s.sizePt ?? 0));
    const bold = runStyles.every((s) => s.bold);
    if (size >= 20) paragraph.tagName = 'h1';
    else if (size >= 16) paragraph.tagName = 'h2';
    else if (bold && classifyHeading(text) !== 'other') paragraph.tagName = 'h2';
    else if (size >= 13) paragraph.tagName = 'h3';
  }
}

/** Confluence task lists mark done items with a class; checkboxes make them GFM task items. */
function markConfluenceTasks(root: Root): void {
  for (const item of selectAll('ul.inline-task-list > li, li[data-inline-task-id]', root)) {
    const classes = (item.properties.className as string[] | undefined) ?? [];
    const checkbox: Element = {
      type: 'element',
      tagName: 'input',
      properties: { type: 'checkbox', checked: classes.includes('checked') },
      children: [],
    };
    item.children.unshift(checkbox);
  }
}

/**
 * A table whose every row is a header cell and a value (Confluence's page properties: "Severity | SEV-2") is a list
 * of fields; written as `- **Severity:** SEV-2` the review parser reads them as fields.
 */
function fieldTablesToLists(root: Root): void {
  for (const table of selectAll('table', root)) {
    const rows = selectAll('tr', table);
    const fieldRows = rows.filter((row) => {
      const cells = row.children.filter((c): c is Element => c.type === 'element');
      return cells.length === 2 && cells[0]?.tagName === 'th' && cells[1]?.tagName === 'td';
    });
    if (rows.length === 0 || fieldRows.length !== rows.length) continue;
    const items = fieldRows.map((row): Element => {
      const [label, value] = row.children.filter((c): c is Element => c.type === 'element') as [
        Element,
        Element,
      ];
      const strong: Element = {
        type: 'element',
        tagName: 'strong',
        properties: {},
        children: [{ type: 'text', value: `${toText(label).trim()}:` }],
      };
      return {
        type: 'element',
        tagName: 'li',
        properties: {},
        children: [strong, { type: 'text', value: ' ' }, ...value.children],
      };
    });
    table.tagName = 'ul';
    table.properties = {};
    table.children = items;
  }
}

const GLYPH_CHECKBOX = /^\s*([✓✔☑☒❏☐])\s*/u;

/**
 * An item holding one paragraph is a tight item (Asciidoctor wraps every item's text in `<p>`); a leading
 * check glyph (Asciidoctor's checklists: ✓ done, ❏ open) becomes a checkbox.
 */
function tightenListItems(root: Root): void {
  for (const item of selectAll('li', root)) {
    const elements = item.children.filter((c) => c.type === 'element');
    const only = elements[0];
    if (elements.length === 1 && only?.tagName === 'p') {
      item.children = item.children.flatMap((c) =>
        c === only ? only.children : c.type === 'text' ? [] : [c],
      );
    }
    const first = item.children[0];
    const glyph = first?.type === 'text' ? GLYPH_CHECKBOX.exec(first.value) : null;
    if (first?.type === 'text' && glyph) {
      first.value = first.value.slice(glyph[0].length);
      item.children.unshift({
        type: 'element',
        tagName: 'input',
        properties: { type: 'checkbox', checked: !/[❏☐]/u.test(glyph[1] as string) },
        children: [],
      });
    }
  }
}

/**
 * A `<time datetime>` in a timeline row or item stamps it with its full date and time, which the timeline reader
 * needs; the words shown on the page stay beside it.
 */
function stampTimes(root: Root): void {
  for (const time of selectAll('td time[datetime], li time[datetime]', root)) {
    const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::[\d.]+)?(Z|[+-]00:?00)?)?/.exec(
      time.properties.dateTime?.toString() ?? '',
    );
    if (!match) continue;
    const stamp = [match[1], match[2], match[3] ? 'UTC' : undefined].filter(Boolean).join(' ');
    const shown = toText(time).trim();
    const text: Text = {
      type: 'text',
      value: shown === '' || stamp.includes(shown) ? stamp : `${stamp} (${shown})`,
    };
    time.children = [text as ElementContent];
  }
}
