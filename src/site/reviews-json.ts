import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { CachedFile, SiteCache } from './site-cache.js';

/** How much a warm build copies from the last reviews.json at a time. */
const COPY_BLOCK = 1 << 20;

/**
 * reviews.json: every review as `hindsight parse --format json` gives it, one per line. Each file's reviews are a
 * chunk of `,\n<json>` lines; the file is `[` + the chunks with the very first comma dropped + `\n]\n`, and the
 * cache keeps each chunk's byte range. A cold build copies chunks from the part files the threads wrote; a warm
 * build copies unchanged files' chunks from the last reviews.json. Chunks are copied piece by piece, so neither
 * 10,000 reviews nor the whole file are ever held in memory.
 */
export function writeReviewsJson(
  outDir: string,
  files: readonly string[],
  /** The files parsed in this build: where their chunk is in the threads' part files (see SiteJob). */
  fresh: ReadonlyMap<string, readonly [string, number, number]>,
  unchanged: ReadonlyMap<string, CachedFile>,
  cache: SiteCache | null,
): { ranges: Map<string, [number, number]>; bytes: number } {
  const path = join(outDir, 'reviews.json');
  const previous = cache !== null && unchanged.size > 0 ? path : null;
  if (previous !== null && (!existsSync(previous) || statSync(previous).size !== cache?.jsonBytes))
    throw new Error(`${path} is not the one the last build wrote; run \`hindsight build --full\`.`);
  mkdirSync(outDir, { recursive: true });
  const next = `${path}.next`;
  const ranges = new Map<string, [number, number]>();
  // Where each chunk comes from, neighbours from the same file merged: a warm build copies long runs at once.
  const segments: [string, number, number][] = [];
  let offset = 0;
  for (const file of files) {
    const kept = unchanged.get(file);
    const at = fresh.get(file);
    const source: readonly [string, number, number] | null =
      kept && previous !== null ? [previous, kept.json[0], kept.json[1]] : (at ?? null);
    const length = source?.[2] ?? 0;
    ranges.set(file, [offset, length]);
    offset += length;
    if (source === null || length === 0) continue;
    const last = segments[segments.length - 1];
    if (last && last[0] === source[0] && last[1] + last[2] === source[1]) last[2] += length;
    else segments.push([source[0], source[1], length]);
  }
  let written = 0;
  const out = openSync(next, 'w');
  const readers = new Map<string, number>();
  try {
    written += writeSync(out, '[');
    segments.forEach(([path, start, length], i) => {
      let fd = readers.get(path);
      if (fd === undefined) readers.set(path, (fd = openSync(path, 'r')));
      // Each segment starts with its chunk's separator (`,`, or the old file's `[`): write our own instead.
      if (i > 0) written += writeSync(out, ',');
      const block = Buffer.alloc(Math.min(COPY_BLOCK, length));
      for (let done = 1; done < length;) {
        const read = readSync(fd, block, 0, Math.min(block.length, length - done), start + done);
        if (read === 0) throw new Error(`${path} ended early`);
        written += writeSync(out, block, 0, read);
        done += read;
      }
    });
    written += writeSync(out, offset === 0 ? ']\n' : '\n]\n');
  } finally {
    closeSync(out);
    for (const fd of readers.values()) closeSync(fd);
  }
  // Renamed into place only when whole, so a failed build never leaves half a reviews.json behind.
  renameSync(next, path);
  for (const [part] of fresh.values()) rmSync(part, { force: true });
  return { ranges, bytes: written };
}
