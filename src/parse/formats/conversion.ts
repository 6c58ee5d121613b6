import { CORE_SCHEMA, dump } from 'js-yaml';
import type { Diagnostic } from '../../model/diagnostic.js';

/** A source in another format, turned into markdown the review parser reads. */
export interface Conversion {
  /** The markdown; null when nothing could be read (the diagnostics say why). */
  readonly markdown: string | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** Metadata a format states outside its body (an HTML `<title>`, an email's Subject and Date). */
export interface StatedMetadata {
  readonly title?: string | null;
  /** When the page was published or the email sent: the review's date only when nothing else dates it. */
  readonly published?: string | null;
  readonly authors?: readonly string[];
  /** Anything else worth keeping, written as front matter keys as they are. */
  readonly extra?: Readonly<Record<string, string>>;
}

/** Front matter for the metadata a converter found, or '' when it found none. */
function statedFrontMatter(meta: StatedMetadata): string {
  const data: Record<string, unknown> = {};
  if (meta.title) data.title = meta.title;
  if (meta.published) data.published = meta.published;
  if (meta.authors && meta.authors.length > 0) data.authors = [...meta.authors];
  for (const [key, value] of Object.entries(meta.extra ?? {})) if (value !== '') data[key] = value;
  if (Object.keys(data).length === 0) return '';
  return `---\n${dump(data, { schema: CORE_SCHEMA, flowLevel: 1, lineWidth: -1 }).trimEnd()}\n---\n\n`;
}

/** Markdown for a converted body and the metadata its format stated outside it. */
export function statedMarkdown(meta: StatedMetadata, body: string): string {
  return `${statedFrontMatter(meta)}${body.trim()}\n`;
}

export function conversionProblem(
  file: string,
  rule: string,
  severity: Diagnostic['severity'],
  message: string,
  line = 1,
): Diagnostic {
  return { rule, severity, message, file, line, column: 1 };
}

/** The day of an ISO-ish date-time ("2024-03-02T14:05:00Z" → "2024-03-02"), or null. */
export function isoDay(value: string | null | undefined): string | null {
  return /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(value?.trim() ?? '')?.[1] ?? null;
}
