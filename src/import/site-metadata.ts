import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { load } from 'js-yaml';
import { z } from 'zod';

/** What a docs site says about its pages outside them: MkDocs blog authors, MkDocs nav titles. */
export interface SiteMetadata {
  /** Author id (as posts' front matter names them) → display name, from MkDocs' `.authors.yml`. */
  readonly authorNames: ReadonlyMap<string, string>;
  /** Page path as the nav writes it (`incidents/2024-01-02-x.md`) → its nav title. */
  readonly navTitles: ReadonlyMap<string, string>;
}

const AuthorsFile = z.object({
  authors: z.record(z.string(), z.object({ name: z.string() }).loose()),
});

/** How far up from a page the site's files are looked for (docs/blog/posts/… is four levels under mkdocs.yml). */
const MAX_LEVELS = 5;

/**
 * Reads the site files around one page, nearest first. Broken or unexpected site files are ignored: they are not
 * what is being imported, and the page imports without them.
 */
export function siteMetadataFor(page: string, cache: Map<string, SiteMetadata>): SiteMetadata {
  const folder = dirname(page);
  const known = cache.get(folder);
  if (known) return known;
  const authorNames = new Map<string, string>();
  const navTitles = new Map<string, string>();
  let current = folder;
  for (let level = 0; level < MAX_LEVELS; level++) {
    for (const [id, name] of readAuthors(join(current, '.authors.yml')))
      if (!authorNames.has(id)) authorNames.set(id, name);
    for (const [path, title] of readNav(join(current, 'mkdocs.yml')))
      if (!navTitles.has(path)) navTitles.set(path, title);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  const metadata = { authorNames, navTitles };
  cache.set(folder, metadata);
  return metadata;
}

/** The nav title of a page: by its path under the docs folder, else by its file name when only one entry has it. */
export function navTitleOf(page: string, site: SiteMetadata): string | null {
  const normalized = page.split(sep).join('/');
  for (const [path, title] of site.navTitles) if (normalized.endsWith(`/${path}`)) return title;
  const sameName = [...site.navTitles].filter(([path]) => basename(path) === basename(page));
  return sameName.length === 1 ? (sameName[0] as [string, string])[1] : null;
}

function readYaml(path: string): unknown {
  if (!existsSync(path)) return null;
  try {
    // mkdocs.yml names Python objects with tags (`!!python/name:…`): they say nothing about pages.
    return load(readFileSync(path, 'utf8').replace(/!!python\/\S+/g, ''), { json: true });
  } catch {
    return null;
  }
}

function readAuthors(path: string): [string, string][] {
  const parsed = AuthorsFile.safeParse(readYaml(path));
  return parsed.success ? Object.entries(parsed.data.authors).map(([id, author]) => [id, author.name]) : [];
}

function readNav(path: string): [string, string][] {
  const config = readYaml(path);
  if (config === null || typeof config !== 'object' || !('nav' in config)) return [];
  const out: [string, string][] = [];
  const walk = (entries: unknown) => {
    if (!Array.isArray(entries)) return;
    for (const entry of entries) {
      if (entry === null || typeof entry !== 'object') continue;
      for (const [title, target] of Object.entries(entry)) {
        if (typeof target === 'string' && /\.(md|markdown)$/i.test(target)) out.push([target, title]);
        else walk(target);
      }
    }
  };
  walk(config.nav);
  return out;
}
