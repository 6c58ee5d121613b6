import { CORE_SCHEMA, dump } from 'js-yaml';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { SourceFormat } from '../../model/review.js';
import { parseMarkdownReview } from '../parse-review.js';

/** A source in another format, turned into markdown the review parser reads. */
export interface Conversion {
  /** The markdown; null when nothing could be read (the diagnostics say why). */
  readonly markdown: string | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** Metadata a format states outside its body (an HTML `<title>`, an email's Subject and Date). */
export interface StatedMetadata {
  readonly title?: string | null;
  readonly date?: string | null;
  readonly authors?: readonly string[];
  /** Anything else worth keeping, written as front matter keys as they are. */
  readonly extra?: Readonly<Record<string, string>>;
}

/** Front matter for the metadata a converter found, or '' when it found none. */
function statedFrontMatter(meta: StatedMetadata): string {
  const data: Record<string, unknown> = {};
  if (meta.title) data.title = meta.title;
  if (meta.date) data.date = meta.date;
  if (meta.authors && meta.authors.length > 0) data.authors = [...meta.authors];
  for (const [key, value] of Object.entries(meta.extra ?? {})) if (value !== '') data[key] = value;
  if (Object.keys(data).length === 0) return '';
  return `---\n${dump(data, { schema: CORE_SCHEMA, flowLevel: 1, lineWidth: -1 }).trimEnd()}\n---\n\n`;
}

/**
 * Markdown for a converted body and its stated metadata. `fallbackDate` (a post's publication day, an email's
 * sending day) becomes the review's date only when the document gives none itself: a report is usually written
 * after the incident.
 */
export function withStatedMetadata(
  meta: StatedMetadata,
  body: string,
  fallbackDate: string | null,
  source: { file: string; format: SourceFormat },
): string {
  const markdown = `${statedFrontMatter(meta)}${body.trim()}\n`;
  if (meta.date || fallbackDate === null) return markdown;
  const stated = parseMarkdownReview({ path: source.file, text: markdown, format: source.format }).review
    .date;
  return stated === null ? `${statedFrontMatter({ ...meta, date: fallbackDate })}${body.trim()}\n` : markdown;
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
