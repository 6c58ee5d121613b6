import { basename, dirname } from 'node:path';

const EXTENSIONS =
  /(\.html)?\.(md|markdown|mdown|mkd|mdx|myst|txt|text|rst|adoc|asciidoc|html?|xhtml|erb|eml|pdf)$/i;
const CONTAINER_NAMES = /^(index|_index|readme)$/i;

/** A url-safe slug: lower case ASCII words joined by '-'. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** The file name without its extensions; for a part of a file (`log.md#incident-slug`), the part's name. */
export function fileStem(path: string): string {
  const hash = path.lastIndexOf('#');
  const name = hash >= 0 && !path.slice(hash).includes('/') ? path.slice(hash + 1) : basename(path);
  return name.replace(EXTENSIONS, '').replace(EXTENSIONS, '');
}

/** The name a document goes by: its file's stem, or for `index.md` of a page bundle, the folder's name. */
export function baseName(path: string): string {
  const name = fileStem(path);
  return CONTAINER_NAMES.test(name) ? basename(dirname(path)) : name;
}

/** The date a file name starts with (`2025-03-02-…`, `PM2021-004 - …` gives no day, so none). */
export function dateFromFileName(path: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(baseName(path));
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** Review id: the file name when it says something, else date + title. */
export function reviewId(path: string, date: string | null, title: string | null): string {
  const fromName = slugify(baseName(path));
  if (isMeaningful(fromName)) return fromName;
  const fromContent = slugify([date, title].filter((p) => p !== null).join(' '));
  return fromContent || fromName || 'untitled';
}

/** "2025-03-02-db-failover" says something; "001_16ce96b06dd93736" (a hash) does not. */
function isMeaningful(slug: string): boolean {
  return slug.split('-').some((word) => /[a-z]{3,}/.test(word) && !/^[0-9a-f]{8,}$/.test(word));
}
