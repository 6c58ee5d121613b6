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
}

/** The incidents of an incident log, or null when the text is one document (fewer than two incident headings). */
export function splitIncidents(text: string): IncidentPart[] | null {
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
    return { name: partName(heading), text: part.join('\n') };
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
