import type Database from 'better-sqlite3';

/**
 * The index's schema, one step per entry; `PRAGMA user_version` records how many have run. A new step is
 * appended, never edited: an index written by an older version then catches up, and one written by a newer
 * version (a higher user_version) is not trusted and gets rebuilt.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE files (
    path TEXT PRIMARY KEY,
    hash TEXT NOT NULL
  );
  CREATE TABLE reviews (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    file TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    is_review INTEGER NOT NULL,
    title TEXT,
    date TEXT,
    severity INTEGER,
    severity_raw TEXT,
    status TEXT,
    etag TEXT NOT NULL,
    -- parse errors: the review still has a page, and lists flag it
    errors INTEGER NOT NULL,
    json TEXT NOT NULL
  );
  CREATE INDEX reviews_by_id ON reviews(id);
  CREATE INDEX reviews_by_file ON reviews(file);
  -- Covers listing, counting and filtering without touching the rows, whose JSON makes them wide.
  CREATE INDEX reviews_listing ON reviews(is_review, date DESC, id, severity, status);
  CREATE TABLE labels (
    review INTEGER NOT NULL REFERENCES reviews(rowid) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('service', 'tag', 'author')),
    value TEXT NOT NULL COLLATE NOCASE
  );
  CREATE INDEX labels_by_value ON labels(kind, value);
  CREATE INDEX labels_by_review ON labels(review);
  CREATE TABLE sections (
    review INTEGER NOT NULL REFERENCES reviews(rowid) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    heading TEXT NOT NULL,
    markdown TEXT NOT NULL,
    line INTEGER NOT NULL
  );
  CREATE INDEX sections_by_review ON sections(review);
  CREATE TABLE timeline_events (
    review INTEGER NOT NULL REFERENCES reviews(rowid) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    date TEXT,
    time TEXT,
    text TEXT NOT NULL,
    line INTEGER NOT NULL
  );
  CREATE INDEX timeline_by_review ON timeline_events(review);
  -- The review's id, title, file and date are repeated here so the action list needs no join.
  CREATE TABLE action_items (
    review INTEGER NOT NULL REFERENCES reviews(rowid) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    text TEXT NOT NULL,
    done INTEGER NOT NULL,
    owner TEXT COLLATE NOCASE,
    link TEXT,
    due TEXT,
    line INTEGER NOT NULL,
    review_id TEXT NOT NULL,
    review_title TEXT,
    review_date TEXT,
    path TEXT NOT NULL
  );
  CREATE INDEX actions_by_review ON action_items(review);
  CREATE INDEX actions_in_order ON action_items(done, due IS NULL, due, review_date DESC, review_id, n);
  CREATE INDEX actions_by_owner ON action_items(owner);
  CREATE VIRTUAL TABLE reviews_fts USING fts5(
    title, summary, body,
    tokenize = 'porter unicode61 remove_diacritics 2'
  );
  INSERT INTO reviews_fts (reviews_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0)');
  CREATE TRIGGER reviews_fts_delete AFTER DELETE ON reviews BEGIN
    DELETE FROM reviews_fts WHERE rowid = old.rowid;
  END;
  `,
];

/** Runs the steps this index has not had yet, each in its own transaction. */
export function migrate(db: Database.Database): void {
  const done = db.pragma('user_version', { simple: true }) as number;
  MIGRATIONS.slice(done).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${done + i + 1}`);
    })();
  });
}
