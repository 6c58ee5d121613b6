import { basename, dirname, extname } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Review, Section, SourceFormat, TimelineEvent } from '../model/review.js';
import type { SectionKind } from '../model/section-kind.js';
import { computeDurations } from '../model/time.js';
import { readActionItems } from './action-items.js';
import { type Block, EMPTY_INLINE, flat, type HeadingBlock } from './blocks.js';
import { type DocumentKind, documentKind } from './classify.js';
import { firstDateIn, readStamp } from './clock.js';
import { readZoneSentence } from './fields.js';
import { readFrontMatter } from './front-matter.js';
import { cleanTitle } from './headings.js';
import { dateFromFileName, fileStem, reviewId } from './ids.js';
import { impactSpanIn, withImpactSpan } from './impact-span.js';
import { type MarkdownTokens, parseMarkdown } from './markdown.js';
import { readMetadata } from './metadata.js';
import { readRelatedLinks } from './related.js';
import { labelledSections, outline, type SectionNode, sliceLines } from './sections.js';
import { countStampedEntries, readTimeline } from './timeline.js';
import { deriveTimes } from './times.js';
import { readWhys } from './whys.js';
import { findZone, zoneOffset } from './zones.js';

export interface ParsedReview {
  readonly review: Review;
  readonly diagnostics: readonly Diagnostic[];
}

/** Everything parsing learned about a document, for stages (like `fmt`) that rewrite it. */
export interface AnalyzedReview extends ParsedReview {
  readonly frontMatter: Readonly<Record<string, unknown>>;
  /** How many lines the front matter takes, fences included (0 when there is none). */
  readonly frontMatterLines: number;
  readonly lines: readonly string[];
  readonly sectionNodes: readonly SectionNode[];
  /** markdown-it's tokens of the body, at the file's lines: a page renders its sections from them. */
  readonly markdown: MarkdownTokens;
  /** Why a document is not a review (an index, a template, site configuration), or 'review'. */
  readonly kind: DocumentKind;
  /** For one review of a file holding several: the headings it sat under ("Incident log / Q2 2025"). */
  readonly partOf?: string;
}

export interface MarkdownSource {
  readonly path: string;
  readonly text: string;
  readonly format: SourceFormat;
}

/** Markdown (or plain text read as markdown) → one Review and what was noticed on the way. */
export function parseMarkdownReview(source: MarkdownSource): ParsedReview {
  const { review, diagnostics } = analyzeMarkdownReview(source);
  return { review, diagnostics };
}

export function analyzeMarkdownReview(source: MarkdownSource): AnalyzedReview {
  const { path, text } = source;
  const frontMatter = readFrontMatter(text, path);
  const lines = text.split('\n');
  const body = frontMatter.lineCount > 0 ? blankLines(text, frontMatter.lineCount) : text;
  const { blocks, parsed: markdown } = parseMarkdown(body);
  const shape = outline(blocks, lines, frontMatter.lineCount + 1);

  const headingTitle = shape.titleHeading ? cleanTitle(flat(shape.titleHeading.inline.text)) : null;
  // The title as written, before cleaning: a date in it ("… report for 2021-04-27") is a fallback for the review's.
  const writtenTitle =
    typeof frontMatter.data.title === 'string'
      ? frontMatter.data.title
      : shape.titleHeading
        ? flat(shape.titleHeading.inline.text)
        : null;
  const titleDate = writtenTitle === null ? null : dateInTitle(writtenTitle);
  const fieldBlocks = [
    ...shape.intro,
    ...shape.sections.filter((s) => s.kind === 'summary').flatMap((s) => s.blocks),
  ];
  const meta = readMetadata(
    frontMatter.data,
    fieldBlocks,
    dateFromFileName(path) ?? (titleDate?.length === 10 ? titleDate : null),
  );
  const title = meta.title ?? headingTitle ?? meta.titleField;

  const year = meta.date ? Number(meta.date.slice(0, 4)) : null;
  // Sections are retyped before the intro is named (summary or not); then the intro itself may be a timeline.
  const headed = withTimelineParts(retypeTimelineSections(shape.sections, year), lines, year);
  const typed = retypeTimelineSections(withIntro(shape.intro, shape.introLine, lines, headed), year).flatMap(
    (section) => [section, ...labelledSections(section, lines)],
  );
  const sources = timelineSources(typed, year);
  const zone = meta.zone ?? statedZone(sources, [...shape.intro, ...typed.flatMap((s) => s.blocks)]);
  const stated = meta.times;
  const spanTexts = proseOf(typed.filter((s) => s.kind === 'summary' || s.kind === 'impact'));
  const readTimes = (reviewDate: string | null) => {
    const timeline = readTimelineOf(sources, { file: path, reviewDate, zone });
    const fromTimeline = deriveTimes(stated, timeline.events, reviewDate);
    const span = fromTimeline.started === undefined ? impactSpanIn(spanTexts, reviewDate) : null;
    const times = withImpactSpan(fromTimeline, span, timeline.zone);
    // Times taken from the span alone are in the span's zone.
    const spanZone =
      times !== fromTimeline && !timeline.events.some((e) => e.time !== null) ? span?.zone : null;
    return { timeline, times, zone: timeline.zone ?? spanZone ?? null };
  };
  let { timeline, times, zone: timezone } = readTimes(meta.date);
  const kind = documentKind({
    name: fileStem(path),
    folder: basename(dirname(path)),
    extension: extname(path),
    text,
    blocks,
    sections: typed,
    timelineEvents: timeline.events.filter((e) => e.time !== null).length,
    hasIncidentMetadata: meta.severity !== null || stated.started !== undefined,
  });
  const isReview = kind === 'review';
  // A report is written after the incident: its publication day dates it only when nothing else does, not even
  // a day its first paragraph names ("On Monday, Oct 15, starting at 20:00 UTC, …").
  const date =
    meta.date ??
    times.started?.slice(0, 10) ??
    (isReview ? (firstFullDate(timeline.events) ?? openingDate(typed, meta.published)) : null) ??
    meta.published;
  // A date found in the timeline is the review's date: read the timeline again knowing it, exactly as
  // it will be read once the date is written down (fmt), so both readings agree.
  if (date !== meta.date) ({ timeline, times, zone: timezone } = readTimes(date));

  const ofKind = (kind: SectionKind) => typed.filter((s) => s.kind === kind);
  const id = reviewId(path, date, title);
  const summary = meta.summary ?? firstParagraph(ofKind('summary'));
  const actionItems = ofKind('action-items').flatMap((s) => readActionItems(s.blocks));
  const related = [...new Set([...meta.related, ...readRelatedLinks(blocks, id)])];
  const outSections: Section[] = typed.map(({ kind, heading, markdown, line, nested }) => ({
    kind,
    heading,
    markdown,
    line,
    ...(nested && { nested }),
  }));

  const review: Review = {
    id,
    isReview,
    title,
    date,
    severity: meta.severity,
    status: meta.status,
    services: meta.services,
    tags: meta.tags,
    authors: meta.authors,
    summary,
    timezone,
    times,
    durations: computeDurations(times),
    sections: outSections,
    timeline: timeline.events,
    whys: ofKind('whys').flatMap((s) => readWhys(s.blocks)),
    actionItems,
    related,
    source: { path, format: source.format },
  };
  const diagnostics = [...frontMatter.diagnostics, ...timeline.diagnostics];
  return {
    review,
    diagnostics,
    frontMatter: frontMatter.data,
    frontMatterLines: frontMatter.lineCount,
    lines,
    sectionNodes: typed,
    markdown,
    kind,
  };
}

/** Text between the title and the first heading is kept as a section: the summary when there is no other. */
function withIntro(
  intro: readonly Block[],
  introLine: number,
  lines: readonly string[],
  sections: readonly SectionNode[],
): SectionNode[] {
  const content = intro.filter((b) => b.type !== 'hr' && !(b.type === 'html' && /^\s*<!--/.test(b.text)));
  if (content.length === 0) return [...sections];
  const first = content[0] as Block;
  // The whole stretch, not just its blocks: link reference definitions there are part of the text.
  const endLine = (sections[0]?.line ?? lines.length + 1) - 1;
  const hasSummary = sections.some((s) => s.kind === 'summary');
  const node: SectionNode = {
    kind: hasSummary ? 'other' : 'summary',
    heading: '',
    depth: 0,
    line: first.line,
    bodyLine: introLine,
    endLine,
    markdown: sliceLines(lines, introLine, endLine),
    blocks: content,
  };
  return [node, ...sections];
}

/** "What happened?" over a list of timestamped entries is the timeline, whatever its heading says. */
function retypeTimelineSections(sections: readonly SectionNode[], year: number | null): SectionNode[] {
  if (sections.some((s) => s.kind === 'timeline')) return [...sections];
  return sections.map((section) => {
    if (section.kind !== 'summary' && section.kind !== 'other') return section;
    const { stamped, total } = countStampedEntries(section.blocks, year);
    return stamped >= 3 && stamped / total >= 0.5 ? { ...section, kind: 'timeline' } : section;
  });
}

/**
 * A timeline goes on through the sections after it that are its parts: its entries' headings read as sections of
 * their own ("## Timeline" over "### 2018-02-12 14:03" where a document's sections are "###"), the phases under it,
 * or one section per day at its own level ("## Timeline", then "## May 12" over "### 20:15"). They become part of
 * the timeline, each heading dating or timing what is under it.
 */
function withTimelineParts(
  sections: readonly SectionNode[],
  lines: readonly string[],
  year: number | null,
): SectionNode[] {
  const out: SectionNode[] = [];
  for (const section of sections) {
    const timeline = out.at(-1);
    if (timeline?.kind === 'timeline' && isTimelinePart(timeline, section, year)) {
      out[out.length - 1] = {
        ...timeline,
        endLine: section.endLine,
        markdown: sliceLines(lines, timeline.bodyLine, section.endLine),
        blocks: [...timeline.blocks, headingOf(section), ...section.blocks],
      };
    } else out.push(section);
  }
  return out;
}

function isTimelinePart(timeline: SectionNode, section: SectionNode, year: number | null): boolean {
  const stamp = readStamp(section.heading, { year });
  const alone = stamp !== null && stamp.rest === '';
  if (section.depth === timeline.depth)
    return section.kind === 'other' && alone && stamp.date !== null && stamp.time === null;
  if (section.depth < timeline.depth) return false;
  // Below it: an entry's heading, a phase of entries ("### Phase 1: node failures" over a table of them), or
  // anything else the timeline heads.
  if (section.kind === 'other' || alone) return true;
  const { stamped, total } = countStampedEntries(section.blocks, year);
  return stamped >= 2 && stamped / total >= 0.5;
}

function headingOf(section: SectionNode): HeadingBlock {
  const inline = { ...EMPTY_INLINE, text: section.heading, source: section.heading };
  return { type: 'heading', depth: section.depth, inline, line: section.line, endLine: section.line };
}

/** Timeline sections; failing those, any section mostly made of timestamped entries (a Leadup list, say). */
function timelineSources(
  sections: readonly SectionNode[],
  year: number | null,
): { node: SectionNode; strict: boolean }[] {
  const explicit = sections.filter((s) => s.kind === 'timeline');
  if (explicit.length > 0) return explicit.map((node) => ({ node, strict: true }));
  return sections
    .filter((s) => {
      const { stamped, total } = countStampedEntries(s.blocks, year);
      return stamped >= 2 && stamped / total >= 0.5;
    })
    .map((node) => ({ node, strict: false }));
}

function readTimelineOf(
  sources: readonly { node: SectionNode; strict: boolean }[],
  context: { file: string; reviewDate: string | null; zone: string | null },
) {
  const events: TimelineEvent[] = [];
  const diagnostics = [];
  let zone = context.zone;
  for (const { node, strict } of sources) {
    const result = readTimeline(node.blocks, { ...context, zone }, strict);
    events.push(...result.events);
    diagnostics.push(...result.diagnostics);
    zone = result.zone;
  }
  return { events, diagnostics, zone };
}

/** The zone a timeline heading ("Timeline (AEST — UTC+10)") or an "All times PDT." sentence states. */
function statedZone(sources: readonly { node: SectionNode }[], blocks: readonly Block[]): string | null {
  for (const { node } of sources) {
    const zone = findZone(node.heading);
    if (zone) return zone;
  }
  for (const block of blocks) {
    if (block.type !== 'paragraph') continue;
    const zone = readZoneSentence(block.inline.text);
    if (zone && zoneOffset(zone) !== null) return zone;
  }
  return null;
}

/** The text with its first `count` lines emptied, so line numbers still point into the file. */
function blankLines(text: string, count: number): string {
  let end = -1;
  for (let i = 0; i < count && (end = text.indexOf('\n', end + 1)) >= 0; i++);
  return end < 0 ? '\n'.repeat(count) : '\n'.repeat(count) + text.slice(end + 1);
}

/** The day a title names ("2020-12-11: All services outage", "Incident on 2023-01-05 08:56 - …"), if any. */
function dateInTitle(title: string): string | null {
  return readStamp(title, { year: null })?.date ?? firstDateIn(title, null)?.date ?? null;
}

/**
 * The day the opening paragraph names, if any; a day without a year takes the publication's, the year before when
 * it would fall after the publication.
 */
function openingDate(sections: readonly SectionNode[], published: string | null): string | null {
  const summary = sections.filter((s) => s.kind === 'summary');
  const opening = firstParagraph(summary.length > 0 ? summary : sections.slice(0, 1));
  if (opening === null) return null;
  const publishedYear = published === null ? null : Number(published.slice(0, 4));
  const found = firstDateIn(opening, publishedYear);
  if (found === null || published === null || !found.yearless || found.date <= published)
    return found?.date ?? null;
  return `${(publishedYear as number) - 1}${found.date.slice(4)}`;
}

/** The words of these sections' paragraphs and list items, one text each. */
function proseOf(sections: readonly SectionNode[]): string[] {
  return sections.flatMap((section) =>
    section.blocks.flatMap((block) => {
      if (block.type === 'paragraph') return [flat(block.inline.text)];
      if (block.type === 'list') return block.items.map((item) => flat(item.inline.text));
      return [];
    }),
  );
}

function firstFullDate(events: readonly TimelineEvent[]): string | null {
  return events.find((e) => e.date?.length === 10)?.date ?? null;
}

function firstParagraph(sections: readonly SectionNode[]): string | null {
  for (const section of sections) {
    for (const block of section.blocks) {
      if (block.type !== 'paragraph') continue;
      const text = flat(block.inline.text);
      if (text !== '' && !/^[A-Za-z][A-Za-z -]{0,29}:\s*\S/.test(text.split('\n')[0] ?? '')) return text;
    }
  }
  return null;
}
