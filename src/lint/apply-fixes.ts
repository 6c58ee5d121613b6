import { readFileSync } from 'node:fs';
import { writeAtomic } from '../write/atomic-write.js';
import type { LintDiagnostic } from './lint-review.js';
import type { TextEdit } from './rule.js';

export interface FixOutcome {
  readonly file: string;
  readonly applied: number;
  readonly refused?: string;
}

/**
 * Applies the fixes of each file's diagnostics in one atomic write per file. Overlapping edits are skipped (the
 * next run fixes them); a file changed since it was read is left alone.
 */
export async function applyFixes(
  diagnostics: readonly LintDiagnostic[],
  resolvePath: (file: string) => string,
): Promise<FixOutcome[]> {
  const byFile = new Map<string, TextEdit[]>();
  for (const d of diagnostics) if (d.fix) byFile.set(d.file, [...(byFile.get(d.file) ?? []), ...d.fix]);
  const outcomes: FixOutcome[] = [];
  for (const [file, edits] of byFile) {
    const path = resolvePath(file);
    const original = readFileSync(path, 'utf8');
    const newline = original.includes('\r\n') ? '\r\n' : '\n';
    const lines = original.split(/\r?\n/);
    let applied = 0;
    let lowest = Number.POSITIVE_INFINITY;
    for (const edit of [...edits].sort((a, b) => b.fromLine - a.fromLine || b.toLine - a.toLine)) {
      if (edit.toLine > lowest) continue;
      lines.splice(
        edit.fromLine - 1,
        edit.toLine - edit.fromLine,
        ...(edit.text === '' ? [] : edit.text.split('\n')),
      );
      lowest = edit.fromLine;
      applied++;
    }
    const written = await writeAtomic(path, lines.join(newline), original);
    outcomes.push(
      written.ok ? { file, applied } : { file, applied: 0, refused: 'the file changed while fixing' },
    );
  }
  return outcomes;
}
