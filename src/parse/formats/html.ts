import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toMdast } from 'hast-util-to-mdast';
import { toText } from 'hast-util-to-text';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import { SKIP, visit } from 'unist-util-visit';
import type { Diagnostic } from '../../model/diagnostic.js';
import {
  type Conversion,
  conversionProblem,
  isoDay,
  type StatedMetadata,
  statedMarkdown,
} from './conversion.js';
import { fieldTablesToLists, markConfluenceTasks, stampTimes, tightenListItems } from './html-blocks.js';
import { documentStyles, markStyledHeadings } from './styled-headings.js';

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
  // A site generator's HTML page (a Jekyll post written in HTML) starts with its own front matter: it is kept.
  const frontMatter = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(html)?.[0];
  if (frontMatter !== undefined) {
    const page = htmlBody(html.slice(frontMatter.length), file);
    return { markdown: `${frontMatter}\n${page.body ?? ''}\n`, diagnostics: page.diagnostics };
  }
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
