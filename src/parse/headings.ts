import type { SectionKind } from '../model/section-kind.js';
import { HEADING_KEYWORDS, HEADING_SYNONYMS } from './heading-synonyms.js';

// Alternation, not one class: skin-tone modifiers combine with the emoji before them.
const EMOJI =
  /\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}|\u200d|\ufe0e|\ufe0f|\u20e3/gu;
const SHORTCODE = /:[a-z0-9_+-]+:/g;

/** Removes emoji, `:shortcodes:` and the spaces they leave. */
export function stripDecoration(text: string): string {
  return text.replace(EMOJI, '').replace(SHORTCODE, '').replace(/\s+/g, ' ').trim();
}

/** A heading reduced to the words that carry its meaning: "🔎 Five Why’s" → "five whys". */
export function normalizeHeading(text: string): string {
  return stripDecoration(text)
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/^(?:(?:\d+|[ivx]+|[a-z])[.)]|\d+(?:\.\d+)*|step \d+:?|part \d+:?)\s+/, '')
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}\s;/-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const EXACT = new Map<string, SectionKind>();
for (const [kind, names] of Object.entries(HEADING_SYNONYMS) as [SectionKind, readonly string[]][]) {
  for (const name of names) EXACT.set(normalizeHeading(name), kind);
}

/** The section kind a heading names, by meaning rather than spelling; `other` when it names none. */
export function classifyHeading(text: string): SectionKind {
  const known = CLASSIFIED.get(text);
  if (known) return known;
  const kind = classify(text);
  if (CLASSIFIED.size >= 10_000) CLASSIFIED.clear();
  CLASSIFIED.set(text, kind);
  return kind;
}

/** Teams reuse the same few headings in every review; each distinct heading is classified once. */
const CLASSIFIED = new Map<string, SectionKind>();

function classify(text: string): SectionKind {
  const normalized = normalizeHeading(text);
  const exact = EXACT.get(normalized);
  if (exact) return exact;
  for (const [pattern, kind] of HEADING_KEYWORDS) {
    if (pattern.test(normalized)) return kind;
  }
  return 'other';
}

const DOC_TYPE_PREFIX =
  /^(?:post[- ]?incident review|post[- ]?mortem|incident(?: report| review| postmortem)?|pir|rca|retrospective)\s*(?:[:—–-]|\|)\s*/i;
const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}\s*(?:[:—–|-]|\s)\s*/;
/** "Incident on 2023-07-21 09:31 - VPC CNI …" (an incident log's entry) → "VPC CNI …". */
const INCIDENT_ON = /^incident on \d{4}-\d{2}-\d{2}(?:\s+\d{1,2}:\d{2})?\s*[:—–|-]\s*(?=\S)/i;

/** A title as people would say it: no emoji, markup, trailing `#`, document-type or date prefix. */
export function cleanTitle(text: string): string | null {
  const cleaned = stripDecoration(text)
    .replace(/\s#+\s*$/, '')
    .replace(INCIDENT_ON, '')
    .replace(DOC_TYPE_PREFIX, '')
    .replace(DATE_PREFIX, '')
    .trim();
  return cleaned === '' ? null : cleaned;
}
