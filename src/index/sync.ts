import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFile } from '../file-tasks.js';
import { contentHash } from '../parse-cache.js';
import { parseInputs } from '../pipeline.js';
import { CONVERTIBLE_EXTENSIONS, displayPath, listSources } from '../read/read-sources.js';
import { type IndexedFile, type IndexWriter, storedReviews } from './store.js';

export interface SyncProgress {
  readonly phase: 'scan' | 'parse' | 'store';
  readonly done: number;
  readonly total: number;
}

export interface SyncResult {
  readonly files: number;
  readonly changed: number;
  readonly removed: number;
}

/** Files parsed per batch in a full scan: big enough that starting the worker threads again is a small cost. */
const PARSE_BATCH = 5000;
const STORE_BATCH = 500;

/**
 * Brings the index in line with the folder: files whose content hash changed (or that are new) are parsed and
 * stored again, files that are gone are dropped, the rest is not touched.
 */
export async function syncFolder(
  db: Database.Database,
  writer: IndexWriter,
  root: string,
  selected: (absolute: string) => boolean,
  onProgress: (progress: SyncProgress) => void = () => undefined,
): Promise<SyncResult> {
  // Every format `build` and `parse` read, converted for reading (HTML, AsciiDoc, PDF …).
  const files = (await listSources([root], root, CONVERTIBLE_EXTENSIONS)).files.filter(selected);
  const known = new Map(
    (db.prepare('SELECT path, hash FROM files').all() as { path: string; hash: string }[]).map((f) => [
      f.path,
      f.hash,
    ]),
  );
  const changed: { absolute: string; hash: string }[] = [];
  const seen = new Set<string>();
  files.forEach((absolute, i) => {
    const path = displayPath(absolute, root);
    seen.add(path);
    const hash = hashFile(absolute);
    if (hash !== null && known.get(path) !== hash) changed.push({ absolute, hash });
    if (i % 1000 === 999) onProgress({ phase: 'scan', done: i + 1, total: files.length });
  });
  const removed = [...known.keys()].filter((path) => !seen.has(path));
  db.transaction(() => removed.forEach((path) => writer.removeFile(path)))();

  // Into an empty index nothing can dangle, so the foreign key checks (a third of storing) are skipped.
  const fresh = known.size === 0;
  if (fresh) db.pragma('foreign_keys = OFF');
  try {
    await storeChanged(db, writer, root, changed, onProgress);
  } finally {
    if (fresh) db.pragma('foreign_keys = ON');
  }
  return { files: files.length, changed: changed.length, removed: removed.length };
}

async function storeChanged(
  db: Database.Database,
  writer: IndexWriter,
  root: string,
  changed: readonly { absolute: string; hash: string }[],
  onProgress: (progress: SyncProgress) => void,
): Promise<void> {
  // Workers parse the next batch while this thread stores the one before.
  const batches = chunk(changed, PARSE_BATCH);
  let next = batches.length > 0 ? parseBatch(batches[0] ?? [], root) : null;
  let done = 0;
  for (let i = 0; next !== null; i++) {
    const parsed = await next;
    const following = batches[i + 1];
    next = following ? parseBatch(following, root) : null;
    done += parsed.length;
    onProgress({ phase: 'parse', done, total: changed.length });
    for (const slice of chunk(parsed, STORE_BATCH)) {
      db.transaction(() => slice.forEach((file) => writer.putFile(file)))();
    }
    onProgress({ phase: 'store', done, total: changed.length });
  }
}

async function parseBatch(
  batch: readonly { absolute: string; hash: string }[],
  root: string,
): Promise<IndexedFile[]> {
  // The hash was taken when scanning; should a file change before it is parsed here, the watcher's refresh of it
  // follows and stores hash and content from one read.
  const hashes = new Map(batch.map((f) => [displayPath(f.absolute, root), f.hash]));
  const { sources } = await parseInputs(
    batch.map((f) => f.absolute),
    root,
  );
  return sources.map((s) => ({
    path: s.path,
    hash: hashes.get(s.path) ?? '',
    reviews: storedReviews(s),
  }));
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Reads, parses and stores the named files now (after a write, or when the watcher saw them change); a file that
 * no longer exists is dropped. One read serves both the hash and the parse, so the etag matches the content.
 */
export async function refreshFiles(
  db: Database.Database,
  writer: IndexWriter,
  root: string,
  absolutePaths: readonly string[],
  selected: (absolute: string) => boolean,
): Promise<void> {
  const updates = await Promise.all(
    absolutePaths.map(async (absolute) => {
      const path = displayPath(resolve(absolute), root);
      // A file the config leaves out is not indexed, as if it were gone.
      if (!selected(resolve(absolute))) return { path, file: null };
      const { source, bytes } = await parseFile(absolute, root);
      if (bytes === null) return { path, file: null };
      const file: IndexedFile = { path, hash: contentHash(bytes), reviews: storedReviews(source) };
      return { path, file };
    }),
  );
  db.transaction(() => {
    for (const { path, file } of updates) {
      if (file) writer.putFile(file);
      else writer.removeFile(path);
    }
  })();
}

function readBytes(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

function hashFile(path: string): string | null {
  const bytes = readBytes(path);
  return bytes === null ? null : contentHash(bytes);
}
