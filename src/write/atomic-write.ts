import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export type WriteResult =
  { readonly ok: true } | { readonly ok: false; readonly reason: 'conflict' | 'exists' };

/**
 * Writes through a temp file and a rename, so a reader never sees half a file. When `expected` is given the
 * file must still hold exactly that text (nobody changed it since we read it); otherwise nothing is written.
 */
export async function writeAtomic(
  path: string,
  text: string,
  expected?: string | null,
): Promise<WriteResult> {
  if (expected !== undefined) {
    const current = await readFile(path, 'utf8').catch(() => null);
    if (current !== expected) return { ok: false, reason: expected === null ? 'exists' : 'conflict' };
  }
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return { ok: true };
}
