import { type FSWatcher, watch } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { ReviewIndex } from '../index/review-index.js';
import { REVIEW_EXTENSIONS } from '../read/read-sources.js';

/** Changes arrive in bursts (an editor's save is several events); they are gathered this long, then applied. */
const SETTLE_MS = 50;

export interface FolderWatcher {
  close(): void;
}

/**
 * Keeps the index in line with the folder while the server runs: a changed, new or deleted review file is
 * re-read within a fraction of a second. fs.watch with `recursive` (inotify on Linux since Node 20) needs no
 * dependency. Anything but a review file (a folder moved, an event without a name) triggers a full sync, which
 * re-reads only files whose content hash changed.
 */
export function watchFolder(index: ReviewIndex, log: (message: string) => void): FolderWatcher {
  const pending = new Set<string>();
  let fullSync = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  const apply = () => {
    timer = null;
    const files = [...pending];
    const full = fullSync;
    pending.clear();
    fullSync = false;
    running = running
      .then(async () => {
        if (full) await index.sync();
        else index.refresh(files);
      })
      .catch((error: Error) => log(`index update failed: ${error.message}`));
  };

  const watcher: FSWatcher = watch(index.root, { recursive: true }, (_event, name) => {
    if (name === null) fullSync = true;
    else if (isReviewFile(name)) pending.add(join(index.root, name));
    else if (!isHidden(name)) fullSync = true;
    timer ??= setTimeout(apply, SETTLE_MS);
  });
  watcher.on('error', (error) => log(`watching ${index.root} failed: ${error.message}`));

  return {
    close() {
      watcher.close();
      if (timer) clearTimeout(timer);
    },
  };
}

function isHidden(name: string): boolean {
  return name.split(/[\\/]/).some((part) => part.startsWith('.'));
}

/** Review files only; the temp files of atomic writes (`.name.md.abc.tmp`) and other dot-files are not. */
function isReviewFile(name: string): boolean {
  return !isHidden(name) && REVIEW_EXTENSIONS.has(extname(basename(name)).toLowerCase());
}
