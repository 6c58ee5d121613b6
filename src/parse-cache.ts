import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParsedSource } from './parse/parse-source.js';
import { writeAtomic } from './write/atomic-write.js';

/**
 * Parse results kept between runs (`--cache`), keyed by each file's content hash, so a command over reviews that
 * did not change skips parsing them. The cache is only trusted when it was written by exactly this parser: its
 * key includes a hash of the code of the stages that produce a parse.
 */
export interface ParseCache {
  get(path: string, hash: string): ParsedSource | undefined;
  set(path: string, hash: string, source: ParsedSource): void;
  /** Writes the cache when something changed; entries for files not seen in this run are dropped. */
  save(): Promise<void>;
}

interface Stored {
  readonly parser: string;
  readonly entries: Record<string, { readonly hash: string; readonly source: ParsedSource }>;
}

export const DEFAULT_CACHE_FILE = '.hindsight/cache/parse.json';

export function openParseCache(file: string): ParseCache {
  const parser = parserFingerprint();
  const stored = readStored(file);
  const entries = stored?.parser === parser ? stored.entries : {};
  const next: Stored['entries'] = {};
  let changed = stored?.parser !== parser;
  return {
    get(path, hash) {
      const entry = entries[path];
      if (entry?.hash !== hash) return undefined;
      next[path] = entry;
      return entry.source;
    },
    set(path, hash, source) {
      next[path] = { hash, source };
      changed = true;
    },
    async save() {
      if (!changed && Object.keys(next).length === Object.keys(entries).length) return;
      mkdirSync(dirname(file), { recursive: true });
      await writeAtomic(file, JSON.stringify({ parser, entries: next } satisfies Stored));
    },
  };
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

function readStored(file: string): Stored | null {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Stored;
    return typeof data.parser === 'string' && typeof data.entries === 'object' ? data : null;
  } catch {
    // No cache yet, or a broken one: start afresh rather than trust it.
    return null;
  }
}

let fingerprint: string | null = null;

/** A hash of the code that turns files into parse results: any change to it invalidates every cache. */
export function parserFingerprint(): string {
  if (fingerprint !== null) return fingerprint;
  const root = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha1');
  // Folders inside a stage count too (parse/formats: the converters); file-tasks.ts is where a parse is composed.
  const add = (path: string) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) add(join(path, name));
    else hash.update(path.slice(root.length)).update(readFileSync(path));
  };
  for (const stage of ['model', 'read', 'parse']) add(join(root, stage));
  for (const file of readdirSync(root).filter((name) => /^file-tasks\.[jt]s$/.test(name)))
    add(join(root, file));
  fingerprint = hash.digest('hex');
  return fingerprint;
}
