import { existsSync, statSync } from 'node:fs';
import { basename, isAbsolute, relative } from 'node:path';
import { MARKERS } from './site-task.js';

export interface BrokenLink {
  /** The review's source, as shown to the user. */
  readonly path: string;
  /** The link as the page would have had it (absolute path of the missing file). */
  readonly target: string;
}

/** Where a linked file that is not a review is copied in the site: `files/<path below cwd>`. */
export function copiedPath(target: string, cwd: string): string {
  const rel = relative(cwd, target);
  const safe = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? `external/${basename(target)}` : rel;
  return `files/${safe.split(/[\\/]/).join('/')}`;
}

/**
 * Resolves the link markers in a rendered page (site-task.ts): a link to another review's source becomes a link to
 * its page, a link to an existing file a link to its copy under `files/`, and a link to nothing is reported and
 * loses its href (its text stays).
 */
export function resolveLinks(
  page: string,
  context: {
    readonly pageOf: (target: string) => string | null;
    readonly toRoot: string;
    readonly cwd: string;
    readonly onCopy: (target: string, sitePath: string) => void;
    readonly onBroken: (target: string) => void;
  },
): string {
  // Most pages link to no other file: a plain search is far cheaper than the pattern's scan of 20 KB.
  if (!page.includes(MARKERS.link)) return page;
  const pattern = new RegExp(`(href|src)="${MARKERS.link}([^"#]*)(#[^"]*)?"`, 'g');
  return page.replace(pattern, (_match, attribute: string, encoded: string, fragment: string | undefined) => {
    const target = decodeURIComponent(encoded);
    const review = context.pageOf(target);
    if (review !== null) return `${attribute}="${context.toRoot}${review}"`;
    if (existsSync(target) && statSync(target).isFile()) {
      const sitePath = copiedPath(target, context.cwd);
      context.onCopy(target, sitePath);
      return `${attribute}="${context.toRoot}${sitePath}${fragment ?? ''}"`;
    }
    context.onBroken(target);
    return '';
  });
}
