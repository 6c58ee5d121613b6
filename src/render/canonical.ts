import type { Review } from '../model/review.js';
import { CANONICAL_HEADINGS } from '../model/section-kind.js';
import type { AnalyzedReview } from '../parse/parse-review.js';
import { type SectionNode, sliceLines } from '../parse/sections.js';
import { frontMatterBlock } from './yaml.js';

/** Front matter keys in the order `fmt` writes them (brief §4). */
const CANONICAL_KEYS = [
  'title',
  'date',
  'severity',
  'status',
  'services',
  'tags',
  'authors',
  'started',
  'detected',
  'mitigated',
  'resolved',
  'timezone',
  'related',
] as const;

/**
 * A review in the canonical format: canonical front matter (other keys kept after it), the title as H1, every
 * section under its standard `##` heading with its text as written. Meaning never changes; `parse` of the
 * result gives back the same model.
 */
export function renderCanonical(doc: AnalyzedReview): string {
  const { review } = doc;
  const parts = [frontMatter(review, doc.frontMatter)];
  if (review.title) parts.push(`# ${review.title}`);
  for (const section of doc.sectionNodes) if (!section.nested) parts.push(renderSection(section, doc.lines));
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

function frontMatter(review: Review, original: Readonly<Record<string, unknown>>): string {
  const data: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return;
    data[key] = value;
  };
  set('title', review.title);
  set('date', review.date);
  set('severity', review.severity?.raw);
  set('status', review.status);
  set('services', review.services);
  set('tags', review.tags);
  set('authors', review.authors);
  set('started', review.times.started);
  set('detected', review.times.detected);
  set('mitigated', review.times.mitigated);
  set('resolved', review.times.resolved);
  set('timezone', review.timezone);
  set('related', review.related);
  for (const [key, value] of Object.entries(original)) {
    if (!(CANONICAL_KEYS as readonly string[]).includes(key)) data[key] = value;
  }
  if (Object.keys(data).length === 0) return '';
  return frontMatterBlock(data);
}

function renderSection(section: SectionNode, lines: readonly string[]): string {
  const body = shiftHeadings(section, lines);
  if (section.heading === '' && section.kind !== 'summary') return body;
  const heading = section.kind === 'other' ? section.heading : CANONICAL_HEADINGS[section.kind];
  return body === '' ? `## ${heading}` : `## ${heading}\n\n${body}`;
}

/** Sub-headings move with their section to sit below its new `##` heading. */
function shiftHeadings(section: SectionNode, lines: readonly string[]): string {
  const headings = new Map(
    section.blocks.flatMap((b) => (b.type === 'heading' ? [[b.line, b] as const] : [])),
  );
  if (headings.size === 0) return section.markdown;
  const shift = section.depth === 0 ? 0 : 2 - section.depth;
  const out: string[] = [];
  for (let line = section.bodyLine; line <= section.endLine; line++) {
    const heading = headings.get(line);
    if (heading) {
      const depth = Math.min(6, Math.max(3, heading.depth + shift));
      out.push(`${'#'.repeat(depth)} ${heading.inline.source.trim()}`);
      line = heading.endLine;
    } else {
      out.push(lines[line - 1] ?? '');
    }
  }
  return sliceLines(out, 1, out.length);
}
