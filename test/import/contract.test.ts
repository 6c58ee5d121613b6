import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { planFile, type PlannedRow } from '../../src/import/plan-import.js';
import { ReviewSchema, type SourceFormat } from '../../src/model/review.js';
import { classifyHeading } from '../../src/parse/headings.js';
import { analyzeMarkdownReview } from '../../src/parse/parse-review.js';
import { analyzeSource } from '../../src/parse/parse-source.js';
import { convertSource } from '../../src/parse/formats/convert.js';
import { readSource } from '../../src/read/read-sources.js';
import { FIXTURES_DIR, REPO_ROOT } from '../helpers.js';
import { pdfWithText } from './pdf-bytes.js';

/**
 * The contract every importer keeps (issue #3): whatever the format, a source becomes reviews that satisfy the
 * Review schema, importing never throws (fast-check feeds each converter arbitrary input), and no text is lost:
 * every word of the source's body appears in the canonical file written for it.
 */

const IMPORT_FIXTURES = join(FIXTURES_DIR, 'import');
const scratch = mkdtempSync(join(tmpdir(), 'hindsight-contract-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The text a reader of the source sees as its body: markup, page furniture and metadata headers removed. */
const BODY_TEXT: Readonly<Record<SourceFormat, (source: string) => string>> = {
  markdown: (source) => source.replace(/<%[\s\S]*?%>/g, ''),
  text: (source) => source,
  'git-patch': (source) => source,
  myst: (source) =>
    source.replace(/\{(?:ref|doc)\}`[^`]*<[^>]*>`/g, (role) => role.replace(/<[^>]*>|\{\w+\}/g, '')),
  html: (source) =>
    source
      .replace(/<head>[\s\S]*?<\/head>/gi, '')
      .replace(/<(nav|footer)\b[\s\S]*?<\/\1>/gi, '')
      // Confluence's page header (breadcrumbs, "Space : Title"), its metadata line and its footer.
      .replace(/<div id="main-header">[\s\S]*?<\/h1>\s*<\/div>/, '')
      .replace(/<div class="page-metadata">[\s\S]*?<\/div>/, '')
      .replace(/<div id="footer"[\s\S]*$/, '')
      .replace(/<[^>]*>/g, ' '),
  rst: (source) => source.replace(/^\.\. .*$|^\s+:\w+:.*$/gm, '').replace(/:\w+:`([^`<]*)<[^>]*>`/g, '$1'),
  asciidoc: (source) =>
    (
      source
        .split(/\n\s*\n/)
        .slice(1)
        .join('\n\n') || source
    ).replace(/<<[^,>]*,?|>>/g, ''),
  email: (source) =>
    source
      .split(/\n\s*\n/)
      .slice(1)
      .join('\n\n')
      .replace(/=\n/g, ''),
  pdf: (source) => source,
};

function wordsOf(text: string): string[] {
  return [...new Set(text.match(/[A-Za-z]{3,}/g) ?? [])];
}

/**
 * Words of `body` missing from `written`. A heading that names a section kind is written as that kind's standard
 * heading ("Follow-up tasks" → "Action items"): that is the canonical form, so such headings are left out.
 */
function missingWords(body: string, written: string): string[] {
  const output = written.toLowerCase();
  const text = body
    .split('\n')
    .filter((line) => classifyHeading(line.replace(/^#+\s*/, '').trim()) === 'other')
    .join('\n');
  return wordsOf(text).filter((word) => !output.includes(word.toLowerCase()));
}

async function plan(path: string): Promise<PlannedRow> {
  return planFile(path, REPO_ROOT, join(scratch, 'out'), new Map());
}

const CASES: readonly { file: string; format: SourceFormat }[] = [
  { file: 'blog-post.html', format: 'html' },
  { file: 'confluence-export.html', format: 'html' },
  { file: 'google-docs.html', format: 'html' },
  { file: 'truncated.html', format: 'html' },
  { file: 'sphinx-review.rst', format: 'rst' },
  { file: 'search-index.adoc', format: 'asciidoc' },
  { file: 'status-report.eml', format: 'email' },
  { file: 'myst-review.md', format: 'myst' },
  { file: '2025-02-11-dns-resolver-flaps.html.md.erb', format: 'markdown' },
  { file: 'incident-log.md', format: 'markdown' },
  { file: 'recurring-outages.md', format: 'markdown' },
  { file: 'site-tree/docs/blog/posts/cache-stampede.md', format: 'markdown' },
  // The foundation's plain-text export fixture.
  { file: '../plain-export.txt', format: 'text' },
];

describe.each(CASES)('importer contract: $file ($format)', ({ file, format }) => {
  const path = join(IMPORT_FIXTURES, file);

  it('is read as its format and gives valid reviews', async () => {
    const row = await plan(path);
    expect(row.format).toBe(format);
    expect(row.status).toBe('imported');
    expect(row.reviews.length).toBeGreaterThan(0);
    for (const review of row.reviews) {
      const reread = analyzeMarkdownReview({ path: review.target, text: review.text, format: 'markdown' });
      expect(ReviewSchema.safeParse(reread.review).success).toBe(true);
    }
  });

  it('keeps every word of the body text', async () => {
    const row = await plan(path);
    const written = row.reviews.map((r) => r.text).join('\n');
    expect(missingWords(BODY_TEXT[format](readFileSync(path, 'utf8')), written)).toEqual([]);
  });
});

describe('importer contract: PDF text', () => {
  it('a PDF with a text layer keeps its words and gives a valid review', async () => {
    const path = join(scratch, '2025-09-01-api-gateway-errors.pdf');
    // Blank entries are vertical gaps, which is how a PDF sets headings apart.
    const lines = [
      'API gateway errors',
      '',
      'Summary',
      '',
      'The gateway returned errors for twelve minutes after a certificate rotation.',
      '',
      'Timeline',
      '',
      '2025-09-01 10:02 Certificate rotated',
      '2025-09-01 10:14 Old certificate restored',
    ];
    writeFileSync(path, pdfWithText(lines));
    const row = await plan(path);
    expect(row).toMatchObject({ format: 'pdf', status: 'imported' });
    const [review] = row.reviews;
    expect(review).toMatchObject({ title: 'API gateway errors', date: '2025-09-01', timelineEvents: 2 });
    expect(missingWords(lines.join('\n'), review?.text ?? '')).toEqual([]);
  });
});

/** Converts and parses `text` as if it were a file of `name`; must never throw, must give valid reviews. */
async function importText(name: string, text: string): Promise<void> {
  const path = join(scratch, name);
  writeFileSync(path, text);
  const file = readSource(path, scratch);
  const { format, conversion } = await convertSource(path, file);
  if (conversion.markdown === null) {
    expect(conversion.diagnostics.length + file.diagnostics.length).toBeGreaterThan(0);
    return;
  }
  for (const { review } of analyzeSource({ ...file, text: conversion.markdown }, format).reviews) {
    const result = ReviewSchema.safeParse(review);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  }
}

const htmlish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '<article>',
        '</article>',
        '<h1>',
        '<h2>',
        '</h2>',
        '<p>',
        '<table><tr><td>',
        '</td><td>',
        '<time datetime="2025-01-02T10:00Z">',
        '</time>',
        '<ul><li>',
        '<li class="checked" data-inline-task-id="1">',
        '<span class="c1">',
        '<style>.c1{font-weight:700;font-size:18pt}</style>',
        '<nav>',
        '10:05 ',
        'Timeline',
        'Action items',
        '\n',
      ),
      fc.string(),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

const structured = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '= Title\n',
        '== Timeline\n',
        '* [x] done\n',
        'Heading\n=======\n',
        '- ☒ item\n',
        '.. toctree::\n',
      ),
      fc.constantFrom('From: a@b.c\n', 'Subject: Outage\n', 'Date: Mon, 1 Jan 2024 10:00:00 +0000\n', '\n'),
      fc.string(),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('importer contract: arbitrary input never throws', () => {
  it('HTML', async () => {
    await fc.assert(
      fc.asyncProperty(htmlish, (text) => importText('page.html', text)),
      { numRuns: 60 },
    );
  });
  it('AsciiDoc', async () => {
    await fc.assert(
      fc.asyncProperty(structured, (text) => importText('doc.adoc', text)),
      { numRuns: 40 },
    );
  });
  it('email', async () => {
    await fc.assert(
      fc.asyncProperty(structured, (text) => importText('mail.eml', text)),
      { numRuns: 60 },
    );
  });
  it('MyST and markdown', async () => {
    await fc.assert(
      fc.asyncProperty(structured, (text) => importText('page.md', `(label)=\n${text}`)),
      { numRuns: 60 },
    );
  });
  // Each run starts pandoc: fewer runs keep the suite fast.
  it('reStructuredText', async () => {
    await fc.assert(
      fc.asyncProperty(structured, (text) => importText('page.rst', text)),
      { numRuns: 12 },
    );
  });
  it('PDF (arbitrary bytes)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        const path = join(scratch, 'file.pdf');
        writeFileSync(path, bytes);
        const row = await plan(path);
        expect(['imported', 'failed']).toContain(row.status);
        if (row.status === 'failed') expect(row.reason).toBeTruthy();
      }),
      { numRuns: 8 },
    );
  });
});
