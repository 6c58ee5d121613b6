import {
  closeSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { CachedFile, SiteCache } from './site-cache.js';

/** How much is copied from one file to another at a time. */
const COPY_BLOCK = 1 << 20;

/** Where a run of chunks comes from: [file, start, length] in bytes. */
type Segment = [string, number, number];

/**
 * reviews.json: every review as `hindsight parse --format json` gives it, one per line. Each file's reviews are a
 * chunk of `,\n<json>` lines; the file is `[` + the chunks with the very first comma dropped + `\n]\n`, and the
 * cache keeps each chunk's length (where it starts follows from the files before it).
 *
 * A cold build copies the chunks piece by piece from the part files the threads wrote into a new file, renamed
 * into place when whole. A warm build changes the last reviews.json in place from the first chunk that differs:
 * rewriting all of it (74 MB at 10,000 reviews) was a seventh of a one-edit build. A build stopped half way leaves a
 * file of another length than the cache says, and the next build is then a cold one (loadSiteCache).
 */
export function writeReviewsJson(
  outDir: string,
  files: readonly string[],
  /** The files parsed in this build: where their chunk is in the threads' part files (see SiteJob). */
  fresh: ReadonlyMap<string, readonly [string, number, number]>,
  unchanged: ReadonlyMap<string, CachedFile>,
  cache: SiteCache | null,
): { lengths: Map<string, number>; bytes: number } {
  const path = join(outDir, 'reviews.json');
  const previous = cache !== null && unchanged.size > 0 ? cache : null;
  mkdirSync(outDir, { recursive: true });
  const starts = new Map<string, number>();
  let start = 0;
  for (const [file, record] of Object.entries(previous?.files ?? {})) {
    starts.set(file, start);
    start += record.jsonLength;
  }
  const lengths = new Map<string, number>();
  // Where each chunk comes from, neighbours from the same file merged: a warm build copies long runs at once.
  const segments: Segment[] = [];
  for (const file of files) {
    const kept = unchanged.get(file);
    const source: readonly [string, number, number] | null =
      kept && previous !== null ? [path, starts.get(file) ?? 0, kept.jsonLength] : (fresh.get(file) ?? null);
    const length = source?.[2] ?? 0;
    lengths.set(file, length);
    if (source === null || length === 0) continue;
    const last = segments[segments.length - 1];
    if (last && last[0] === source[0] && last[1] + last[2] === source[1]) last[2] += length;
    else segments.push([source[0], source[1], length]);
  }
  const bytes =
    previous === null ? writeNew(path, segments) : updateInPlace(path, segments, previous.jsonBytes);
  for (const [part] of fresh.values()) rmSync(part, { force: true });
  return { lengths, bytes };
}

function writeNew(path: string, segments: readonly Segment[]): number {
  const next = `${path}.next`;
  const out = openSync(next, 'w');
  const readers = new Map<string, number>();
  let at = 0;
  try {
    for (const [source, start, length] of segments) {
      let fd = readers.get(source);
      if (fd === undefined) readers.set(source, (fd = openSync(source, 'r')));
      at += writeSync(out, at === 0 ? '[' : ',');
      const block = Buffer.allocUnsafe(Math.min(COPY_BLOCK, length));
      for (let done = 1; done < length;) {
        const read = readSync(fd, block, 0, Math.min(block.length, length - done), start + done);
        if (read === 0) throw new Error(`${source} ended early`);
        at += writeSync(out, block, 0, read);
        done += read;
      }
    }
    at += writeSync(out, at === 0 ? '[]\n' : '\n]\n');
  } finally {
    closeSync(out);
    for (const fd of readers.values()) closeSync(fd);
  }
  // Renamed into place only when whole, so a failed build never leaves half a reviews.json behind.
  renameSync(next, path);
  return at;
}

/** Rewrites the last reviews.json (`oldSize` bytes) from the first segment that is not already where it belongs. */
function updateInPlace(path: string, segments: readonly Segment[], oldSize: number): number {
  const first = segments[0];
  const kept = first && first[0] === path && first[1] === 0 ? first[2] : 0;
  const fd = openSync(path, 'r+');
  try {
    // What follows the kept part is read before it is overwritten.
    const tail = readAt(fd, kept, oldSize - kept);
    let at = kept;
    for (const [source, start, length] of segments.slice(kept > 0 ? 1 : 0)) {
      const chunk =
        source === path
          ? tail.subarray(start - kept, start - kept + length)
          : readChunk(source, start, length);
      // Each chunk begins with its separator (`,`, or the old file's `[`): write the one of its new place.
      at += writeSync(fd, at === 0 ? '[' : ',', at);
      at += writeSync(fd, chunk, 1, length - 1, at);
    }
    at += writeSync(fd, at === 0 ? '[]\n' : '\n]\n', at);
    ftruncateSync(fd, at);
    return at;
  } finally {
    closeSync(fd);
  }
}

function readChunk(path: string, start: number, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    return readAt(fd, start, length);
  } finally {
    closeSync(fd);
  }
}

function readAt(fd: number, start: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  for (let done = 0; done < length;) {
    const read = readSync(fd, buffer, done, length - done, start + done);
    if (read === 0) throw new Error('reviews.json ended early');
    done += read;
  }
  return buffer;
}
