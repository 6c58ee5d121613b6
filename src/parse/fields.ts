/**
 * Metadata written in the body, as teams do without front matter: `**Severity:** P2`, `Date: …`,
 * "Created by: …", and the sentence that says which zone the times are in.
 */
export type FieldName =
  | 'title'
  | 'date'
  | 'severity'
  | 'status'
  | 'duration'
  | 'authors'
  | 'services'
  | 'started'
  | 'detected'
  | 'mitigated'
  | 'resolved'
  | 'tags';

/** Labels as written (lower case, without the colon) and the field each one fills. */
export const FIELD_LABELS: Readonly<Record<string, FieldName>> = {
  incident: 'title',
  'incident title': 'title',
  'incident name': 'title',
  date: 'date',
  'incident date': 'date',
  'date of incident': 'date',
  severity: 'severity',
  sev: 'severity',
  priority: 'severity',
  'severity level': 'severity',
  status: 'status',
  'review status': 'status',
  duration: 'duration',
  'total duration': 'duration',
  'outage duration': 'duration',
  'incident duration': 'duration',
  'total impact duration': 'duration',
  'created by': 'authors',
  author: 'authors',
  authors: 'authors',
  by: 'authors',
  owner: 'authors',
  'incident owner': 'authors',
  'services affected': 'services',
  'affected services': 'services',
  'affected service': 'services',
  services: 'services',
  service: 'services',
  systems: 'services',
  'systems affected': 'services',
  'start time': 'started',
  started: 'started',
  'impact start': 'started',
  'incident start': 'started',
  detected: 'detected',
  'first detected': 'detected',
  'incident declared': 'detected',
  'detection time': 'detected',
  'time detected': 'detected',
  mitigated: 'mitigated',
  repaired: 'mitigated',
  'time repaired': 'mitigated',
  'mitigation time': 'mitigated',
  resolved: 'resolved',
  'end time': 'resolved',
  'resolution time': 'resolved',
  'time resolved': 'resolved',
  tags: 'tags',
};

export interface FieldValue {
  readonly value: string;
  readonly line: number;
}

const LABEL = /^\s*(?:[-*]\s+)?\**([A-Za-z][A-Za-z ]{0,30}?)\**\s*:\s*\**\s*(.*)$/;

/** "First detected 2022-07-11 09:33": a label and a date-time with no colon between (incident logs' key events). */
const DATED_LABEL =
  /^\s*(?:[-*]\s+)?([A-Za-z][A-Za-z ]{0,30}?)\s+(\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2})?)\s*$/;

/** Reads one line of plain text as `Label: value` when the label is one we know. */
export function readFieldLine(text: string): { name: FieldName; value: string } | null {
  const match = LABEL.exec(text) ?? DATED_LABEL.exec(text);
  if (!match) return null;
  const name = FIELD_LABELS[(match[1] ?? '').trim().toLowerCase()];
  const value = (match[2] ?? '').replace(/\*+$/, '').trim();
  if (!name || value === '') return null;
  return { name, value };
}

const ZONE_SENTENCE =
  /\b(?:[Aa]ll\s+)?[Tt]imes?\s+(?:are\s+)?(?:(?:given|shown|listed|stated)\s+)?(?:in\s+)?\(?([A-Z]{2,5}(?:\s?[+-]\d{1,2})?)\)?/;

/** "All times PDT.", "(all times PST)", "Times in UTC" → the zone named. */
export function readZoneSentence(text: string): string | null {
  const match = ZONE_SENTENCE.exec(text);
  return match?.[1] ?? null;
}
