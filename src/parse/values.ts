import { formatTime, isDay, type LocalDateTime } from '../model/time.js';
import { readStamp } from './clock.js';

/** A front matter or field value as a list of strings ("a, b", ["a", "b"]). */
export function toList(value: unknown): string[] {
  if (value === null || value === undefined || typeof value === 'boolean') return [];
  if (Array.isArray(value)) return value.flatMap(toList);
  if (typeof value === 'object') return [];
  return String(value)
    .split(/\s*[,;]\s*/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function toText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return String(value);
  return null;
}

/** "2025-03-02", "2025-03-02T23:41:00Z", "March 2, 2025" → "2025-03-02" (or "2025-03" when the day is unknown). */
export function toDate(value: unknown): string | null {
  const text = toText(value);
  if (text === null) return null;
  const stamp = readStamp(text, { year: null });
  return stamp?.date ?? null;
}

/** A date-time as written ("2025-03-02 23:41:00 +0000", "23:41" with a known day) → "2025-03-02T23:41". */
export function toDateTime(
  value: unknown,
  day: string | null,
): { at: LocalDateTime; zone: string | null } | null {
  const text = toText(value);
  if (text === null) return null;
  const iso =
    /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5})?$/.exec(
      text,
    );
  if (iso) {
    const zone = iso[4] === undefined ? null : iso[4] === 'Z' || /^[+-]00:?00$/.test(iso[4]) ? 'UTC' : iso[4];
    return { at: `${iso[1]}T${formatTime(Number(iso[2]), Number(iso[3]))}`, zone };
  }
  const stamp = readStamp(text, { year: day ? Number(day.slice(0, 4)) : null });
  const date = stamp?.date ?? day;
  if (!stamp?.time || date?.length !== 10) return null;
  return { at: `${date}T${stamp.time}`, zone: stamp.zone };
}

const STATUSES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(draft|wip|work in progress|in progress|todo|unfinished)\b/, 'draft'],
  [/\breview/, 'in-review'],
  [/^(published|final|approved|complete|completed|done)\b/, 'published'],
];

/**
 * Where a status stops and a note about it starts: "Resolved (cluster fully operational)", "Resolved at 15:09 UTC",
 * "Monitoring — fix deployed", "Closed; see below".
 */
const STATUS_NOTE = /\s*(?:[([;:,]|\s[-–—]\s|\s(?:at|as of|on|since|by|after)\s).*$/s;

/**
 * Review status in kebab case, with the usual synonyms folded into draft / in-review / published, and without a
 * note written after it: a status is something to filter a list by.
 */
export function toStatus(value: unknown): string | null {
  const text = toText(value)?.toLowerCase();
  if (!text) return null;
  for (const [pattern, status] of STATUSES) if (pattern.test(text)) return status;
  const status = text.replace(STATUS_NOTE, '') || text;
  return status.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || null;
}

/**
 * The first two clock times in a duration field ("21:45 to 23:28 UTC", "~7h40m (07:07 AEST → 14:47 AEST)"), on the
 * day written before the first ("… outage (2026-04-12 09:27–10:39 AEST)"), else on the review's.
 */
export function readDurationSpan(
  text: string,
  reviewDay: string | null,
): { started: LocalDateTime; resolved: LocalDateTime } | null {
  const matches = [...text.matchAll(/\b(\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)/gi)];
  const writtenDay = /(\d{4}-\d{2}-\d{2})[T\s]*$/.exec(text.slice(0, matches[0]?.index ?? 0))?.[1];
  const day = writtenDay !== undefined && isDay(writtenDay) ? writtenDay : reviewDay;
  if (day?.length !== 10) return null;
  const clocks = matches.map((m) => readStamp(m[1] as string, { year: null })?.time);
  const [from, to] = clocks;
  if (!from || !to) return null;
  const nextDay =
    to < from ? new Date(Date.parse(`${day}T00:00Z`) + 86_400_000).toISOString().slice(0, 10) : day;
  return { started: `${day}T${from}`, resolved: `${nextDay}T${to}` };
}
