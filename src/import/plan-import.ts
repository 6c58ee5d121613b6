import { basename, join } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { sameMeaning } from '../model/meaning.js';
import type { Review, SourceFormat } from '../model/review.js';
import type { SectionKind } from '../model/section-kind.js';
import type { DocumentKind } from '../parse/classify.js';
import { onSourceLines, readAnyFormat } from '../parse/formats/convert.js';
import { baseName, slugify } from '../parse/ids.js';
import { type AnalyzedReview, analyzeMarkdownReview } from '../parse/parse-review.js';
import { analyzeSource } from '../parse/parse-source.js';
import { displayPath } from '../read/read-sources.js';
import { renderCanonical } from '../render/canonical.js';
import { navTitleOf, type SiteMetadata, siteMetadataFor } from './site-metadata.js';

/** What was recognised in one review an input holds, and the canonical file it becomes. */
export interface PlannedReview {
  readonly id: string;
  readonly title: string | null;
  readonly date: string | null;
  readonly severity: string | null;
  readonly sections: readonly SectionKind[];
  readonly timelineEvents: number;
  readonly actionItems: number;
  /** Headings that map to no section kind: kept as `other` under their own heading. */
  readonly unmapped: readonly string[];
  /** Where the review goes, absolute; and its canonical text. */
  readonly target: string;
  readonly text: string;
}

export type RowStatus = 'imported' | 'skipped' | 'failed';

/** One input of an import: what it is, what it holds, and why not when it holds nothing to import. */
export interface PlannedRow {
  readonly input: string;
  readonly absolute: string;
  readonly format: SourceFormat | null;
  readonly status: RowStatus;
  readonly reason: string | null;
  readonly reviews: readonly PlannedReview[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Site files a walk picks up only to say they were skipped (and, for `.authors.yml`, read for author names). */
const SITE_FILE = /\.(ya?ml|toml)$/i;
/** Folders of a site generator's templates: Jekyll `_layouts`/`_includes`, Hugo `layouts`/`archetypes`, MkDocs `overrides`. */
const TEMPLATE_FOLDER = /(?:^|[\\/])(?:_layouts|_includes|layouts|partials|archetypes|themes|overrides)[\\/]/;

const NOT_A_REVIEW: Readonly<Record<Exclude<DocumentKind, 'review'>, string>> = {
  index: 'an index page: it lists reviews and is not one',
  template: 'a template: prompts to fill in, no incident',
  config: 'site configuration',
};

/** Plans files one after another, in order; each folder's site metadata is read once. */
export async function planFiles(files: readonly string[], cwd: string, out: string): Promise<PlannedRow[]> {
  const siteCache = new Map<string, SiteMetadata>();
  const plans: PlannedRow[] = [];
  for (const file of files) plans.push(await planFile(file, cwd, out, siteCache));
  return plans;
}

/**
 * One source file → what importing it would write: read, detect and convert the format, parse into reviews, apply
 * the site's metadata, render each review canonically. Nothing is written here; bad input is a failed row.
 */
export async function planFile(
  absolute: string,
  cwd: string,
  out: string,
  siteCache: Map<string, SiteMetadata>,
): Promise<PlannedRow> {
  const path = displayPath(absolute, cwd);
  const row = { input: path, absolute, reviews: [] };
  if (SITE_FILE.test(absolute)) {
    const reason =
      basename(absolute) === '.authors.yml'
        ? 'site metadata: author names, applied to the reviews that name the authors'
        : 'site configuration, not a review';
    return { ...row, format: null, status: 'skipped', reason, diagnostics: [] };
  }
  if (TEMPLATE_FOLDER.test(path)) {
    const reason = 'a site template (layouts, includes, theme overrides), not a review';
    return { ...row, format: null, status: 'skipped', reason, diagnostics: [] };
  }
  const { source: converted, format, sourceLine } = await readAnyFormat(absolute, cwd);
  const { diagnostics } = converted;
  const failed = (reason: string): PlannedRow => ({ ...row, format, status: 'failed', reason, diagnostics });
  const firstError = diagnostics.find((d) => d.severity === 'error');
  if (converted.text === null) return failed(firstError?.message ?? 'nothing could be read from the file');
  if (converted.text.trim() === '') return failed('the file is empty');

  const source = analyzeSource({ ...converted, diagnostics: [] }, format);
  const site = siteMetadataFor(absolute, siteCache);
  const parts = source.reviews.map((doc) => withSiteMetadata(doc, absolute, site));
  const reviews = parts.filter((doc) => doc.review.isReview);
  const partDiagnostics = onSourceLines(
    reviews.flatMap((doc) => doc.diagnostics),
    sourceLine,
  );
  if (reviews.length === 0) {
    const kind = parts[0]?.kind ?? 'review';
    const reason = kind === 'review' ? 'no review found in the file' : NOT_A_REVIEW[kind];
    return { ...row, format, status: 'skipped', reason, diagnostics: [...diagnostics, ...partDiagnostics] };
  }
  const planned = reviews.map((doc) => planReview(doc, out, cwd));
  return {
    ...row,
    format,
    status: 'imported',
    reason: null,
    reviews: planned.map((p) => p.review),
    diagnostics: [
      ...diagnostics,
      ...partDiagnostics,
      ...planned.flatMap((p) => p.diagnostics),
      ...textOutsideParts(converted.text, parts, path),
    ],
  };
}

/**
 * A file cut into several reviews may hold text that belongs to none of them (a log's introduction, a quarter's
 * summary figures). Headings are named in each review's `part-of`; other such lines are reported, so nothing goes
 * missing unsaid.
 */
function textOutsideParts(text: string, parts: readonly AnalyzedReview[], file: string): Diagnostic[] {
  if (parts.length < 2) return [];
  const lines = text.split('\n');
  const frontMatterEnd = lines[0] === '---' ? lines.indexOf('---', 1) : -1;
  const left = lines.flatMap((line, index) => {
    const unused =
      index > frontMatterEnd &&
      !/^\s*$|^#{1,6}\s|^\s*(?:-{3,}|\*{3,})\s*$/.test(line) &&
      parts.every((part) => (part.lines[index] ?? '').trim() === '');
    return unused ? [index + 1] : [];
  });
  if (left.length === 0) return [];
  return [
    {
      rule: 'import-text-outside-incidents',
      severity: 'info',
      message: `${left.length} line(s) of this file belong to none of its incidents (from line ${left[0]}: an introduction or summary figures) and are not in any review written from it.`,
      file,
      line: left[0] as number,
      column: 1,
    },
  ];
}

/** MkDocs blog posts name authors by id (`.authors.yml` has their names); a page without a title has its nav's. */
function withSiteMetadata(doc: AnalyzedReview, absolute: string, site: SiteMetadata): AnalyzedReview {
  const authors = doc.review.authors.map((id) => site.authorNames.get(id) ?? id);
  const title = doc.review.title ?? navTitleOf(absolute, site);
  if (title === doc.review.title && authors.every((a, i) => a === doc.review.authors[i])) return doc;
  return { ...doc, review: { ...doc.review, title, authors } };
}

function planReview(
  doc: AnalyzedReview,
  out: string,
  cwd: string,
): { review: PlannedReview; diagnostics: Diagnostic[] } {
  const { review } = doc;
  const name = outputName(review);
  const target = join(out, name);
  // A review cut from a log or a page of several keeps the name of what it came from.
  const text = renderCanonical(
    doc.partOf ? { ...doc, frontMatter: { ...doc.frontMatter, 'part-of': doc.partOf } } : doc,
  );
  const diagnostics: Diagnostic[] = [];
  const at = (rule: string, message: string): Diagnostic => ({
    rule,
    severity: 'warning',
    message,
    file: review.source.path,
    line: 1,
    column: 1,
  });
  if (review.date === null) {
    diagnostics.push(
      at(
        'import-undated',
        `No date found; written as ${name}. Add \`date:\` to its front matter and rename it.`,
      ),
    );
  }
  const reread = analyzeMarkdownReview({ path: displayPath(target, cwd), text, format: 'markdown' }).review;
  if (!sameMeaning({ ...review, id: reread.id }, reread)) {
    diagnostics.push(
      at(
        'import-meaning-changed',
        `The canonical file ${name} does not read back exactly as the source; compare them, and please report it.`,
      ),
    );
  }
  return {
    review: {
      id: review.id,
      title: review.title,
      date: review.date,
      severity: review.severity?.raw ?? null,
      sections: [...new Set(review.sections.map((s) => s.kind))],
      timelineEvents: review.timeline.length,
      actionItems: review.actionItems.length,
      unmapped: review.sections.filter((s) => s.kind === 'other' && s.heading !== '').map((s) => s.heading),
      target,
      text,
    },
    diagnostics,
  };
}

/** `YYYY-MM-DD-brief-description.md` from the date and title; `undated-…` when the review states no date. */
function outputName(review: Review): string {
  const leadingDate = /^\s*\d{4}-\d{2}(?:-\d{2})?\b\s*[:—–|-]?\s*/;
  const titleSlug = slugify((review.title ?? '').replace(leadingDate, ''));
  // Without a title, the file's own name says what it is (less the date or `undated-` an import gave it).
  const nameSlug = slugify(baseName(review.source.path)).replace(
    /^(?:\d{4}-\d{2}(?:-\d{2})?|undated)(?:-|$)/,
    '',
  );
  return `${review.date ?? 'undated'}-${titleSlug || nameSlug || 'review'}.md`;
}
