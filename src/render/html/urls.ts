/** The lists a review appears in, each with a page per key. */
export const LIST_KINDS = ['service', 'tag', 'severity', 'year'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/**
 * Where every page and file lives. Pages take this as a parameter, so the static site (relative links that work
 * from `file://` and below any base URL) and the server (absolute paths such as `/reviews/<id>`) share them.
 */
export interface SiteUrls {
  home(): string;
  review(id: string): string;
  list(kind: ListKind, key: string): string;
  /** The page that lists every page of a kind (all services, all tags …). */
  lists(kind: ListKind): string;
  actions(): string;
  insights(): string;
  search(): string;
  attention(): string;
  feed(): string;
  /** A static file that ships with the renderer (`site.css`, `filter.js` …) or that the build writes. */
  asset(name: string): string;
  /** Data files beside the pages: `reviews.json`, `actions.csv`, search shards. */
  file(name: string): string;
}

/** The folder (plural) each list kind's pages live in. */
export const LIST_FOLDERS: Readonly<Record<ListKind, string>> = {
  service: 'services',
  tag: 'tags',
  severity: 'severity',
  year: 'years',
};

const IS_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A file-system-safe, URL-safe name for a key: lower case, runs of anything else than letters and digits become
 * '-'. Two keys that differ only there share a page; the list page then shows both.
 */
export function slugOf(key: string): string {
  // Page keys are slugs already, and a 10,000-review page links to thousands of them.
  if (IS_SLUG.test(key)) return key;
  const slug = key
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'x' : slug;
}

/** Paths of the static site's files, relative to its root (`reviews/<id>.html`, `services/<slug>.html` …). */
export const SITE_PATHS = {
  home: 'index.html',
  review: (id: string) => `reviews/${slugOf(id)}.html`,
  list: (kind: ListKind, key: string) => `${LIST_FOLDERS[kind]}/${slugOf(key)}.html`,
  lists: (kind: ListKind) => `${LIST_FOLDERS[kind]}/index.html`,
  actions: 'actions.html',
  insights: 'insights.html',
  search: 'search.html',
  attention: 'attention.html',
  feed: 'feed.xml',
  asset: (name: string) => `assets/${name}`,
  file: (name: string) => name,
} as const;

/**
 * URLs for a page of the static site at `pagePath` (relative to the site root): every link is relative, with
 * explicit `index.html`, so the site works from `file://`, from any static host and below any base path.
 */
export function staticUrls(pagePath: string): SiteUrls {
  const depth = pagePath.split('/').length - 1;
  const up = '../'.repeat(depth);
  const to = (path: string) => `${up}${path}`;
  return {
    home: () => to(SITE_PATHS.home),
    review: (id) => to(SITE_PATHS.review(id)),
    list: (kind, key) => to(SITE_PATHS.list(kind, key)),
    lists: (kind) => to(SITE_PATHS.lists(kind)),
    actions: () => to(SITE_PATHS.actions),
    insights: () => to(SITE_PATHS.insights),
    search: () => to(SITE_PATHS.search),
    attention: () => to(SITE_PATHS.attention),
    feed: () => to(SITE_PATHS.feed),
    asset: (name) => to(SITE_PATHS.asset(name)),
    file: (name) => to(SITE_PATHS.file(name)),
  };
}

/** URLs for a server: absolute paths below `base` (`/` by default), without `.html`. */
export function serverUrls(base = '/'): SiteUrls {
  const root = base.endsWith('/') ? base : `${base}/`;
  const to = (path: string) => `${root}${path}`;
  return {
    home: () => root,
    review: (id) => to(`reviews/${encodeURIComponent(id)}`),
    list: (kind, key) => to(`${LIST_FOLDERS[kind]}/${encodeURIComponent(key)}`),
    lists: (kind) => to(LIST_FOLDERS[kind]),
    actions: () => to('actions'),
    insights: () => to('insights'),
    search: () => to('search'),
    attention: () => to('attention'),
    feed: () => to('feed.xml'),
    asset: (name) => to(`assets/${name}`),
    file: (name) => to(name),
  };
}
