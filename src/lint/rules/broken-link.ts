import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Block, Inline, Link } from '../../parse/blocks.js';
import { decodeHref, isTemplatedHref } from '../../parse/hrefs.js';
import type { AnalyzedReview } from '../../parse/parse-review.js';
import { reviewRule } from '../rule.js';

/** `https:`, `mailto:`, `data:` …: not a file next to the review. */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

interface Target {
  readonly href: string;
  readonly image: boolean;
  /** The line of the block the link is in: the search for it in the source starts there. */
  readonly line: number;
}

export const brokenLink = reviewRule({
  id: 'broken-link',
  scope: 'review',
  description: 'A relative link or image that points nowhere.',
  defaultSeverity: 'warning',
  docs: `Reviews link to graphs, screenshots, runbooks and each other. A link that points nowhere loses the evidence the
review stands on, usually after a file was moved or renamed. Fix the path, add the missing file, or link to where
the thing lives now.

Checked: links and images with a relative path (\`./graphs/latency.png\`, \`../2024-08-10-disk-full.md\`), resolved
from the review's folder. A \`#fragment\` or \`?query\` is ignored, and \`%20\`-style escapes are decoded. A link to
a page as the site will serve it (\`../2024-08-10-disk-full/\` or \`.html\`) is accepted when the markdown file exists.

Not checked: URLs with a scheme (\`https:\`, \`mailto:\`), links within the page (\`#timeline\`), site-absolute paths
(\`/runbooks/disk.md\`, which depend on where the site is served), template expressions (\`{{site.baseurl}}/…\`),
code spans and code blocks, and reviews read from a git patch (their neighbours are not on disk).`,
  examples: {
    ok: [
      {
        markdown: `# Disk full

See [the timeline](#timeline), the [runbook](https://runbooks.example.com/disk-full),
[all reviews](./) and [the dashboard](/dashboards/disk).

![Disk usage]({{site.baseurl}}/images/disk-usage.png)

## Timeline

- 2024-08-10 13:05 Disk space in production is exhausted.
`,
      },
    ],
    notOk: [
      {
        markdown: `# Disk full

The disk filled up as [the last time](../2024-01-17-ci-runner-disks-full.md).

![Disk usage](images/disk-usage.png)
`,
      },
    ],
  },
  check({ document, absolutePath }, report) {
    if (absolutePath === null) return;
    const folder = dirname(absolutePath);
    for (const target of linkTargets(document)) {
      const path = localPath(target.href);
      if (path === null) continue;
      const resolved = resolve(folder, path);
      if (exists(resolved)) continue;
      const { line, column } = locate(document, target);
      const shown = relative(folder, resolved) || '.';
      const where = shown === path.replace(/^\.\//, '').replace(/[/\\]+$/, '') ? '' : ` (${shown})`;
      report({
        line,
        column,
        message: `${target.image ? 'Image' : 'Link'} "${target.href}" points to a file that does not exist${where}: fix the path, add the file, or link to where it lives now.`,
      });
    }
  },
});

/** Every link and image in the document's blocks, once. */
function linkTargets(document: AnalyzedReview): Target[] {
  const out: Target[] = [];
  const visit = (inline: Inline, line: number) => {
    const add = (links: readonly Link[], image: boolean) => {
      for (const link of links) out.push({ href: link.href, image, line });
    };
    add(inline.links, false);
    add(inline.images, true);
  };
  const walk = (blocks: readonly Block[]) => {
    for (const block of blocks) {
      switch (block.type) {
        case 'heading':
        case 'paragraph':
          visit(block.inline, block.line);
          break;
        case 'list':
          for (const item of block.items) {
            visit(item.inline, item.line);
            walk(item.children);
          }
          break;
        case 'table':
          for (const cell of block.header) visit(cell, block.line);
          for (const row of block.rows) for (const cell of row.cells) visit(cell, row.line);
          break;
        case 'blockquote':
          walk(block.children);
          break;
        default:
          break;
      }
    }
  };
  // Labelled sections (`- **Impact**: …`) repeat their parent's blocks.
  for (const section of document.sectionNodes) if (!section.nested) walk(section.blocks);
  return out;
}

/** The file path a link points to, or null when it is not a relative path to check. */
function localPath(href: string): string | null {
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('/') || SCHEME.test(trimmed))
    return null;
  if (isTemplatedHref(trimmed)) return null;
  // The fragment and query go before decoding: an escaped `%23` is part of the file name.
  const path = decodeHref(trimmed.replace(/[?#].*$/, ''));
  return path === '' ? null : path;
}

/** The file, or the markdown file a site serves at that address (`page/`, `page.html`). */
function exists(path: string): boolean {
  if (existsSync(path)) return true;
  const bare = path.replace(/[/\\]+$/, '').replace(/\.html?$/i, '');
  return existsSync(`${bare}.md`) || existsSync(`${bare}.markdown`);
}

/** Where the link is written: searched from its block's line, then anywhere (a reference definition). */
function locate(document: AnalyzedReview, target: Target): { line: number; column: number } {
  const needles = [...new Set([target.href, decodeHref(target.href)])];
  const { lines } = document;
  const search = (from: number, to: number) => {
    for (let line = from; line <= to; line++) {
      const text = lines[line - 1] ?? '';
      for (const needle of needles) {
        const at = text.indexOf(needle);
        if (at >= 0) return { line, column: at + 1 };
      }
    }
    return null;
  };
  return search(target.line, lines.length) ?? search(1, target.line) ?? { line: target.line, column: 1 };
}
