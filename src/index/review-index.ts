import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parserFingerprint } from '../parse-cache.js';
import { type FileSelection, selectionFilter } from '../read/select-files.js';
import { openIndexFile } from './open-index.js';
import { createReader, type IndexReader } from './queries.js';
import { createWriter, INDEX_FORMAT } from './store.js';
import { refreshFiles, type SyncProgress, type SyncResult, syncFolder } from './sync.js';

export interface IndexOptions {
  /** The reviews folder. */
  readonly root: string;
  /** Where to keep the index between runs; without it, a temp file removed on close. */
  readonly path?: string;
  /** Files to leave out, as the config's `ignore` globs say. */
  readonly selection?: FileSelection;
}

export interface ReviewIndex extends IndexReader {
  readonly root: string;
  readonly path: string;
  /** Why an existing index file was not trusted and was rebuilt, if it was. */
  readonly discarded: string | null;
  /** Goes up with every change, so callers can cache what they derive from the index. */
  readonly generation: number;
  sync(onProgress?: (progress: SyncProgress) => void): Promise<SyncResult>;
  refresh(absolutePaths: readonly string[]): Promise<void>;
  close(): void;
}

/**
 * The SQLite index of a reviews folder: opened (or rebuilt when it cannot be trusted: damaged, another schema,
 * another parser, another folder), then kept in line with the files by `sync` and `refresh`.
 */
export function openReviewIndex(options: IndexOptions): ReviewIndex {
  const root = resolve(options.root);
  const selected = selectionFilter(options.selection ?? {}, root);
  const tempDir = options.path ? null : mkdtempSync(join(tmpdir(), 'hindsight-index-'));
  const path = options.path ? resolve(options.path) : join(tempDir ?? '', 'index.sqlite');
  const { db, discarded } = openIndexFile(path);
  const writer = createWriter(db);
  const builtBy = `${parserFingerprint()} format ${INDEX_FORMAT} ${root}`;
  const stored = db.prepare("SELECT value FROM meta WHERE key = 'built-by'").pluck().get() as
    string | undefined;
  const staleReason =
    stored !== undefined && stored !== builtBy ? 'built by another parser or for another folder' : null;
  if (stored !== builtBy) {
    db.transaction(() => {
      db.exec('DELETE FROM files');
      db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('built-by', ?)").run(builtBy);
    })();
  }
  let generation = 0;
  const reader = createReader(db);
  return {
    ...reader,
    root,
    path,
    discarded: discarded ?? staleReason,
    get generation() {
      return generation;
    },
    async sync(onProgress) {
      // Derived data: without syncs to disk only an OS crash or power cut mid-sync can damage the file (a killed
      // process cannot, in WAL mode), and a damaged index fails its check on the next open and is rebuilt.
      db.pragma('synchronous = OFF');
      const result = await syncFolder(db, writer, root, selected, onProgress).finally(() =>
        db.pragma('synchronous = NORMAL'),
      );
      if (result.changed + result.removed > 0) generation++;
      return result;
    },
    async refresh(absolutePaths) {
      await refreshFiles(db, writer, root, absolutePaths, selected);
      generation++;
    },
    close() {
      db.close();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
