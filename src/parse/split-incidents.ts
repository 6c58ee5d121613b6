import { readStamp } from './clock.js';
import { FRONT_MATTER_KEYS } from './front-matter-keys.js';
import { slugify } from './ids.js';

/**
 * An incident log holds one section per incident ("### Incident on 2024-09-20 - EKS subnet routes destroyed",
 * grouped under quarters). Such a file is read as one review per incident. Each part keeps the file's line numbers
 * (the rest blanked) and its heading becomes the part's title.
 */
const INCIDENT_HEADING = /^(#{1,6})\s+(?:incident|outage|post-?mortem)\b[^\n]*?\b\d{4}-\d{2}-\d{2}\b/i;

const INCIDENT_HEADINGS = new RegExp(INCIDENT_HEADING.source, 'gim');

export interface IncidentPart {
  /** The part's name, `YYYY-MM-DD-brief-description` from its heading: its review's id and `#` in its path. */
  readonly name: string;
  readonly text: string;
  /** The headings around the part that it does not keep (the log's title, its quarter): what it was part of. */
  readonly context: readonly string[];
}

/**
 * The incidents of an incident log or of a page covering several outages, or null when the text is one document.
 */
export function splitIncidents(text: string): IncidentPart[] | null {
  return splitLog(text) ?? splitDatedSections(text);
}

/** An incident log: two or more "Incident on YYYY-MM-DD …" headings. */
function splitLog(text: string): IncidentPart[] | null {
  // Most files hold one review: one scan of the whole text says so before any line is looked at.
  const found = text.match(INCIDENT_HEADINGS);
  if (found === null || found.length < 2) return null;
  const lines = text.split('\n');
  const headings = lines.flatMap((line, index) => {
    const match = INCIDENT_HEADING.exec(line);
    return match ? [{ index, depth: (match[1] as string).length }] : [];
  });
  const depth = Math.min(...headings.map((h) => h.depth));
  const starts = headings.filter((h) => h.depth === depth);
  if (starts.length < 2) return null;
  return starts.map(({ index }) => {
    let end = index + 1;
    while (end < lines.length && !endsPart(lines[end] as string, depth)) end++;
    const heading = (lines[index] as string).replace(/^#+\s*/, '').trim();
    const part = lines.map((line, i) => (i === index ? `# ${heading}` : i > index && i < end ? line : ''));
    return { name: partName(heading), text: part.join('\n'), context: enclosingHeadings(lines, index) };
  });
}

/** "Incident on 2023-11-01 10:41 - Prometheus restarted" → "2023-11-01-prometheus-restarted". */
function partName(heading: string): string {
  const date = /\d{4}-\d{2}-\d{2}/.exec(heading)?.[0] ?? '';
  const words = heading
    .replace(
      /^(?:incident|outage|post-?mortem)\b[^\d]*\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2})?\s*[:—–|-]?\s*/i,
      '',
    )
    .trim();
  return slugify(`${date} ${words === '' ? 'incident' : words}`);
}

/** A heading as deep as the incident headings, or shallower (the next quarter), ends an incident. */
function endsPart(line: string, depth: number): boolean {
  const match = /^(#{1,6})\s/.exec(line);
  return match !== null && (match[1] as string).length <= depth;
}

/** A page title that says it covers several incidents. */
const SERIES_TITLE = /\b(?:outages|incidents|issues|failures|multiple|recurring|several|series)\b/i;
/** Front matter lines that date the whole page: each part has its own date instead. */
const PAGE_DATE_KEY = new RegExp(
  `^(?:${[...new Set([...FRONT_MATTER_KEYS.date, ...FRONT_MATTER_KEYS.started, ...FRONT_MATTER_KEYS.resolved])].join('|')}|detected|mitigated)\\s*[:=]`,
);
const HEADING_WITH_DIGIT = /^#{2,6}[^\S\n][^\n]*\d/gm;
/** The day range's end in "October 29-30, 2025 - CPU-bound latency". */
const RANGE_END = /^\d{1,2}(?:,?\s*\d{4})?\s*[:—–|-]?\s*/;

interface DatedHeading {
  readonly index: number;
  readonly depth: number;
  readonly date: string;
  readonly title: string;
}

/**
 * One page covering several outages on different dates ("### October 21, 2025 - Redis overload", one per outage,
 * under its timeline). Each becomes a review of its own: titled and dated by its heading, with that outage's part
 * of the timeline and the page's shared text (summary, root cause, action items) around it. The page must say it
 * covers several incidents in its title, or hold four such sections: a single incident's timeline may well have a
 * titled heading per day.
 */
function splitDatedSections(text: string): IncidentPart[] | null {
  // A heading's date has a digit; most files have fewer than two such headings, and need no line looked at.
  if ((text.match(HEADING_WITH_DIGIT)?.length ?? 0) < 2) return null;
  const lines = text.split('\n');
  const titleIndex = lines.findIndex((line) => /^#\s+\S/.test(line));
  if (titleIndex < 0) return null;
  const pageTitle = lines[titleIndex] as string;
  const year = Number(/\b(?:19|20)\d{2}\b/.exec(text)?.[0] ?? Number.NaN);
  const headings = datedHeadings(lines, Number.isNaN(year) ? null : year);
  const depth = Math.min(...headings.map((h) => h.depth));
  const siblings = headings.filter((h) => h.depth === depth);
  if (new Set(siblings.map((h) => h.date)).size < 2) return null;
  if (siblings.length < 4 && !SERIES_TITLE.test(pageTitle)) return null;
  const ranges = siblings.map((h) => ({ ...h, end: sectionEnd(lines, h.index, depth) }));
  const frontMatterEnd = lines[0] === '---' ? lines.indexOf('---', 1) : -1;
  return ranges.map((own) => {
    const part = lines.map((line, i) => {
      if (i === titleIndex) return `# ${own.date}: ${own.title}`;
      if (i <= frontMatterEnd && PAGE_DATE_KEY.test(line)) return '';
      const other = ranges.find((r) => r !== own && i >= r.index && i < r.end);
      return other ? '' : line;
    });
    return {
      name: slugify(`${own.date} ${own.title}`),
      text: part.join('\n'),
      context: [pageTitle.replace(/^#\s+/, '').trim()],
    };
  });
}

function datedHeadings(lines: readonly string[], year: number | null): DatedHeading[] {
  const out: DatedHeading[] = [];
  let inFence = false;
  lines.forEach((line, index) => {
    if (/^\s{0,3}(?:```|~~~)/.test(line)) inFence = !inFence;
    const match = /^(#{2,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (inFence || !match) return;
    const stamp = readStamp(match[2] as string, { year });
    if (!stamp || stamp.time !== null || stamp.date?.length !== 10) return;
    const title = stamp.rest.replace(RANGE_END, '').trim();
    if (/[a-z]{3}/i.test(title))
      out.push({ index, depth: (match[1] as string).length, date: stamp.date, title });
  });
  return out;
}

function sectionEnd(lines: readonly string[], start: number, depth: number): number {
  let end = start + 1;
  while (end < lines.length && !endsPart(lines[end] as string, depth)) end++;
  return end;
}

/** The headings a line sits under, outermost first ("Incident log", "Q2 2025"). */
function enclosingHeadings(lines: readonly string[], index: number): string[] {
  const out: string[] = [];
  let depth = /^(#{1,6})\s/.exec(lines[index] as string)?.[1]?.length ?? 7;
  for (let i = index - 1; i >= 0 && depth > 1; i--) {
    const match = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(lines[i] as string);
    if (match && (match[1] as string).length < depth) {
      depth = (match[1] as string).length;
      out.unshift(match[2] as string);
    }
  }
  return out;
}
