import type Database from 'better-sqlite3';
import type { Review } from '../model/review.js';
import type { ParsedSource } from '../parse/parse-source.js';

/** Bumped when what is stored for a review changes: an index of another format is rebuilt. */
export const INDEX_FORMAT = 1;

/** One file's parse, ready to store: its path relative to the reviews folder, content hash and reviews. */
export interface IndexedFile {
  readonly path: string;
  readonly hash: string;
  readonly reviews: readonly StoredReview[];
}

export interface StoredReview {
  readonly review: Review;
  /** How many errors parsing found in it. */
  readonly errors: number;
}

/** A parsed file's reviews as the index keeps them. */
export function storedReviews(source: ParsedSource): StoredReview[] {
  return source.reviews.map(({ review, diagnostics }) => ({
    review,
    errors: [...source.diagnostics, ...diagnostics].filter((d) => d.severity === 'error').length,
  }));
}

/** The statements that write the index, prepared once. Callers wrap them in transactions. */
export function createWriter(db: Database.Database) {
  const deleteFile = db.prepare('DELETE FROM files WHERE path = ?');
  const insertFile = db.prepare('INSERT INTO files (path, hash) VALUES (?, ?)');
  const insertReview = db.prepare(
    `INSERT INTO reviews (id, file, position, is_review, title, date, severity, severity_raw, status, etag, errors, json)
     VALUES (@id, @file, @position, @isReview, @title, @date, @severity, @severityRaw, @status, @etag, @errors, @json)`,
  );
  const insertLabel = db.prepare('INSERT INTO labels (review, kind, value) VALUES (?, ?, ?)');
  const insertSection = db.prepare(
    'INSERT INTO sections (review, position, kind, heading, markdown, line) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertEvent = db.prepare(
    'INSERT INTO timeline_events (review, position, date, time, text, line) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertAction = db.prepare(
    `INSERT INTO action_items (review, n, text, done, owner, link, due, line, review_id, review_title, review_date, path)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertText = db.prepare('INSERT INTO reviews_fts (rowid, title, summary, body) VALUES (?, ?, ?, ?)');

  function storeReview(file: IndexedFile, { review, errors }: StoredReview, position: number): void {
    const { lastInsertRowid: row } = insertReview.run({
      id: review.id,
      file: file.path,
      position,
      isReview: review.isReview ? 1 : 0,
      title: review.title,
      date: review.date,
      severity: review.severity?.level ?? null,
      severityRaw: review.severity?.raw ?? null,
      status: review.status,
      etag: file.hash,
      errors,
      json: JSON.stringify({ ...review, etag: file.hash }),
    });
    for (const value of review.services) insertLabel.run(row, 'service', value);
    for (const value of review.tags) insertLabel.run(row, 'tag', value);
    for (const value of review.authors) insertLabel.run(row, 'author', value);
    review.sections.forEach((s, i) => insertSection.run(row, i, s.kind, s.heading, s.markdown, s.line));
    review.timeline.forEach((e, i) => insertEvent.run(row, i, e.date, e.time, e.text, e.line));
    // Only reviews' items are tracked: a template's example task is nobody's work.
    if (review.isReview)
      review.actionItems.forEach((a, i) =>
        insertAction.run(
          row,
          i + 1,
          a.text,
          a.done ? 1 : 0,
          a.owner,
          a.link,
          a.due,
          a.line,
          review.id,
          review.title,
          review.date,
          file.path,
        ),
      );
    // Only reviews are searched: index pages and templates would crowd the results.
    if (review.isReview)
      insertText.run(row, review.title ?? '', review.summary ?? '', searchableBody(review));
  }

  return {
    /** Replaces everything stored for a file (a file that holds no review is still stored, by its hash). */
    putFile(file: IndexedFile): void {
      deleteFile.run(file.path);
      insertFile.run(file.path, file.hash);
      file.reviews.forEach((review, i) => storeReview(file, review, i));
    },
    removeFile(path: string): void {
      deleteFile.run(path);
    },
  };
}

export type IndexWriter = ReturnType<typeof createWriter>;

function searchableBody(review: Review): string {
  return [
    ...review.sections.map((s) => `${s.heading}\n${s.markdown}`),
    ...review.services,
    ...review.tags,
  ].join('\n');
}
