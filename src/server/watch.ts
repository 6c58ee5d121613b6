import { basename, extname } from 'node:path';
import type { ReviewIndex } from '../index/review-index.js';
import { CONVERTIBLE_EXTENSIONS, insideBuiltSite } from '../read/read-sources.js';
import { type FolderWatcher, watchFolders } from '../read/watch-folders.js';

/**
 * Keeps the index in line with the folder while the server runs: a changed, new or deleted review file is
 * re-read within a fraction of a second. Anything but a review file (a folder moved, an event without a name)
 * triggers a full sync, which re-reads only files whose content hash changed.
 */
export function watchFolder(index: ReviewIndex, log: (message: string) => void): FolderWatcher {
  return watchFolders([index.root], {
    log: (message) => log(`index update: ${message}`),
    async onChange({ files: changed, unknown }) {
      // A site built into the folder is output, never reviews, whatever its pages' format.
      const files = changed.filter((file) => !insideBuiltSite(file, index.root));
      if (!unknown && files.length === 0) return;
      const reviews = files.filter(isReviewFile);
      if (unknown || reviews.length < files.length) await index.sync();
      else await index.refresh(reviews);
    },
  });
}

/** Files of any format the index reads (hidden ones, such as atomic writes' temp files, are never reported). */
function isReviewFile(path: string): boolean {
  return CONVERTIBLE_EXTENSIONS.has(extname(basename(path)).toLowerCase());
}
