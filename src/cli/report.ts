import { compareDiagnostics, type Diagnostic } from '../model/diagnostic.js';
import { formatDiagnostic } from './formatters/human.js';
import type { Writable } from './io.js';

export function writeDiagnostics(out: Writable, diagnostics: readonly Diagnostic[]): void {
  for (const d of [...diagnostics].sort(compareDiagnostics)) out.write(`${formatDiagnostic(d)}\n`);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function writeJson(out: Writable, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}
