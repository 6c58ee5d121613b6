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
  const out = openSync(next, 'w');
  const readers = new Map<string, number>();
  const reader = (file: string) => {
    let fd = readers.get(file);
    if (fd === undefined) readers.set(file, (fd = openSync(file, 'r')));
    return fd;
  };
  const ranges = new Map<string, [number, number]>();
  let offset = 0;
  let written = 0;
  const put = (bytes: Uint8Array | string) => {
    written += typeof bytes === 'string' ? writeSync(out, bytes) : writeSync(out, bytes);
  };
  put('[');
  try {
    for (const file of files) {
      const kept = unchanged.get(file);
      const at = fresh.get(file);
      const source: readonly [string, number, number] | null =
        kept && previous !== null ? [previous, kept.json[0], kept.json[1]] : (at ?? null);
      const length = source?.[2] ?? 0;
      ranges.set(file, [offset, length]);
      if (source !== null && length > 0) {
        // Every chunk starts with its separator (`,`; the last file's first byte is `[`): write our own instead.
        const chunk = Buffer.alloc(length);
        readSync(reader(source[0]), chunk, 0, length, source[1]);
        put(offset === 0 ? chunk.subarray(1) : Buffer.concat([Buffer.from(','), chunk.subarray(1)]));
      }
      offset += length;
    }
    put(offset === 0 ? ']\n' : '\n]\n');
  } finally {
    closeSync(out);
    for (const fd of readers.values()) closeSync(fd);
  }
  // Renamed into place only when whole, so a failed build never leaves half a reviews.json behind.
  renameSync(next, path);
  for (const [part] of fresh.values()) rmSync(part, { force: true });
  return { ranges, bytes: written };
}
