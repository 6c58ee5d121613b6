import { parse as parseToml } from 'smol-toml';
import { CORE_SCHEMA, load as loadYaml, YAMLException } from 'js-yaml';
import type { Diagnostic } from '../model/diagnostic.js';

export interface FrontMatter {
  readonly data: Readonly<Record<string, unknown>>;
  readonly format: 'yaml' | 'toml' | null;
  /** Number of lines the front matter block takes, fences included (0 when none). */
  readonly lineCount: number;
  readonly diagnostics: readonly Diagnostic[];
}

const NONE: FrontMatter = { data: {}, format: null, lineCount: 0, diagnostics: [] };

/**
 * Splits `---` YAML or `+++` TOML front matter off the top of a document and reads it. Blank lines before it
 * are allowed: a review cut out of a patch keeps its lines where the patch had them.
 */
export function readFrontMatter(text: string, file: string): FrontMatter {
  const lines = text.split('\n', 4000);
  const open = lines.findIndex((line) => line.trim() !== '');
  const first = lines[open]?.trim();
  const fence = first === '---' ? '---' : first === '+++' ? '+++' : null;
  if (!fence) return NONE;
  const close = lines.findIndex(
    (line, i) => i > open && (line.trimEnd() === fence || (fence === '---' && line.trimEnd() === '...')),
  );
  if (close < 0) return NONE;
  const body = lines.slice(open + 1, close).join('\n');
  const format = fence === '---' ? 'yaml' : 'toml';
  const base = { format, lineCount: close + 1 } as const;
  try {
    const parsed = format === 'yaml' ? loadYaml(body, { schema: CORE_SCHEMA, json: true }) : parseToml(body);
    if (parsed === null || parsed === undefined) return { ...base, data: {}, diagnostics: [] };
    if (typeof parsed !== 'object' || Array.isArray(parsed)) {
      return {
        ...base,
        data: {},
        diagnostics: [invalid(file, open + 2, 1, 'front matter is not a set of key: value pairs')],
      };
    }
    return { ...base, data: plain(parsed) as Record<string, unknown>, diagnostics: [] };
  } catch (error) {
    const { line, column, reason } = describeError(error);
    return { ...base, data: {}, diagnostics: [invalid(file, open + 1 + line, column, reason)] };
  }
}

function describeError(error: unknown): { line: number; column: number; reason: string } {
  if (error instanceof YAMLException) {
    return { line: error.mark.line + 1, column: error.mark.column + 1, reason: error.reason };
  }
  const toml = error as { line?: number; column?: number; message?: string };
  const reason = (toml.message ?? 'invalid TOML').split('\n')[0] as string;
  return { line: toml.line ?? 1, column: toml.column ?? 1, reason };
}

function invalid(file: string, line: number, column: number, reason: string): Diagnostic {
  return {
    rule: 'front-matter-invalid',
    severity: 'error',
    message: `Front matter could not be read: ${reason}. Fix the syntax; the rest of the file was still parsed.`,
    file,
    line,
    column,
  };
}

/** TOML dates and other class instances become plain JSON values. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = plain(inner);
    if ('toISOString' in value && typeof value.toISOString === 'function') return String(value.toISOString());
    return out;
  }
  return value;
}
