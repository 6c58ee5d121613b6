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

/** One source file's part of reviews.json: where its bytes are now, and how long its place in the new file is. */
interface Chunk {
  readonly file: string;
  /** The file its bytes are read from: a thread's part file, or the last reviews.json. */
  readonly source: string;
  readonly start: number;
  readonly length: number;
  /** Its length in the new file: `length` and the spaces after it. */
  readonly place: number;
  /** Where it was in the last reviews.json; null when it is not there as it is now. */
  readonly was: number | null;
}

/**
 * reviews.json: every review as `hindsight parse --format json` gives it, one per line. Each file's reviews are a
 * chunk of `,\n<json>` lines followed by spaces; the file is `[` + the chunks with the very first comma dropped +
 * `\n]\n`, and the cache keeps each chunk's length (where it starts follows from the files before it).
 *
 * A cold build copies the chunks piece by piece from the part files the threads wrote into a new file, renamed
 * into place when whole. A warm build changes the last reviews.json in place: an edited review whose JSON still
 * fits in its chunk (the spaces leave it room to grow) is written over its old one, and nothing else moves;
 * otherwise everything from the first chunk that moves is written again (rewriting all of it, 74 MB at 10,000
 * reviews, was a seventh of a one-edit build). A build stopped half way leaves a file of another length than the
 * cache says, and the next build is then a cold one (loadSiteCache).
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
  const before = new Map<string, [number, number]>();
  let offset = 0;
  for (const [file, record] of Object.entries(previous?.files ?? {})) {
    before.set(file, [offset, record.jsonLength]);
    offset += record.jsonLength;
  }
  const chunks: Chunk[] = [];
  offset = 0;
  for (const file of files) {
    const old = before.get(file);
    const kept = unchanged.get(file) && old !== undefined;
    const [source, start, length] = kept ? [path, old[0], old[1]] : (fresh.get(file) ?? [path, 0, 0]);
    // An edited file keeps its place when it still fits there, and the files before it did not move.
    const fits = !kept && old !== undefined && old[0] === offset && length <= old[1] && length > 0;
    const place = kept || fits ? (old?.[1] ?? 0) : withSlack(length);
    chunks.push({ file, source, start, length, place, was: kept ? old[0] : null });
    offset += place;
  }
  const bytes = previous === null ? writeNew(path, chunks) : updateInPlace(path, chunks, previous.jsonBytes);
  for (const [part] of fresh.values()) rmSync(part, { force: true });
  return { lengths: new Map(chunks.map((c) => [c.file, c.place])), bytes };
}

/** Room to grow: a review edited by a paragraph or two is written over its old place. */
function withSlack(length: number): number {
  return length === 0 ? 0 : length + 256 + Math.round(length / 16);
}

function writeNew(path: string, chunks: readonly Chunk[]): number {
  const next = `${path}.next`;
  const out = new BufferedWriter(openSync(next, 'w'));
  const readers = new Map<string, BlockReader>();
  try {
    for (const chunk of chunks) {
      if (chunk.place === 0) continue;
      let reader = readers.get(chunk.source);
      if (reader === undefined) readers.set(chunk.source, (reader = new BlockReader(chunk.source)));
      // Each chunk begins with its separator (`,`, or the old file's `[`): the one of its new place is written.
      out.write(out.written === 0 ? '[' : ',');
      reader.copy(chunk.start + 1, chunk.length - 1, out);
      out.write(' '.repeat(chunk.place - chunk.length));
    }
    out.write(out.written === 0 ? '[]\n' : '\n]\n');
    out.flush();
  } finally {
    closeSync(out.fd);
    for (const reader of readers.values()) closeSync(reader.fd);
  }
  // Renamed into place only when whole, so a failed build never leaves half a reviews.json behind.
  renameSync(next, path);
  return out.written;
}

/**
 * Gathers small writes into blocks: a cold build at 10,000 reviews copies 80 MB in some 30,000 pieces, and a
 * system call for each took most of a second.
 */
export class BufferedWriter {
  private readonly block: Buffer;
  private used = 0;
  /** Bytes written so far, those still in the block included. */
  written = 0;

  constructor(
    readonly fd: number,
    blockSize = COPY_BLOCK,
  ) {
    this.block = Buffer.allocUnsafe(blockSize);
  }

  write(text: string): void {
    const length = Buffer.byteLength(text);
    if (this.used + length > this.block.length) this.flush();
    // Longer than a block (the spaces after a review of tens of megabytes): written as it is.
    if (length > this.block.length) writeAll(this.fd, Buffer.from(text));
    else this.used += this.block.write(text, this.used);
    this.written += length;
  }

  /** Room for `wanted` bytes (fewer when the block is smaller) at the end of the block, to read into. */
  room(wanted: number): { buffer: Buffer; offset: number; length: number } {
    if (this.used === this.block.length || (this.used > 0 && this.block.length - this.used < wanted))
      this.flush();
    return { buffer: this.block, offset: this.used, length: Math.min(wanted, this.block.length - this.used) };
  }

  /** `length` bytes were put in the room `room` gave. */
  filled(length: number): void {
    this.used += length;
    this.written += length;
  }

  flush(): void {
    writeAll(this.fd, this.block.subarray(0, this.used));
    this.used = 0;
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Reads a file's ranges straight into a writer's blocks. */
class BlockReader {
  readonly fd: number;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
  }

  copy(start: number, length: number, out: BufferedWriter): void {
    for (let done = 0; done < length;) {
      const room = out.room(length - done);
      const read = readSync(this.fd, room.buffer, room.offset, room.length, start + done);
      if (read === 0) throw new Error(`${this.path} ended early`);
      out.filled(read);
      done += read;
    }
  }
}

/** Writes the chunks that are new or moved into the last reviews.json (`oldSize` bytes long). */
function updateInPlace(path: string, chunks: readonly Chunk[], oldSize: number): number {
  const fd = openSync(path, 'r+');
  try {
    // What moves is read before anything is written: the old file from the first chunk that moves on.
    let at = 0;
    let from = oldSize;
    for (const chunk of chunks) {
      if (chunk.was !== null && chunk.was !== at && chunk.place > 0) from = Math.min(from, chunk.was);
      at += chunk.place;
    }
    const tail = readAt(fd, from, oldSize - from);
    at = 0;
    for (const chunk of chunks) {
      if (chunk.place > 0 && chunk.was !== at) {
        const bytes =
          chunk.was === null
            ? readChunk(chunk.source, chunk.start, chunk.length)
            : tail.subarray(chunk.was - from, chunk.was - from + chunk.length);
        writeSync(fd, at === 0 ? '[' : ',', at);
        writeSync(fd, bytes, 1, chunk.length - 1, at + 1);
        if (chunk.place > chunk.length)
          writeSync(fd, ' '.repeat(chunk.place - chunk.length), at + chunk.length);
      }
      at += chunk.place;
    }
    at += writeSync(fd, at === 0 ? '[]\n' : '\n]\n', at);
    if (at !== oldSize) ftruncateSync(fd, at);
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
