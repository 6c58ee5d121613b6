import { existsSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { decode } from './decode.js';

/** Extensions a folder walk picks up. A file named on the command line is read whatever its name. */
export const REVIEW_EXTENSIONS: ReadonlySet<string> = new Set([
  '.md',
  '.markdown',
  '.mdown',
  '.mkd',
  '.txt',
  '.erb',
  '.rst',
]);
/** What a folder walk picks up when every format `parse` and `import` convert is wanted. */
export const CONVERTIBLE_EXTENSIONS: ReadonlySet<string> = new Set([
  ...REVIEW_EXTENSIONS,
  '.html',
  '.htm',
  '.xhtml',
  '.rest',
  '.adoc',
  '.asciidoc',
  '.eml',
  '.pdf',
]);
/**
 * The cache `hindsight build` keeps in its output folder (src/site/site-cache.ts), and the one builds before it
 * kept: a folder holding either is a generated site, whose pages a walk never reads as reviews.
 */
export const SITE_CACHE_FILES = {
  current: '.hindsight/build-cache.jsonl',
  former: '.hindsight/build-cache.json',
} as const;
/** Written when a build starts into a folder, before any page: a site being built is known as one at once. */
export const SITE_MARKER = '.hindsight/site';
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  'dist',
  'site',
  '_site',
  'public',
  'vendor',
]);

export interface SourceFile {
  /** Path as the user should see it: relative to the working directory when inside it. */
  readonly path: string;
  /** Decoded text; null when the file could not be read as text. */
  readonly text: string | null;
  readonly diagnostics: readonly Diagnostic[];
}

export interface FileList {
  readonly files: readonly string[];
  /** Inputs that do not exist: a usage problem, reported without stopping the others. */
  readonly missing: readonly string[];
}

/**
 * Expands files and folders into the review files they hold, in a stable order; `extensions` are the ones a folder
 * walk picks up.
 */
export async function listSources(
  inputs: readonly string[],
  cwd: string,
  extensions: ReadonlySet<string> = REVIEW_EXTENSIONS,
): Promise<FileList> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const input of inputs) {
    const absolute = resolve(cwd, input);
    const info = await stat(absolute).catch(() => null);
    if (!info) missing.push(input);
    else if (info.isDirectory()) files.push(...(await walk(absolute, extensions)));
    else files.push(absolute);
  }
  return { files: [...new Set(files)], missing };
}

async function walk(folder: string, extensions: ReadonlySet<string>): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name) && !isBuiltSite(path))
        out.push(...(await walk(path, extensions)));
    } else if (entry.isFile() && extensions.has(extname(entry.name).toLowerCase())) {
      out.push(path);
    }
  }
  return out;
}

function isBuiltSite(folder: string): boolean {
  return [SITE_MARKER, ...Object.values(SITE_CACHE_FILES)].some((file) => existsSync(join(folder, file)));
}

/** Whether a path lies in a site `hindsight build` wrote (or is writing) below `root`. */
export function insideBuiltSite(path: string, root: string): boolean {
  for (
    let folder = dirname(path);
    folder !== root && folder.startsWith(`${root}${sep}`);
    folder = dirname(folder)
  )
    if (isBuiltSite(folder)) return true;
  return false;
}

/** Paths are shown relative to where the command runs, as editors and CI annotations expect. */
export function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return rel === '' || isAbsolute(rel) ? absolute : rel;
}

/**
 * Reads one file; a failure is a diagnostic on that file, never an exception. Synchronous on purpose: files
 * are read one after another inside a parse worker, where awaiting each read only added latency.
 */
export function readSource(absolute: string, cwd: string): SourceFile {
  return readSourceWithBytes(absolute, cwd).file;
}

/** `readSource`, with the bytes read (null when the file could not be read), for callers that also hash them. */
export function readSourceWithBytes(
  absolute: string,
  cwd: string,
): { file: SourceFile; bytes: Buffer | null } {
  const path = displayPath(absolute, cwd);
  try {
    const bytes = readFileSync(absolute);
    return { file: { path, ...decode(bytes, path) }, bytes };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    const file: SourceFile = {
      path,
      text: null,
      diagnostics: [
        {
          rule: 'read-error',
          severity: 'error',
          message: `Could not read the file (${reason}); check it exists and is readable.`,
          file: path,
          line: 1,
          column: 1,
        },
      ],
    };
    return { file, bytes: null };
  }
}
