import type Database from 'better-sqlite3';
import type { ActionItem, Review } from '../model/review.js';
import { snippetOf } from './snippet.js';

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}

export interface Paging {
  readonly limit: number;
  readonly offset: number;
}

/** A review as the index stores it: the §3.1 object and the content hash of its file. */
export type IndexedReview = Review & { readonly etag: string };

/** The JSON text of an IndexedReview, as stored. */
export type IndexedReviewJson = string & { readonly __json: 'IndexedReview' };

export interface ReviewFilter extends Paging {
  readonly severity?: number | undefined;
  readonly service?: string | undefined;
  readonly tag?: string | undefined;
  readonly status?: string | undefined;
  /** Reviews dated on or after this day (YYYY-MM-DD). */
  readonly from?: string | undefined;
  /** Reviews dated on or before this day. */
  readonly to?: string | undefined;
}

export interface SearchHit {
  readonly id: string;
  readonly title: string | null;
  readonly date: string | null;
  readonly severity: Review['severity'];
  readonly status: string | null;
  readonly path: string;
  /** bm25 relevance: higher is better. */
  readonly score: number;
  /** The best matching passage as plain text, each matched word between `MATCH_START` and `MATCH_END` (snippet.ts). */
  readonly snippet: string;
}

export interface ActionFilter extends Paging {
  readonly open?: boolean | undefined;
  readonly overdue?: boolean | undefined;
  readonly owner?: string | undefined;
  readonly today: string;
}

export interface ActionEntry extends ActionItem {
  readonly reviewId: string;
  readonly reviewTitle: string | null;
  readonly path: string;
  /** 1-based position among the review's action items: the `:n` of `PATCH /api/reviews/:id/actions/:n`. */
  readonly n: number;
  readonly overdue: boolean;
}

interface Where {
  readonly clauses: string[];
  readonly params: unknown[];
}

function reviewWhere(filter: ReviewFilter): Where {
  const where: Where = { clauses: ['r.is_review = 1'], params: [] };
  const add = (clause: string, value: unknown) => {
    where.clauses.push(clause);
    where.params.push(value);
  };
  const label = (kind: string) =>
    `r.rowid IN (SELECT review FROM labels WHERE kind = '${kind}' AND value = ?)`;
  if (filter.severity !== undefined) add('r.severity = ?', filter.severity);
  if (filter.service !== undefined) add(label('service'), filter.service);
  if (filter.tag !== undefined) add(label('tag'), filter.tag);
  if (filter.status !== undefined) add('r.status = ? COLLATE NOCASE', filter.status);
  if (filter.from !== undefined) add('r.date >= ?', filter.from);
  // A month-only date ("2024-08") sorts before its days; compare with the day's end so it still counts.
  if (filter.to !== undefined) add('r.date <= ?', `${filter.to}\uffff`);
  return where;
}

/** Read-only queries over the index; each prepared once. */
export function createReader(db: Database.Database) {
  const byId = db.prepare('SELECT json FROM reviews WHERE id = ? ORDER BY file, position LIMIT 1').pluck();
  const inFile = db.prepare('SELECT json FROM reviews WHERE file = ? ORDER BY position').pluck();
  const allJson = db.prepare('SELECT rowid, json FROM reviews');
  // A document is the same while its file's content (etag) and its place in the file are.
  const documentRows = db.prepare(
    'SELECT rowid, file || char(0) || position || char(0) || etag AS key, errors FROM reviews ORDER BY file, position',
  );
  const documentJson = db.prepare('SELECT json FROM reviews WHERE rowid = ?').pluck();
  let parsedDocuments = new Map<string, IndexedReview>();
  const fileOf = db.prepare(
    'SELECT file, (SELECT count(*) FROM reviews o WHERE o.file = r.file) AS n FROM reviews r WHERE id = ? ORDER BY file, position LIMIT 1',
  );
  // Ranked first (FTS5 `rank` is bm25 with the weights set in the schema), then the page's rows joined.
  const searchHits = db.prepare(
    `SELECT r.id, r.title, r.date, r.status, r.file AS path, r.severity, r.severity_raw,
            -hit.rank AS score, text.summary, text.body
       FROM (SELECT rowid, rank FROM reviews_fts WHERE reviews_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?) hit
       JOIN reviews r ON r.rowid = hit.rowid
       JOIN reviews_fts text ON text.rowid = hit.rowid
      ORDER BY hit.rank`,
  );
  const searchTotal = db.prepare('SELECT count(*) FROM reviews_fts WHERE reviews_fts MATCH ?').pluck();
  const reviewCount = db.prepare('SELECT count(*) FROM reviews WHERE is_review = 1').pluck();
  const bestMatches = db
    .prepare(
      `SELECT r.id FROM (SELECT rowid, rank FROM reviews_fts WHERE reviews_fts MATCH ? ORDER BY rank LIMIT ?) hit
         JOIN reviews r ON r.rowid = hit.rowid ORDER BY hit.rank`,
    )
    .pluck();

  return {
    review(id: string): IndexedReview | null {
      const json = byId.get(id) as string | undefined;
      return json === undefined ? null : (JSON.parse(json) as IndexedReview);
    },

    reviewsInFile(file: string): IndexedReview[] {
      return (inFile.all(file) as string[]).map((json) => JSON.parse(json) as IndexedReview);
    },

    /** The file a review lives in (relative to the reviews folder) and how many reviews that file holds. */
    fileOf(id: string): { file: string; reviewsInFile: number } | null {
      const row = fileOf.get(id) as { file: string; n: number } | undefined;
      return row ? { file: row.file, reviewsInFile: row.n } : null;
    },

    /** A page of reviews as stored JSON text: a list answer splices it, rather than parse and re-serialise. */
    reviews(filter: ReviewFilter): Page<IndexedReviewJson> {
      const { clauses, params } = reviewWhere(filter);
      const where = clauses.join(' AND ');
      const total = db
        .prepare(`SELECT count(*) FROM reviews r WHERE ${where}`)
        .pluck()
        .get(...params) as number;
      // Rows are picked (and sorted) by rowid first: sorting with the JSON column attached carried every
      // review's full text through the sorter.
      const rows = db
        .prepare(
          `SELECT json FROM reviews WHERE rowid IN (
             SELECT r.rowid FROM reviews r WHERE ${where} ORDER BY r.date DESC NULLS LAST, r.id LIMIT ? OFFSET ?
           ) ORDER BY date DESC NULLS LAST, id`,
        )
        .pluck()
        .all(...params, filter.limit, filter.offset) as string[];
      return { items: rows as IndexedReviewJson[], total };
    },

    /**
     * Every document in the index (reviews and not), for numbers and lists across them. The same object for a
     * document that did not change since the last call: after one edit only that file's JSON is read and parsed
     * again, where parsing all of it took a second at 10,000 reviews (callers may key caches on the objects).
     */
    allDocuments(): { review: IndexedReview; errors: number }[] {
      const rows = documentRows.all() as { rowid: number; key: string; errors: number }[];
      const kept = parsedDocuments;
      parsedDocuments = new Map();
      const first = kept.size === 0;
      const jsonOf = first
        ? new Map((allJson.all() as { rowid: number; json: string }[]).map((r) => [r.rowid, r.json]))
        : null;
      return rows.map(({ rowid, key, errors }) => {
        let review = kept.get(key);
        if (review === undefined) {
          const json = (jsonOf?.get(rowid) ?? documentJson.get(rowid)) as string;
          review = JSON.parse(json) as IndexedReview;
        }
        parsedDocuments.set(key, review);
        return { review, errors };
      });
    },

    search(text: string, paging: Paging): Page<SearchHit> {
      const words = wordsOf(text);
      if (words.length === 0) return { items: [], total: 0 };
      const match = ftsQuery(words);
      const rows = searchHits.all(match, paging.limit, paging.offset) as SearchRow[];
      const items = rows.map(({ severity, severity_raw, summary, body, ...hit }) => ({
        ...hit,
        severity: severity === null || severity_raw === null ? null : { raw: severity_raw, level: severity },
        snippet: snippetOf([summary, body, hit.title ?? ''], words),
      }));
      return { items, total: searchTotal.get(match) as number };
    },

    reviewCount(): number {
      return reviewCount.get() as number;
    },

    /** How many reviews hold a word (or a word of its stem). */
    reviewsWithWord(word: string): number {
      return searchTotal.get(`"${word.replaceAll('"', '')}"`) as number;
    },

    /** Ids of the reviews that match any of the words best (bm25), at most `limit`. */
    bestMatchesOfAny(words: readonly string[], limit: number): string[] {
      if (words.length === 0) return [];
      return bestMatches.all(words.map((w) => `"${w.replaceAll('"', '')}"`).join(' OR '), limit) as string[];
    },

    actions(filter: ActionFilter): Page<ActionEntry> {
      const clauses = ['1 = 1'];
      const params: unknown[] = [];
      if (filter.open) clauses.push('done = 0');
      if (filter.overdue) {
        clauses.push('done = 0 AND due IS NOT NULL AND due < ?');
        params.push(filter.today);
      }
      if (filter.owner !== undefined) {
        clauses.push("ltrim(owner, '@') = ltrim(?, '@') COLLATE NOCASE");
        params.push(filter.owner);
      }
      const where = clauses.join(' AND ');
      const total = db
        .prepare(`SELECT count(*) FROM action_items WHERE ${where}`)
        .pluck()
        .get(...params) as number;
      const rows = db
        .prepare(
          `SELECT review_id AS reviewId, review_title AS reviewTitle, path, n, text, done, owner, link, due, line
             FROM action_items WHERE ${where}
            ORDER BY done, due IS NULL, due, review_date DESC, review_id, n LIMIT ? OFFSET ?`,
        )
        .all(...params, filter.limit, filter.offset) as (Omit<ActionEntry, 'done' | 'overdue'> & {
        done: number;
      })[];
      const items = rows.map(({ done, ...row }) => ({
        ...row,
        done: done === 1,
        overdue: done === 0 && row.due !== null && row.due < filter.today,
      }));
      return { items, total };
    },
  };
}

export type IndexReader = ReturnType<typeof createReader>;

interface SearchRow extends Omit<SearchHit, 'severity' | 'snippet'> {
  readonly severity: number | null;
  readonly severity_raw: string | null;
  readonly summary: string;
  readonly body: string;
}

function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Words → an FTS5 query: every word must match (the last one as a prefix, for search-as-you-type). Words are
 * quoted, so FTS5 syntax in the input (`NEAR`, `*`, `"`, column filters) is just text.
 */
export function ftsQuery(words: readonly string[]): string {
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}
