import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BufferedWriter } from '../../src/site/reviews-json.js';

const temp = mkdtempSync(join(tmpdir(), 'hindsight-reviews-json-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('BufferedWriter (reviews.json put together in blocks)', () => {
  it('writes every piece in order, those longer than a block and multi-byte text included', () => {
    const path = join(temp, 'out.txt');
    const fd = openSync(path, 'w');
    const out = new BufferedWriter(fd, 16);
    // Pieces that fit, that overflow the block, that are longer than a whole block, and that are not ASCII.
    const pieces = ['[', 'short', ' '.repeat(40), 'é—ü', 'x'.repeat(15), '', 'tail\n]'];
    for (const piece of pieces) out.write(piece);
    out.flush();
    closeSync(fd);
    const expected = pieces.join('');
    expect(readFileSync(path, 'utf8')).toBe(expected);
    expect(out.written).toBe(Buffer.byteLength(expected));
  });
});
