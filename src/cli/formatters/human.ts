import { compareDiagnostics, type Diagnostic } from '../../model/diagnostic.js';

// Plain ANSI codes: util.styleText looks at the process's own stdout, not the stream the CLI was given.
const COLOURS = { error: 31, warning: 33, info: 34 } as const;
const DIM = 2;
const paint = (code: number, text: string) => `\u001b[${code}m${text}\u001b[0m`;

/** `path:line:col severity rule message`, the line editors and CI annotate from. */
export function formatDiagnostic(d: Diagnostic, colour = false): string {
  const severity = colour ? paint(COLOURS[d.severity], d.severity) : d.severity;
  const rule = colour ? paint(DIM, d.rule) : d.rule;
  return `${d.file}:${d.line}:${d.column} ${severity} ${rule} ${d.message}`;
}

/** One diagnostic per line, a blank line between files. */
export function formatHuman(diagnostics: readonly Diagnostic[], colour: boolean): string {
  const lines: string[] = [];
  let lastFile: string | null = null;
  for (const d of [...diagnostics].sort(compareDiagnostics)) {
    if (lastFile !== null && d.file !== lastFile) lines.push('');
    lastFile = d.file;
    lines.push(formatDiagnostic(d, colour));
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
