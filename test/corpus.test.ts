import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sameMeaning } from '../src/model/meaning.js';
import { type Review, ReviewSchema } from '../src/model/review.js';
import { isGitPatch } from '../src/parse/git-patch.js';
import { analyzeMarkdownReview } from '../src/parse/parse-review.js';
import type { ParsedSource } from '../src/parse/parse-source.js';
import { parseInputs } from '../src/pipeline.js';
import { readSource } from '../src/read/read-sources.js';
import { renderCanonical } from '../src/render/canonical.js';
import {
  CORPUS_DIR,
  CORPUS_META,
  filesUnder,
  golden,
  PYTHON_DISCORD_DATES,
  PYTHON_DISCORD_VERSIONS,
  SEEDS_DIR,
  SHARED_DIR,
  SNAPSHOTS_DIR,
} from './helpers.js';

/**
 * Real-world corpus snapshots (style practice 6). Every file in ../shared/corpus and ../shared/seeds is parsed
 * and a per-document summary (no corpus text beyond titles) is compared with test/snapshots/corpus-summary.json;
 * UPDATE=1 rewrites it. The corpus is not part of this repository: without it these tests are skipped, and say so.
 */

const HAVE_CORPUS = existsSync(CORPUS_DIR);
const HAVE_SEEDS = existsSync(SEEDS_DIR);

if (!HAVE_CORPUS) console.warn(`corpus tests skipped: ${CORPUS_DIR} does not exist`);
if (!HAVE_SEEDS) console.warn(`seed tests skipped: ${SEEDS_DIR} does not exist`);

/**
 * Documents known not to satisfy the Review schema, with the bug that causes it. Each gets an `it.fails`;
 * every other document must validate.
 */
const KNOWN_INVALID: Readonly<Record<string, string>> = {};

/** Documents `fmt` gets wrong, with the bug behind it. */
const KNOWN_FMT_BUGS: Readonly<Record<string, string>> = {};

describe.skipIf(!HAVE_CORPUS && !HAVE_SEEDS)('corpus and seeds (../shared)', () => {
  const files = [
    ...(HAVE_CORPUS ? filesUnder(CORPUS_DIR, CORPUS_META) : []),
    ...(HAVE_SEEDS ? filesUnder(SEEDS_DIR) : []),
  ];
  let sources: readonly ParsedSource[] = [];

  beforeAll(async () => {
    // Files are named one by one, so the PDFs, .rst and extension-less files are read too.
    sources = (await parseInputs(files, SHARED_DIR)).sources;
  });

  it('parses every file without throwing, one source per file', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(sources.map((s) => s.path)).toEqual(files.map((f) => relative(SHARED_DIR, f)));
  });

  it('every document except the known-invalid ones satisfies the Review schema', () => {
    const failures = sources
      .flatMap((s) => s.reviews.map((r) => r.review))
      .filter((review) => !(review.source.path in KNOWN_INVALID))
      .flatMap((review) => {
        const result = ReviewSchema.safeParse(review);
        return result.success ? [] : [`${review.source.path}: ${result.error.issues[0]?.message}`];
      });
    expect(failures).toEqual([]);
  });

  for (const [path, bug] of Object.entries(KNOWN_INVALID)) {
    const test = existsSync(join(SHARED_DIR, path)) ? it.fails : it.skip;
    test(`${path} satisfies the Review schema (bug: ${bug})`, () => {
      const reviews = sources.filter((s) => s.path === path).flatMap((s) => s.reviews.map((r) => r.review));
      expect(reviews.length).toBeGreaterThan(0);
      for (const review of reviews) ReviewSchema.parse(review);
    });
  }

  it.skipIf(!HAVE_CORPUS)('a PDF is read through its text layer (pdftotext), not reported as binary', () => {
    const pdfs = sources.filter((s) => s.path.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThan(0);
    for (const pdf of pdfs) {
      expect(pdf.diagnostics).toEqual([]);
      expect(pdf.reviews.map((r) => r.review.source.format)).toEqual(['pdf']);
      expect(pdf.reviews[0]?.review.timeline.length).toBeGreaterThan(0);
    }
  });

  it('matches the corpus summary snapshot', () => {
    const summary = sources.flatMap((source): Record<string, unknown>[] => {
      const fileRules = source.diagnostics.map((d) => d.rule);
      if (source.reviews.length === 0) return [{ path: source.path, reviews: 0, diagnostics: fileRules }];
      return source.reviews.map(({ review, diagnostics }) => ({
        path: review.source.path,
        id: review.id,
        isReview: review.isReview,
        title: review.title,
        date: review.date,
        severity: review.severity?.level ?? null,
        sectionKinds: new Set(review.sections.map((s) => s.kind)).size,
        timeline: review.timeline.length,
        actionItems: review.actionItems.length,
        open: review.actionItems.filter((a) => !a.done).length,
        diagnostics: [...fileRules, ...diagnostics.map((d) => d.rule)],
      }));
    });
    golden('corpus-summary', summary, { dir: SNAPSHOTS_DIR });
  });

  /** What `fmt` finds wrong with one file: not idempotent, or a change of meaning; null when it skips it. */
  async function fmtProblems(file: string): Promise<string[] | null> {
    const source = await readSource(file, SHARED_DIR);
    if (source.text === null || isGitPatch(source.text)) return null;
    // As the fmt command does: reviews only, never a file with errors.
    const analyzed = analyzeMarkdownReview({
      path: source.path,
      text: source.text,
      format: 'markdown',
    });
    if (!analyzed.review.isReview || analyzed.diagnostics.some((d) => d.severity === 'error')) return null;
    const once = renderCanonical(analyzed);
    const again = analyzeMarkdownReview({
      path: source.path,
      text: once,
      format: 'markdown',
    });
    return [
      ...(renderCanonical(again) !== once ? ['not idempotent'] : []),
      ...(sameMeaning(analyzed.review, again.review) ? [] : ['meaning changed']),
    ];
  }

  // Files fmt (the folder walk) would pick up.
  const formattable = files.filter((f) => /\.(md|markdown|mdown|mkd|erb|txt)$/i.test(f));

  it('fmt is idempotent and keeps the meaning of every review it formats (except known bugs)', async () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of formattable) {
      if (relative(SHARED_DIR, file) in KNOWN_FMT_BUGS) continue;
      const problems = await fmtProblems(file);
      if (problems === null) continue;
      checked++;
      for (const problem of problems) broken.push(`${relative(SHARED_DIR, file)}: ${problem}`);
    }
    expect(checked).toBeGreaterThan(HAVE_CORPUS ? 100 : 0);
    expect(broken).toEqual([]);
  });

  for (const [path, bug] of Object.entries(KNOWN_FMT_BUGS)) {
    const test = existsSync(join(SHARED_DIR, path)) ? it.fails : it.skip;
    test(`fmt is idempotent and keeps the meaning of ${path} (bug: ${bug})`, async () => {
      expect(await fmtProblems(join(SHARED_DIR, path))).toEqual([]);
    });
  }
});

describe.skipIf(!HAVE_CORPUS)('corpus documents the classifier or splitter gets wrong', () => {
  const parseFile = async (path: string) =>
    (await parseInputs([join(SHARED_DIR, path)], SHARED_DIR)).sources.flatMap((s) =>
      s.reviews.map((r) => r.review),
    );
  const ifPresent = (path: string) => (existsSync(join(SHARED_DIR, path)) ? it : it.skip);

  // Regression: `{{ … }}` inside inline code (quoted kubelet errors) is not an unfilled template variable.
  const pgmac = 'corpus/github-pgmac-net-incidents/2026-06-17-seerr-jiva-csi-stale-node-attachment.md';
  ifPresent(pgmac)(`${pgmac} is a review ({{ }} in code spans is not a template variable)`, async () => {
    const [review] = await parseFile(pgmac);
    expect(review?.timeline.length).toBeGreaterThan(5);
    expect(review?.isReview).toBe(true);
  });

  // Regression (brief §3.1 "a file holding several incidents yields one object per incident"): the Ministry of
  // Justice incident log holds one "### Incident on YYYY-MM-DD …" entry per incident.
  const log = 'corpus/github-ministryofjustice-cloud-platform/incident-log.html.md.erb';
  ifPresent(log)(`${log} yields one review per incident, each with its own date and timeline`, async () => {
    const headings = [
      ...readFileSync(join(SHARED_DIR, log), 'utf8').matchAll(/^### Incident on (\d{4}-\d{2}-\d{2})/gm),
    ].map((m) => m[1]);
    expect(headings.length).toBeGreaterThan(10);
    const reviews = await parseFile(log);
    expect(reviews.map((r) => r.date)).toEqual(headings);
    expect(reviews.every((r) => r.isReview && r.source.path.startsWith(`${log}#`))).toBe(true);
    expect(new Set(reviews.map((r) => r.id)).size).toBe(reviews.length);
    // Every entry's "Key events" (First detected …, Repaired …) give it its own times; newer ones also a timeline.
    expect(reviews.filter((r) => r.times.detected?.startsWith(r.date ?? '-')).length).toBeGreaterThan(
      reviews.length * 0.8,
    );
    expect(reviews.filter((r) => r.timeline.length > 0).length).toBeGreaterThanOrEqual(10);
  });

  // Regression: a site configuration file named on the command line is not a review.
  const config = 'corpus/github-pgmac-net-incidents/mkdocs.yml';
  ifPresent(config)(`${config} is not a review`, async () => {
    const [review] = await parseFile(config);
    expect(review?.isReview).toBe(false);
  });
});

/** The markdown versions of the python-discord postmortems (Sphinx RST: test/import/corpus-import.test.ts). */
const [JEKYLL, HUGO, MKDOCS] = PYTHON_DISCORD_VERSIONS;
const VERSIONS = [JEKYLL, HUGO, MKDOCS] as const;
const HAVE_VERSIONS = HAVE_CORPUS && VERSIONS.every((v) => existsSync(join(CORPUS_DIR, v)));
if (HAVE_CORPUS && !HAVE_VERSIONS)
  console.warn('python-discord version tests skipped: a version folder is missing');

/**
 * Known disagreements between the versions, by incident date and field, with the bug behind each.
 * Everything not listed must agree.
 */
const KNOWN_DISAGREEMENTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {};

describe.skipIf(!HAVE_VERSIONS)(
  'python-discord postmortems: Jekyll, Hugo and mkdocs-blog versions agree',
  () => {
    const byVersion = new Map<string, Review[]>();
    const key = (r: Review) => `${r.date} ${r.title}`;

    beforeAll(async () => {
      for (const version of VERSIONS) {
        const inputs = await parseInputs([join(CORPUS_DIR, version)], SHARED_DIR);
        byVersion.set(
          version,
          inputs.sources.flatMap((s) => s.reviews.map((r) => r.review)).filter((r) => r.date !== null),
        );
      }
    });

    it('each version holds the same six dated incidents (matched by date + title)', () => {
      const keys = VERSIONS.map((v) => (byVersion.get(v) ?? []).map(key).sort());
      expect(keys[0]).toHaveLength(6);
      expect(keys[1]).toEqual(keys[0]);
      expect(keys[2]).toEqual(keys[0]);
    });

    // The Sphinx RST version is compared through import: test/import/corpus-import.test.ts.

    const INCIDENT_DATES = PYTHON_DISCORD_DATES;
    const fields: Record<string, (r: Review) => unknown> = {
      'title and date': (r) => [r.title, r.date],
      timeline: (r) => r.timeline.map((e) => [e.date, e.time, e.text]),
      'action items': (r) => r.actionItems.map((a) => [a.text, a.done]),
      isReview: (r) => r.isReview,
      whys: (r) => r.whys,
    };

    INCIDENT_DATES.forEach((date, index) => {
      const nth = INCIDENT_DATES.slice(0, index).filter((d) => d === date).length;
      for (const [field, pick] of Object.entries(fields)) {
        const bug = KNOWN_DISAGREEMENTS[field]?.[date];
        const test = bug ? it.fails : it;
        const name = `${date}${nth > 0 ? ` (#${nth + 1})` : ''}: ${field}${bug ? ` (bug: ${bug})` : ''}`;
        test(name, () => {
          const jekyll = (byVersion.get(VERSIONS[0]) ?? []).filter((r) => r.date === date)[nth];
          expect(jekyll).toBeDefined();
          const picked = pick(jekyll as Review);
          for (const version of VERSIONS.slice(1)) {
            const match = (byVersion.get(version) ?? []).find((r) => key(r) === key(jekyll as Review));
            expect(match, `${version} has ${key(jekyll as Review)}`).toBeDefined();
            expect(pick(match as Review), version).toEqual(picked);
          }
        });
      }
    });
  },
);

function seedFile(prefix: string): string | null {
  if (!HAVE_SEEDS) return null;
  const name = readdirSync(SEEDS_DIR).find((n) => n.startsWith(prefix));
  return name ? join(SEEDS_DIR, name) : null;
}

async function parseSeed(prefix: string): Promise<Review[]> {
  const file = seedFile(prefix);
  if (file === null) throw new Error(`seed ${prefix}* not found`);
  const inputs = await parseInputs([file], SHARED_DIR);
  return inputs.sources.flatMap((s) => s.reviews.map((r) => r.review));
}

describe.skipIf(seedFile('001_') === null)('seed 001: unfinished "Site Outage" review', () => {
  let review: Review;
  beforeAll(async () => {
    const reviews = await parseSeed('001_');
    expect(reviews).toHaveLength(1);
    review = reviews[0] as Review;
  });

  it('keeps the uncertain 2024-08-?? date as 2024-08', () => {
    const uncertain = review.timeline.filter((e) => e.date === '2024-08');
    expect(uncertain.length).toBeGreaterThan(0);
    expect(uncertain.every((e) => e.time === null)).toBe(true);
  });

  it('keeps 16:58 before 16:43, as written', () => {
    const t = review.timeline.map((e) => e.time);
    expect(t.indexOf('16:58')).toBeGreaterThanOrEqual(0);
    expect(t.indexOf('16:43')).toBe(t.indexOf('16:58') + 1);
  });

  it('starts on 2024-08-10 at 13:05 and is detected on 2024-08-12 at 15:45', () => {
    expect(review.times.started).toBe('2024-08-10T13:05');
    expect(review.times.detected).toBe('2024-08-12T15:45');
    expect(review.durations.toDetectMinutes).toBe(2 * 24 * 60 + 2 * 60 + 40);
    expect(ReviewSchema.safeParse(review).success).toBe(true);
  });
});

describe.skipIf(seedFile('000_') === null)(
  'seed 000: a git patch deleting the six Jekyll postmortems',
  () => {
    let reviews: Review[] = [];
    beforeAll(async () => {
      reviews = await parseSeed('000_');
    });

    it('yields the six incidents plus the index page, from inside the patch', () => {
      expect(reviews).toHaveLength(7);
      expect(reviews.every((r) => r.source.format === 'git-patch')).toBe(true);
      expect(reviews.every((r) => /#docs\/postmortems\/[^/]+\.md$/.test(r.source.path))).toBe(true);
      const dated = reviews.filter((r) => r.date !== null);
      expect(dated).toHaveLength(6);
      expect(new Set(dated.map((r) => `${r.date} ${r.title}`)).size).toBe(6);
      for (const review of reviews) expect(ReviewSchema.safeParse(review).success).toBe(true);
    });

    // Regression: the 2021-01-12 and 2021-01-30 postmortems use {{site.baseurl}} in image links; they are not templates.
    it('all six incidents are reviews', () => {
      const dated = reviews.filter((r) => r.date !== null);
      expect(dated.filter((r) => !r.isReview).map((r) => r.title)).toEqual([]);
    });

    // Inside the patch the index is `docs/postmortems/index.md`, whose base name is its folder's.
    it('the index page is not a review', () => {
      const index = reviews.find((r) => r.source.path.endsWith('/index.md'));
      expect(index).toBeDefined();
      expect(index?.isReview).toBe(false);
    });

    it.skipIf(!HAVE_VERSIONS)('each incident means the same as its Jekyll file in the corpus', async () => {
      const inputs = await parseInputs([join(CORPUS_DIR, VERSIONS[0])], SHARED_DIR);
      const jekyll = inputs.sources.flatMap((s) => s.reviews.map((r) => r.review));
      for (const review of reviews.filter((r) => r.date !== null)) {
        const twin = jekyll.find((r) => r.id === review.id);
        expect(twin, review.id).toBeDefined();
        expect(sameMeaning(review, twin as Review), review.id).toBe(true);
      }
    });
  },
);

describe.skipIf(seedFile('003_') === null)('seed 003: the index page of a post-incident review site', () => {
  // A plain-text index: its entries are not links, but it lists incidents with a severity each.
  it('is not a review', async () => {
    const reviews = await parseSeed('003_');
    expect(reviews).toHaveLength(1);
    expect(reviews[0]?.isReview).toBe(false);
  });
});

describe.skipIf(seedFile('002_') === null || seedFile('004_') === null)('seeds 002 and 004', () => {
  it('parse into one valid document each', async () => {
    for (const prefix of ['002_', '004_']) {
      const reviews = await parseSeed(prefix);
      expect(reviews).toHaveLength(1);
      expect(ReviewSchema.safeParse(reviews[0]).success).toBe(true);
    }
  });

  it('seed 002 reads its 12-hour "Time (UTC)" timeline in UTC', async () => {
    const [review] = await parseSeed('002_');
    expect(review?.timezone).toBe('UTC');
    expect(review?.timeline.length).toBeGreaterThan(10);
    expect(review?.timeline[0]?.time).toBe('13:21');
  });
});

// The parse of one markdown file must not depend on how it reached us (named file vs. folder walk).
describe.skipIf(!HAVE_VERSIONS)('parse is the same file by file and folder by folder', () => {
  it('gives the same reviews for the Hugo folder either way', async () => {
    const dir = join(CORPUS_DIR, VERSIONS[1]);
    const walked = await parseInputs([dir], SHARED_DIR);
    const named = await parseInputs(filesUnder(dir), SHARED_DIR);
    const reviews = (x: typeof walked) => x.sources.flatMap((s) => s.reviews.map((r) => r.review));
    expect(reviews(named)).toEqual(reviews(walked));
    expect(reviews(walked).length).toBeGreaterThan(0);
  });
});
