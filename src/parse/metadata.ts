import { normalizeSeverity, type SeverityValue } from '../model/severity.js';
import type { IncidentTimes } from '../model/time.js';
import { type Block, flat } from './blocks.js';
import { type FieldName, readFieldLine } from './fields.js';
import { FRONT_MATTER_KEYS, NESTED_TABLES } from './front-matter-keys.js';
import { cleanTitle } from './headings.js';
import { readDurationSpan, toDate, toDateTime, toList, toStatus, toText } from './values.js';

/** What a document says about itself, from front matter first and body fields second. */
export interface Metadata {
  readonly title: string | null;
  /** "Incident: Image uploads failing" in the body: the title of a document with no heading to give one. */
  readonly titleField: string | null;
  readonly date: string | null;
  /** The day the write-up was published or sent (a blog post, an email): a date of last resort. */
  readonly published: string | null;
  readonly severity: SeverityValue | null;
  readonly status: string | null;
  readonly services: readonly string[];
  readonly tags: readonly string[];
  readonly authors: readonly string[];
  readonly times: IncidentTimes;
  readonly related: readonly string[];
  readonly summary: string | null;
  readonly zone: string | null;
}

type Field = keyof typeof FRONT_MATTER_KEYS;

export function readMetadata(
  frontMatter: Readonly<Record<string, unknown>>,
  fieldBlocks: readonly Block[],
  fallbackDate: string | null,
): Metadata {
  const fm = (field: Field): unknown => lookup(frontMatter, field);
  const fields = readBodyFields(fieldBlocks);
  const body = (name: FieldName): string | null => fields.get(name) ?? null;

  const date = toDate(fm('date')) ?? toDate(body('date')) ?? fallbackDate;
  const day = date?.length === 10 ? date : null;
  let zone: string | null = toText(fm('timezone'));
  const times: Record<string, string> = {};
  for (const moment of ['started', 'detected', 'mitigated', 'resolved'] as const) {
    const value = toDateTime(fm(moment), day) ?? toDateTime(body(moment), day);
    if (value) {
      times[moment] = value.at;
      zone ??= value.zone;
    }
  }
  const span = readDurationSpan(body('duration') ?? '', day);
  if (span) {
    times.started ??= span.started;
    times.resolved ??= span.resolved;
  }
  const draft = frontMatter.draft === true ? 'draft' : null;
  return {
    title: cleanTitle(toText(fm('title')) ?? ''),
    titleField: cleanTitle(body('title') ?? ''),
    published: toDate(fm('published')) ?? dateInAddress(fm('address')),
    date,
    severity: readSeverity(fm('severity')) ?? readSeverity(body('severity')),
    status: toStatus(fm('status')) ?? draft ?? toStatus(body('status')),
    services: unique([
      ...toList(fm('services')),
      ...(fm('services') === undefined ? toList(body('services')) : []),
    ]),
    tags: unique(toList(fm('tags'))),
    authors: unique(
      (toList(fm('authors')).length > 0 ? toList(fm('authors')) : toList(body('authors'))).map((a) =>
        a.replace(/^@/, ''),
      ),
    ),
    times,
    related: unique(toList(fm('related'))),
    summary: toText(fm('summary')),
    zone,
  };
}

function lookup(data: Readonly<Record<string, unknown>>, field: Field): unknown {
  for (const key of FRONT_MATTER_KEYS[field]) {
    const value = data[key];
    if (
      value !== undefined &&
      value !== null &&
      value !== '' &&
      !(field === 'resolved' && typeof value === 'boolean')
    )
      return value;
  }
  for (const table of NESTED_TABLES) {
    const nested = data[table];
    if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
      const value = lookup(nested as Record<string, unknown>, field);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/** A severity field often explains itself: "High (CI completely unavailable)" keeps "High" as the raw value. */
function readSeverity(value: unknown): SeverityValue | null {
  const text = toText(value);
  if (text === null) return null;
  const head = text.split(/\s+[(—–-]\s*|\s*[(]/)[0] ?? text;
  return normalizeSeverity(head) ?? normalizeSeverity(text);
}

function readBodyFields(blocks: readonly Block[]): Map<FieldName, string> {
  const fields = new Map<FieldName, string>();
  const take = (line: string) => {
    const field = readFieldLine(line);
    if (field && !fields.has(field.name)) fields.set(field.name, field.value);
  };
  for (const block of blocks) {
    if (block.type === 'paragraph') for (const line of block.inline.text.split('\n')) take(flat(line));
    else if (block.type === 'list') {
      for (const item of block.items) {
        take(flat(item.inline.text));
        for (const child of item.children)
          if (child.type === 'list') for (const sub of child.items) take(flat(sub.inline.text));
      }
    }
  }
  return fields;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** A blog's address holds its publication day: `path = "2018/10/19/update-on-…"` (Zola), `/2021/01/30/…`. */
function dateInAddress(value: unknown): string | null {
  for (const address of toList(value)) {
    const day = /(?:^|\/)(\d{4})\/(\d{2})\/(\d{2})\//.exec(address);
    if (day) return toDate(`${day[1]}-${day[2]}-${day[3]}`);
  }
  return null;
}
