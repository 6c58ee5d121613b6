import { styleText } from 'node:util';
import { compareDiagnostics, type Diagnostic } from '../../model/diagnostic.js';

const COLOURS = { error: 'red', warning: 'yellow', info: 'blue' } as const;

/** `path:line:col severity rule message`, one per line, a blank line between files. */
export function formatHuman(diagnostics: readonly Diagnostic[], colour: boolean): string {
  const lines: string[] = [];
  let lastFile: string | null = null;
  for (const d of [...diagnostics].sort(compareDiagnostics)) {
    if (lastFile !== null && d.file !== lastFile) lines.push('');
    lastFile = d.file;
    const severity = colour ? styleText(COLOURS[d.severity], d.severity) : d.severity;
    const rule = colour ? styleText('dim', d.rule) : d.rule;
    lines.push(`${d.file}:${d.line}:${d.column} ${severity} ${rule} ${d.message}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export function summarize(diagnostics: readonly Diagnostic[], files: number): string {
  const count = (severity: Diagnostic['severity']) =>
    diagnostics.filter((d) => d.severity === severity).length;
  const affected = new Set(diagnostics.map((d) => d.file)).size;
  if (diagnostics.length === 0) return `No problems in ${files} file${files === 1 ? '' : 's'}.\n`;
  return `${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info) in ${affected} of ${files} files.\n`;
}
