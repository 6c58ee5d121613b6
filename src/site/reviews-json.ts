import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CachedFile, SiteCache } from './site-cache.js';

/**
 * reviews.json: every review as `hindsight parse --format json` gives it, one per line. Its body is the files'
 * chunks in build order, each review as `,\n<json>` (the file drops the very first comma); the cache keeps each
 * file's byte range, so a warm build copies the bytes of unchanged files from the last build's reviews.json
 * instead of holding 10,000 reviews in memory.
 */
export function writeReviewsJson(
  outDir: string,
  files: readonly string[],
  /** The files parsed in this build: their reviews as lines of the body. */
  fresh: ReadonlyMap<string, string>,
  unchanged: ReadonlyMap<string, CachedFile>,
  cache: SiteCache | null,
): { ranges: Map<string, [number, number]>; bytes: number } {
  const path = join(outDir, 'reviews.json');
  const old = cache !== null && unchanged.size > 0 ? previousBody(path, cache.jsonBytes) : null;
  if (cache !== null && unchanged.size > 0 && old === null)
    throw new Error(`${path} is not the one the last build wrote; run \`hindsight build --full\`.`);
  const chunks: Buffer[] = [];
  const ranges = new Map<string, [number, number]>();
  let offset = 0;
  for (const file of files) {
    const kept = unchanged.get(file);
    const chunk =
      kept && old
        ? old.subarray(kept.json[0], kept.json[0] + kept.json[1])
        : Buffer.from(fresh.get(file) ?? '');
    ranges.set(file, [offset, chunk.length]);
    offset += chunk.length;
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  const text =
    body.length === 0
      ? Buffer.from('[]\n')
      : Buffer.concat([Buffer.from('['), body.subarray(1), Buffer.from('\n]\n')]);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path, text);
  return { ranges, bytes: text.length };
}

/** The body of the last build's reviews.json, or null when the file is not the one it wrote. */
function previousBody(path: string, bytes: number): Buffer | null {
  if (!existsSync(path)) return null;
  const text = readFileSync(path);
  if (text.length !== bytes) return null;
  return text.length <= 3
    ? Buffer.alloc(0)
    : Buffer.concat([Buffer.from(','), text.subarray(1, text.length - 3)]);
}
