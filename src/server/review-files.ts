import { readFile, realpath } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { IndexedReview } from '../index/queries.js';
import type { ReviewIndex } from '../index/review-index.js';
import { localToday } from '../model/time.js';
import { parseSource } from '../parse/parse-source.js';
import { contentHash } from '../parse-cache.js';
import { decode } from '../read/decode.js';
import { REVIEW_EXTENSIONS } from '../read/read-sources.js';
import { newReviewText, reviewFileName, TEMPLATE_FILE, type NewReview } from '../render/template.js';
import { writeAtomic } from '../write/atomic-write.js';
import { HttpError } from './http-error.js';
import { setCheckbox, setStatus } from './text-edits.js';

export interface StoredReview {
  readonly review: IndexedReview;
  readonly markdown: string;
}

/**
 * Reading and writing review files for the server. Every write: checks the caller's etag against the file on
 * disk (not the index, which may lag behind by a watcher tick), writes atomically (temp + rename, refused when the
 * file changed meanwhile), then refreshes the index from the written file. Writes to one file run one at a time,
 * so two writers with the same etag cannot both pass the check.
 */
export function createReviewFiles(index: ReviewIndex, today: () => string = localToday) {
  const locks = new Map<string, Promise<unknown>>();

  function locked<T>(path: string, work: () => Promise<T>): Promise<T> {
    const before = locks.get(path) ?? Promise.resolve();
    const run = before.then(work, work);
    const settled = run.catch(() => undefined);
    locks.set(path, settled);
    void settled.then(() => {
      if (locks.get(path) === settled) locks.delete(path);
    });
    return run;
  }

  /** The file of a review, checked to be inside the reviews folder (also through symlinks). */
  async function fileOf(id: string): Promise<string> {
    const found = index.fileOf(id);
    if (!found) throw new HttpError('review-not-found', `No review has the id "${id}".`);
    const refusal = writeRefusal(id, found);
    if (refusal !== null) throw new HttpError('not-writable', refusal);
    return insideRoot(found.file);
  }

  async function insideRoot(file: string): Promise<string> {
    const path = resolve(index.root, file);
    const real = await realpath(dirname(path)).catch(() => dirname(path));
    const root = await realpath(index.root).catch(() => index.root);
    const rel = relative(root, join(real, relative(dirname(path), path)));
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel))
      throw new HttpError('invalid-id', 'That path is outside the reviews folder.');
    return path;
  }

  async function readCurrent(path: string, id: string): Promise<{ text: string; etag: string }> {
    const bytes = await readFile(path).catch(() => null);
    if (bytes === null)
      throw new HttpError(
        'review-deleted',
        `The file of "${id}" was deleted on disk; nothing was written. Save your text as a new review.`,
      );
    return { text: bytes.toString('utf8'), etag: contentHash(bytes) };
  }

  function conflict(id: string, current: { text: string; etag: string }): HttpError {
    return new HttpError(
      'edit-conflict',
      `"${id}" was changed by someone else (now ${current.etag}); nothing was written. Merge and save again.`,
      { current: { review: index.review(id), markdown: current.text, etag: current.etag } },
    );
  }

  /** Writes `next` over the file when its etag is still `expected`; refreshes the index; answers the review. */
  async function writeOver(
    id: string,
    path: string,
    expected: string | null,
    next: (current: string) => string,
  ): Promise<StoredReview> {
    return locked(path, async () => {
      const current = await readCurrent(path, id);
      if (expected !== null && current.etag !== expected) throw conflict(id, current);
      const text = next(current.text);
      const written = await writeAtomic(path, text, current.text);
      if (!written.ok) throw conflict(id, await readCurrent(path, id));
      await index.refresh([path]);
      return storedAfterWrite(path, text);
    });
  }

  function storedAfterWrite(path: string, markdown: string): StoredReview {
    const file = relative(index.root, path);
    const review = index.reviewsInFile(file)[0];
    if (!review) throw new Error(`the index has no review for ${file} after writing it`);
    return { review, markdown };
  }

  return {
    async read(id: string): Promise<StoredReview> {
      const path = await fileOf(id);
      const current = await readCurrent(path, id);
      const review = index.review(id);
      if (!review) throw new HttpError('review-not-found', `No review has the id "${id}".`);
      return { review: { ...review, etag: current.etag }, markdown: current.text };
    },

    async replace(id: string, markdown: string, ifMatch: string): Promise<StoredReview> {
      return writeOver(id, await fileOf(id), ifMatch, () => markdown);
    },

    async setAction(id: string, n: number, done: boolean, ifMatch: string | null): Promise<StoredReview> {
      const path = await fileOf(id);
      return writeOver(id, path, ifMatch, (text) => {
        const reparsed = reviewOf(text, relative(index.root, path));
        const item = reparsed?.actionItems[n - 1];
        if (!item)
          throw new HttpError(
            'action-not-found',
            `"${id}" has ${reparsed?.actionItems.length ?? 0} action items.`,
          );
        const edited = setCheckbox(text, item.line, done);
        if (edited === null)
          throw new HttpError(
            'action-not-tickable',
            `Line ${item.line} has no [ ] checkbox; edit the file instead.`,
          );
        return edited;
      });
    },

    async setStatus(id: string, status: string, ifMatch: string | null): Promise<StoredReview> {
      return writeOver(id, await fileOf(id), ifMatch, (text) => setStatus(text, status));
    },

    /** A new review file named by convention from the markdown's own date and title; never over another file. */
    async create(markdown: string): Promise<StoredReview> {
      // Not `isReview`: a fresh template, prompts only, is classified as a template until someone fills it in.
      const review = reviewOf(markdown, 'new.md');
      if (!review?.title)
        throw new HttpError(
          'invalid-review',
          'Give the review a title (front matter `title:` or a `# Heading`) so it can be named.',
        );
      const date = review.date && review.date.length === 10 ? review.date : today();
      const name = reviewFileName(date, review.title);
      const path = await insideRoot(name);
      return locked(path, async () => {
        const written = await writeAtomic(path, markdown, null);
        if (!written.ok)
          throw new HttpError('review-exists', `${name} already exists; change the title or date.`, {
            path: name,
          });
        await index.refresh([path]);
        return storedAfterWrite(path, markdown);
      });
    },

    /** The text of a new review from the folder's template (`template.md`) or the canonical one. */
    async template(review: NewReview): Promise<string> {
      const own = await readFile(join(index.root, TEMPLATE_FILE), 'utf8').catch(() => null);
      return newReviewText(own, review);
    },
  };
}

export type ReviewFiles = ReturnType<typeof createReviewFiles>;

/**
 * Why the server does not write a review's file, or null when it does: a file holding several reviews (an incident
 * log, a patch) is edited as a whole, and one converted to be read (HTML, AsciiDoc, PDF, email) is not markdown.
 */
export function writeRefusal(id: string, found: { file: string; reviewsInFile: number }): string | null {
  if (found.reviewsInFile > 1)
    return `"${id}" is one of several reviews in ${found.file}; edit that file as a whole in your editor.`;
  if (!REVIEW_EXTENSIONS.has(extname(found.file).toLowerCase()))
    return `${found.file} is read here converted to markdown; edit it in your editor, or turn it into markdown with \`hindsight import\` to edit it here.`;
  return null;
}

/** Parses markdown that is not (yet) a file: for naming a new review and finding an action item's line. */
export function reviewOf(markdown: string, path: string) {
  const bytes = Buffer.from(markdown, 'utf8');
  return parseSource({ path, ...decode(bytes, path) }).reviews[0]?.review ?? null;
}
