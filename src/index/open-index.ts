import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, migrate } from './migrations.js';

/** Marks a SQLite file as a Hindsight index ("HSIX"), so a database of someone else's is never overwritten. */
const APPLICATION_ID = 0x48534958;

export class ForeignDatabaseError extends Error {
  constructor(readonly path: string) {
    super(`${path} is a SQLite database that Hindsight did not write; it was left alone.`);
  }
}

export interface OpenedIndex {
  readonly db: Database.Database;
  /** Why the file was thrown away and started afresh, when it was. */
  readonly discarded: string | null;
}

/**
 * Opens (or creates) the index file in WAL mode with the current schema. The index is derived data: a file that
 * is damaged, unreadable or from a newer schema is deleted and started afresh rather than trusted.
 */
export function openIndexFile(path: string): OpenedIndex {
  mkdirSync(dirname(path), { recursive: true });
  const first = tryOpen(path);
  if (first.db) return { db: first.db, discarded: null };
  removeIndexFiles(path);
  const second = tryOpen(path);
  if (!second.db) throw new Error(`Cannot create the index at ${path}: ${second.problem}`);
  return { db: second.db, discarded: first.problem };
}

function tryOpen(path: string): { db: Database.Database; problem?: never } | { db?: never; problem: string } {
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    const problem = checkHealth(db, path);
    if (problem) {
      db.close();
      return { problem };
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    db.pragma('foreign_keys = ON');
    db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db);
    return { db };
  } catch (error) {
    if (error instanceof ForeignDatabaseError) throw error;
    db?.close();
    return { problem: (error as Error).message };
  }
}

function checkHealth(db: Database.Database, path: string): string | null {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const tables = db.prepare(`SELECT count(*) AS n FROM sqlite_schema`).get() as { n: number };
  if (applicationId !== APPLICATION_ID && tables.n > 0) throw new ForeignDatabaseError(path);
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) return `written by a newer schema (version ${version})`;
  const check = db.pragma('quick_check', { simple: true }) as string;
  return check === 'ok' ? null : `damaged (${check})`;
}

export function removeIndexFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}
