import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Review } from '../../src/model/review.js';
import { buildCommand } from '../../src/cli/commands/build.js';
import { type BuildMemory, type BuildResult, buildSite } from '../../src/site/build-site.js';
import { SITE_MARKER } from '../../src/read/read-sources.js';
import { CORPUS_DIR, REPO_ROOT, runCli } from '../helpers.js';
import { deadLinks, pageOf, searchIndexFor, siteFiles } from './site-helpers.js';

const EXAMPLES = join(REPO_ROOT, 'examples', 'incidents');
const TODAY = '2026-11-21';
const temp = mkdtempSync(join(tmpdir(), 'hindsight-build-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A built site's reviews.json. */
function reviewsOf(site: string): Review[] {
  return JSON.parse(readFileSync(join(site, 'reviews.json'), 'utf8')) as Review[];
}

async function build(inputs: readonly string[], out: string, ...flags: string[]) {
  return runCli(['build', ...inputs, '--out', out, '--today', TODAY, ...flags], REPO_ROOT);
}

describe('hindsight build examples/incidents', () => {
  const out = join(temp, 'examples');
  let parsed: Review[] = [];
  let stdout = '';

  beforeAll(async () => {
    const result = await build([EXAMPLES], out, '--base-url', 'https://reviews.example.com/');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    stdout = result.stdout;
    parsed = JSON.parse(
      (await runCli(['parse', EXAMPLES, '--format', 'json'], REPO_ROOT)).stdout,
    ) as Review[];
  });

  it('says how many pages it built and how long it took', () => {
    expect(stdout).toMatch(/^Built \d+ pages in \d+\.\d+ s\n$/);
  });

  it('writes a page per review, the lists, the board, insights, search, feed and data', () => {
    const files = siteFiles(out);
    for (const review of parsed) expect(files).toContain(`reviews/${review.id}.html`);
    for (const path of [
      'index.html',
      'actions.html',
      'insights.html',
      'search.html',
      'attention.html',
      'feed.xml',
      'reviews.json',
      'actions.csv',
      'services/index.html',
      'services/checkout.html',
      'tags/database.html',
      'severity/2.html',
      'years/2025.html',
      'assets/site.css',
      'assets/search.js',
      'search/index.js',
    ])
      expect(files).toContain(path);
  });

  it('finishes every review page: its address under --base-url, its lists inside the article', () => {
    for (const review of parsed) {
      const path = `reviews/${review.id}.html`;
      const page = readFileSync(join(out, path), 'utf8');
      expect(page, path).not.toMatch(/hindsight-(?:self|link):/);
      expect(page.match(/<link rel="canonical" href="([^"]*)"/)?.[1], path).toBe(
        `https://reviews.example.com/${path}`,
      );
      const lists = page.indexOf('<section class="review-links"');
      if (review.related.length > 0) expect(lists, path).toBeGreaterThan(-1);
      if (lists !== -1) expect(page.indexOf('</article>'), path).toBeGreaterThan(lists);
    }
    expect(parsed.some((r) => r.related.length > 0)).toBe(true);
  });

  it('leaves no relative link or resource pointing nowhere, on any page', () => {
    expect(deadLinks(out)).toEqual([]);
  });

  it('lists every review on the home page, newest first, by year', () => {
    const document = pageOf(out, 'index.html');
    const links = [...document.querySelectorAll('.review-row h3 a')].map((a) => a.getAttribute('href'));
    const expected = [...parsed]
      .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))
      .map((r) => `reviews/${r.id}.html`);
    expect(links).toEqual(expected);
    expect([...document.querySelectorAll('.year h2')].map((h) => h.getAttribute('id'))).toEqual([
      'year-2026',
      'year-2025',
      'year-2024',
    ]);
  });

  it('lists the reviews of a service on its page, and only those', () => {
    const document = pageOf(out, 'services/checkout.html');
    const listed = [...document.querySelectorAll('.review-row h3 a')].map((a) => a.getAttribute('href'));
    const expected = parsed
      .filter((r) => r.services.includes('checkout'))
      .map((r) => `../reviews/${r.id}.html`);
    expect(listed.sort()).toEqual(expected.sort());
    expect(listed.length).toBeGreaterThan(1);
  });

  it('shows the open action items on the board', () => {
    const open = parsed.flatMap((r) => r.actionItems.filter((a) => !a.done));
    const document = pageOf(out, 'actions.html');
    expect(document.querySelectorAll('section.owner tbody tr')).toHaveLength(open.length);
    expect(document.querySelector('.lead')?.textContent).toContain(`${open.length} open`);
  });

  it('draws the insights charts as SVG at build time, with their numbers as tables', () => {
    const document = pageOf(out, 'insights.html');
    expect(document.querySelectorAll('figure.chart > svg').length).toBe(3);
    expect(document.querySelector('figure.chart svg rect')).not.toBeNull();
    expect(document.querySelectorAll('details.chart-table table').length).toBe(3);
    expect(readFileSync(join(out, 'insights.html'), 'utf8')).not.toMatch(/<script|style="/);
  });

  it('writes reviews.json with every review as `hindsight parse --format json` gives it', () => {
    const json = reviewsOf(out);
    expect(json).toEqual(parsed.filter((r) => r.isReview));
  });

  it('writes actions.csv with one row per action item', () => {
    const lines = readFileSync(join(out, 'actions.csv'), 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('review_id,review_title,review_date,text,owner,due,done,link,path,line');
    expect(lines).toHaveLength(1 + parsed.reduce((n, r) => n + r.actionItems.length, 0));
  });

  it('writes an Atom feed with absolute links under --base-url', () => {
    const feed = readFileSync(join(out, 'feed.xml'), 'utf8');
    expect(feed).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
    );
    expect(feed.match(/<entry>/g)).toHaveLength(parsed.length);
    expect(feed).toContain(`<link href="https://reviews.example.com/reviews/${parsed[0]?.id}.html"/>`);
  });

  it('indexes every word of every review for search', () => {
    expect(searchIndexFor(out, 'pgbouncer')).toEqual(
      parsed
        .filter((r) => JSON.stringify(r.sections).toLowerCase().includes('pgbouncer'))
        .map((r) => `reviews/${r.id}.html`)
        .sort(),
    );
    expect(searchIndexFor(out, 'pgbouncer').length).toBeGreaterThan(0);
  });

  it('answers --format json with the build summary only', async () => {
    const result = await build([EXAMPLES], out, '--format', 'json');
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      reviews: parsed.length,
      needsAttention: [],
      brokenLinks: [],
    });
  });
});

describe('cause themes as the config defines them', () => {
  const themeRows = (site: string) => {
    const table = [...pageOf(site, 'insights.html').querySelectorAll('details.chart-table')].find((details) =>
      details.textContent?.includes('Reviews per theme'),
    );
    return [...(table?.querySelectorAll('tbody tr td:first-child') ?? [])].map((cell) => cell.textContent);
  };

  it('shows theme labels, renamed and added ones included, and refreshes a site built without them', async () => {
    const out = join(temp, 'themes');
    expect((await build([EXAMPLES], out)).code).toBe(0);
    const defaults = themeRows(out);
    expect(defaults).toContain('Database');
    expect(defaults).not.toContain('database');
    const config = join(temp, 'themes.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        themes: {
          rename: { database: 'Databases' },
          add: [{ id: 'payments-flow', label: 'Payments flow', patterns: ['checkout'] }],
        },
      }),
    );
    expect((await build([EXAMPLES], out, '--config', config)).code).toBe(0);
    const configured = themeRows(out);
    expect(configured).toContain('Databases');
    expect(configured).toContain('Payments flow');
    expect(configured).not.toContain('Database');
  });
});

describe('incremental builds', () => {
  const source = join(temp, 'incremental-src');
  const out = join(temp, 'incremental-site');

  beforeAll(async () => {
    cpSync(EXAMPLES, source, { recursive: true });
    expect((await build([source], out)).code).toBe(0);
  });

  it('rebuilds nothing but the shared pages when nothing changed', async () => {
    const before = statSync(join(out, 'reviews/2024-01-17-ci-runner-disks-full.html')).mtimeMs;
    const result = await build([source], out, '--format', 'json');
    expect(JSON.parse(result.stdout)).toMatchObject({ incremental: true, rendered: 0 });
    expect(statSync(join(out, 'reviews/2024-01-17-ci-runner-disks-full.html')).mtimeMs).toBe(before);
  });

  it('after one edit, renders that review again and the pages that list it', async () => {
    const file = join(source, '2024-03-08-checkout-db-connection-storm.md');
    const untouched = join(out, 'reviews/2024-01-17-ci-runner-disks-full.html');
    const before = statSync(untouched).mtimeMs;
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('title: Checkout outage from a Postgres', 'title: Checkout zanzibar outage from a Postgres')
        .replace('A routine checkout deploy', 'A routine quokkafied checkout deploy'),
    );
    const result = await build([source], out, '--format', 'json');
    // The edited review, and the one whose related/similar list names it.
    expect(JSON.parse(result.stdout)).toMatchObject({ incremental: true, rendered: 2 });
    expect(
      pageOf(out, 'reviews/2025-02-11-checkout-db-connection-storm-after-scale-up.html').querySelector(
        '.review-links',
      )?.textContent,
    ).toContain('Checkout zanzibar outage');
    const page = pageOf(out, 'reviews/2024-03-08-checkout-db-connection-storm.html');
    expect(page.querySelector('h1')?.textContent).toBe(
      'Checkout zanzibar outage from a Postgres connection storm during deploy',
    );
    expect(pageOf(out, 'services/checkout.html').body.textContent).toContain('Checkout zanzibar outage');
    expect(pageOf(out, 'index.html').body.textContent).toContain('Checkout zanzibar outage');
    expect(statSync(untouched).mtimeMs).toBe(before);
    const json = reviewsOf(out);
    expect(json.map((r) => r.title)).toContain(
      'Checkout zanzibar outage from a Postgres connection storm during deploy',
    );
    expect(json).toHaveLength(10);
    expect(searchIndexFor(out, 'quokkafied')).toEqual([
      'reviews/2024-03-08-checkout-db-connection-storm.html',
    ]);
    expect(searchIndexFor(out, 'routine')).not.toContain(undefined);
    expect(deadLinks(out)).toEqual([]);
  });

  it('leaves the pages over all reviews alone when an edit changes no summary, action item or theme', async () => {
    const file = join(source, '2025-06-10-product-images-missing-after-dns-change.md');
    const edited = 'reviews/2025-06-10-product-images-missing-after-dns-change.html';
    const similar = () =>
      [...pageOf(out, edited).querySelectorAll('.review-links[aria-label="Similar reviews"] a')].map((a) =>
        a.getAttribute('href'),
      );
    const similarBefore = similar();
    expect(similarBefore.length).toBeGreaterThan(0);
    // The pages that link to it show its title, date and severity, which the edit leaves as they were.
    const linking = readdirSync(join(out, 'reviews'))
      .map((name) => join(out, 'reviews', name))
      .filter((path) =>
        readFileSync(path, 'utf8').includes(
          'href="../reviews/2025-06-10-product-images-missing-after-dns-change.html"',
        ),
      );
    expect(linking.length).toBeGreaterThan(0);
    const linkingBefore = linking.map((path) => statSync(path).mtimeMs);
    const home = join(out, 'index.html');
    const board = join(out, 'actions.html');
    const [homeBefore, boardBefore] = [statSync(home).mtimeMs, statSync(board).mtimeMs];
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nA closing note with the word wombatish.\n`);
    const result = await build([source], out, '--format', 'json');
    expect(JSON.parse(result.stdout)).toMatchObject({ incremental: true, rendered: 1 });
    expect(linking.map((path) => statSync(path).mtimeMs)).toEqual(linkingBefore);
    expect(statSync(home).mtimeMs).toBe(homeBefore);
    expect(statSync(board).mtimeMs).toBe(boardBefore);
    expect(readFileSync(join(out, edited), 'utf8')).toContain('wombatish');
    // A warm build keeps the similar reviews the page showed (a cold one recomputes every list).
    expect(similar()).toEqual(similarBefore);
    expect(searchIndexFor(out, 'wombatish')).toEqual([
      'reviews/2025-06-10-product-images-missing-after-dns-change.html',
    ]);
  });

  it('redraws the board and actions.csv when an action item is ticked, not the pages over all reviews', async () => {
    const file = join(source, '2024-03-08-checkout-db-connection-storm.md');
    const item = 'Put PgBouncer in transaction mode';
    // As the board and actions.csv show it (a later review carries over a longer version of the same item).
    const shown = 'Put PgBouncer in transaction mode in front of pg-main OPS-214';
    const shared = ['index.html', 'insights.html', 'services/checkout.html', 'feed.xml'].map((p) =>
      join(out, p),
    );
    const before = shared.map((path) => statSync(path).mtimeMs);
    expect(readFileSync(join(out, 'actions.html'), 'utf8')).toContain(shown);
    writeFileSync(file, readFileSync(file, 'utf8').replace(`- [ ] ${item}`, `- [x] ${item}`));
    const result = await build([source], out, '--format', 'json');
    expect(JSON.parse(result.stdout)).toMatchObject({ incremental: true, rendered: 1 });
    // Done items are counted on the board, not listed.
    expect(readFileSync(join(out, 'actions.html'), 'utf8')).not.toContain(shown);
    const row = readFileSync(join(out, 'actions.csv'), 'utf8')
      .split('\r\n')
      .find((line) => line.includes(`,${shown},`));
    expect(row).toMatch(/,true,/);
    expect(shared.map((path) => statSync(path).mtimeMs)).toEqual(before);
  });

  it('works out the themes of an edited review again when its causes changed, and keeps them when not', async () => {
    const name = '2025-06-10-product-images-missing-after-dns-change.md';
    const themesOf = () => {
      // The cache's record of the file: its delta (a warm build's) holds it after an edit.
      const lines = readFileSync(join(out, '.hindsight/build-cache-delta.jsonl'), 'utf8').split('\n');
      const files = Object.keys((JSON.parse(lines[0] ?? '{}') as { files: object }).files);
      const records = JSON.parse(lines[files.indexOf(join(source, name)) + 1] ?? '[]') as {
        themes: string[];
      }[];
      return records[0]?.themes;
    };
    const file = join(source, name);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nAnother closing note.\n`);
    await build([source], out);
    const before = themesOf();
    expect(before).toContain('dns');
    expect(before).not.toContain('disk-full');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        /## Root cause\n/i,
        '## Root cause\n\nThe origin server ran out of disk space: no space left on device.\n',
      ),
    );
    await build([source], out);
    expect(themesOf()).toContain('disk-full');
  });

  it('removes the page of a deleted review and its empty lists', async () => {
    rmSync(join(source, '2024-01-17-ci-runner-disks-full.md'));
    const result = await build([source], out, '--format', 'json');
    expect(JSON.parse(result.stdout)).toMatchObject({ reviews: 9 });
    expect(existsSync(join(out, 'reviews/2024-01-17-ci-runner-disks-full.html'))).toBe(false);
    expect(pageOf(out, 'index.html').querySelectorAll('.review-row')).toHaveLength(9);
    expect(deadLinks(out)).toEqual([]);
  });
  it('rebuilds in full when the site was cleared by hand', async () => {
    rmSync(join(out, 'index.html'));
    rmSync(join(out, 'reviews/2024-05-14-api-gateway-502s-after-release.html'));
    const result = await build([source], out, '--format', 'json');
    expect(JSON.parse(result.stdout)).toMatchObject({ incremental: false, rendered: 9 });
    expect(existsSync(join(out, 'reviews/2024-05-14-api-gateway-502s-after-release.html'))).toBe(true);
    expect(deadLinks(out)).toEqual([]);
  });
});

describe('a build on a new day', () => {
  it('renders again only the reviews whose action items turned overdue, redraws the board, and equals a cold build', async () => {
    const source = join(temp, 'new-day-src');
    const out = join(temp, 'new-day-site');
    cpSync(EXAMPLES, source, { recursive: true });
    const at = async (today: string, site: string) =>
      JSON.parse(
        (await runCli(['build', source, '--out', site, '--today', today, '--format', 'json'], REPO_ROOT))
          .stdout,
      ) as BuildResult;
    expect((await at('2026-10-01', out)).incremental).toBe(false);
    const oom = 'reviews/2026-10-13-search-api-oom-kills.html';
    expect(readFileSync(join(out, oom), 'utf8')).not.toContain('overdue');
    const untouched = 'reviews/2024-01-17-ci-runner-disks-full.html';
    const before = statSync(join(out, untouched)).mtimeMs;
    // Due 2026-10-20: open on October 1, overdue on November 21. Every other item was overdue already.
    const warm = await at('2026-11-21', out);
    expect(warm).toMatchObject({ incremental: true, rendered: 1 });
    expect(readFileSync(join(out, oom), 'utf8')).toContain('class="action-overdue"');
    expect(statSync(join(out, untouched)).mtimeMs).toBe(before);
    const cold = join(temp, 'new-day-cold');
    expect((await at('2026-11-21', cold)).incremental).toBe(false);
    for (const path of [oom, 'actions.html', 'actions.csv', 'feed.xml', 'index.html', 'insights.html']) {
      const [a, b] = [out, cold].map((site) => readFileSync(join(site, path), 'utf8'));
      expect(firstDifference(a as string, b as string), path).toBeNull();
    }
  });
});

/** Where two texts first differ, with some context; null when they are equal. */
function firstDifference(a: string, b: string): string | null {
  if (a === b) return null;
  let i = 0;
  while (a[i] === b[i]) i++;
  return `at ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 80), i + 80))} vs ${JSON.stringify(b.slice(Math.max(0, i - 80), i + 80))}`;
}

/** A warm build as `hindsight build` runs it, or as `build --watch` does: in one process, the cache kept in memory. */
const WARM_BUILDS = [
  { name: 'disk', how: 'from the cache on disk', memory: null },
  {
    name: 'memory',
    how: 'from the cache kept in memory (build --watch)',
    memory: { kept: null } as BuildMemory,
  },
];

describe.each(WARM_BUILDS)(
  'a warm build $how draws the pages over all reviews as a cold one does',
  ({ name, memory }) => {
    const source = join(temp, `same-src-${name}`);
    const out = join(temp, `same-site-${name}`);
    let colds = 0;
    /** What a warm build redraws only when their data changed (review pages keep their similar lists, so not those). */
    const shared = (site: string) =>
      siteFiles(site).filter(
        (p) =>
          /^(?:index|actions|insights|attention)\.html$|^(?:actions\.csv|feed\.xml|reviews\.json)$/.test(p) ||
          /^(?:services|tags|severity|years)\//.test(p),
      );
    const edit = (name: string, change: (text: string) => string) => {
      const file = join(source, name);
      const text = readFileSync(file, 'utf8');
      expect(change(text)).not.toBe(text);
      writeFileSync(file, change(text));
    };
    const mtimes = (paths: readonly string[]) => paths.map((p) => statSync(join(out, p)).mtimeMs);
    const warmBuild = async (): Promise<BuildResult> => {
      if (memory === null)
        return JSON.parse((await build([source], out, '--format', 'json')).stdout) as BuildResult;
      const options = { inputs: [source], cwd: REPO_ROOT, outDir: out, baseUrl: null, editUrl: null };
      return buildSite({ ...options, today: TODAY, memory });
    };
    /** Builds warm, then cold into a fresh folder, and holds every shared file of the two equal. */
    const warmEqualsCold = async () => {
      expect((await warmBuild()).incremental).toBe(true);
      const cold = join(temp, `same-cold-${name}-${colds++}`);
      expect((await build([source], cold)).code).toBe(0);
      expect(shared(out)).toEqual(shared(cold));
      for (const path of shared(cold)) {
        const [a, b] = [out, cold].map((site) => readFileSync(join(site, path), 'utf8'));
        // A warm build rewrites reviews.json in place, padded where a review shrank: the same JSON, not the same bytes.
        if (path === 'reviews.json') expect(JSON.parse(a as string)).toEqual(JSON.parse(b as string));
        else expect(firstDifference(a as string, b as string), path).toBeNull();
      }
    };

    beforeAll(async () => {
      cpSync(EXAMPLES, source, { recursive: true });
      expect((await build([source], out)).code).toBe(0);
      // The first build in memory reads the cache from disk, as the build before watching does.
      if (memory) expect((await warmBuild()).incremental).toBe(true);
    });

    it('after a title changed: home, its lists, board and feed redrawn; the charts left alone', async () => {
      const lists = siteFiles(out).filter((p) => /^(?:services|tags|severity|years)\/(?!index)/.test(p));
      const before = new Map(lists.map((p) => [p, statSync(join(out, p)).mtimeMs]));
      const charts = mtimes(['insights.html']);
      edit('2024-08-22-login-tls-certificate-expired.md', (t) =>
        t.replace('title: Login and authenticated', 'title: Sign-in and authenticated'),
      );
      const result = await warmBuild();
      // Reviews that name it among their similar ones were rendered again, but their lists are not redrawn for it.
      expect(result.rendered).toBeGreaterThan(1);
      const edited = reviewsOf(out).find((r) => r.title?.startsWith('Sign-in and authenticated'));
      const itsLists = [
        ...(edited?.services ?? []).map((key) => `services/${key}.html`),
        ...(edited?.tags ?? []).map((key) => `tags/${key}.html`),
        `severity/${edited?.severity?.level}.html`,
        `years/${edited?.date?.slice(0, 4)}.html`,
      ];
      const redrawn = lists.filter((p) => statSync(join(out, p)).mtimeMs !== before.get(p));
      expect(redrawn.sort()).toEqual(itsLists.sort());
      await warmEqualsCold();
      expect(readFileSync(join(out, 'actions.html'), 'utf8')).toContain('Sign-in and authenticated');
      expect(mtimes(['insights.html'])).toEqual(charts);
    });

    it('after a summary changed: the board and the charts left alone', async () => {
      const untouched = mtimes(['actions.html', 'actions.csv', 'insights.html']);
      edit('2024-08-22-login-tls-certificate-expired.md', (t) =>
        t.replace('The TLS certificate for', 'The public TLS certificate for'),
      );
      await warmEqualsCold();
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('The public TLS certificate for');
      expect(mtimes(['actions.html', 'actions.csv', 'insights.html'])).toEqual(untouched);
    });

    it('after a severity changed, an item ticked, a review added and one removed', async () => {
      edit('2024-01-17-ci-runner-disks-full.md', (t) => t.replace('severity: P4', 'severity: P2'));
      await warmEqualsCold();
      edit('2024-01-17-ci-runner-disks-full.md', (t) =>
        t.replace('- [ ] Post an automatic', '- [x] Post an automatic'),
      );
      await warmEqualsCold();
      const added = join(source, '2026-11-01-ci-runner-disks-full-again.md');
      writeFileSync(
        added,
        readFileSync(join(source, '2024-01-17-ci-runner-disks-full.md'), 'utf8')
          .replace('date: 2024-01-17', 'date: 2026-11-01')
          .replace(/^title: .*$/m, 'title: CI runners out of disk again')
          .replace(/^- \[[ x]\] .*$/gm, ''),
      );
      await warmEqualsCold();
      // A review without action items is not on the board: its new title leaves the board alone.
      const board = mtimes(['actions.html', 'actions.csv']);
      edit('2026-11-01-ci-runner-disks-full-again.md', (t) =>
        t.replace('title: CI runners out of disk again', 'title: CI runners out of disk once more'),
      );
      await warmEqualsCold();
      expect(mtimes(['actions.html', 'actions.csv'])).toEqual(board);
      rmSync(join(source, '2025-09-23-search-404s-after-ingress-nginx-upgrade.md'));
      await warmEqualsCold();
    });
  },
);

describe('the build cache over several warm builds', () => {
  const source = join(temp, 'cache-src');
  const out = join(temp, 'cache-site');
  const base = join(out, '.hindsight/build-cache.jsonl');
  const delta = join(out, '.hindsight/build-cache-delta.jsonl');
  const edit = (name: string, change: (text: string) => string) =>
    writeFileSync(join(source, name), change(readFileSync(join(source, name), 'utf8')));

  it('writes only a delta on warm builds and keeps reviews.json as a cold build writes it', async () => {
    cpSync(EXAMPLES, source, { recursive: true });
    expect((await build([source], out)).code).toBe(0);
    const baseWritten = statSync(base).mtimeMs;
    expect(existsSync(delta)).toBe(false);
    // A longer review early in the order shifts every later one in reviews.json; then a new file, a removed one,
    // and the first review made shorter again.
    edit('2024-01-17-ci-runner-disks-full.md', (t) => `${t}\n${'A much longer closing note. '.repeat(40)}\n`);
    expect(JSON.parse((await build([source], out, '--format', 'json')).stdout)).toMatchObject({
      incremental: true,
    });
    cpSync(join(source, '2024-03-08-checkout-db-connection-storm.md'), join(source, '2026-01-02-copy.md'));
    rmSync(join(source, '2025-06-10-product-images-missing-after-dns-change.md'));
    await build([source], out);
    edit('2024-01-17-ci-runner-disks-full.md', (t) => t.replace(/\nA much longer closing note[^\n]*\n$/, ''));
    await build([source], out);
    expect(statSync(base).mtimeMs).toBe(baseWritten);
    const records = (path: string) =>
      Object.keys((JSON.parse(readFileSync(path, 'utf8').split('\n')[0] ?? '') as { files: object }).files)
        .length;
    expect(records(delta)).toBeLessThan(records(base));
    const again = JSON.parse((await build([source], out, '--format', 'json')).stdout) as object;
    expect(again).toMatchObject({ incremental: true, rendered: 0, reviews: 10 });

    const cold = join(temp, 'cache-cold');
    await build([source], cold);
    expect(reviewsOf(out)).toEqual(reviewsOf(cold));
    expect(reviewsOf(out).map((r) => r.source.path)).toContainEqual(
      expect.stringMatching(/2026-01-02-copy\.md$/),
    );
    expect(deadLinks(out)).toEqual([]);
  });

  it('keeps reviews.json equal to a cold build through edits that grow, shrink, add and remove reviews', async () => {
    const source = join(temp, 'json-src');
    const out = join(temp, 'json-site');
    const cold = join(temp, 'json-cold');
    cpSync(EXAMPLES, source, { recursive: true });
    await build([source], out);
    // Each step: which review (by position, in name order) and what happens to it. A few words fit the room its
    // chunk has; a long paragraph moves every chunk after it; a cut shrinks it; removing one moves the rest back.
    const steps: [number, 'line' | 'paragraph' | 'cut' | 'remove' | 'copy'][] = [
      [6, 'line'],
      [0, 'paragraph'],
      [3, 'cut'],
      [2, 'remove'],
      [0, 'line'],
      [5, 'copy'],
      [0, 'remove'],
      [4, 'paragraph'],
      [7, 'cut'],
    ];
    for (const [step, [position, change]] of steps.entries()) {
      const names = readdirSync(source)
        .filter((name) => name.endsWith('.md'))
        .sort();
      const name = names[position] as string;
      const path = join(source, name);
      const text = readFileSync(path, 'utf8');
      if (change === 'line') writeFileSync(path, `${text}\nStep ${step} adds a line.\n`);
      else if (change === 'paragraph')
        writeFileSync(path, `${text}\n${`Step ${step} adds a long paragraph. `.repeat(60)}\n`);
      else if (change === 'cut') writeFileSync(path, text.slice(0, Math.floor(text.length * 0.8)));
      else if (change === 'remove') rmSync(path);
      else cpSync(path, join(source, `${name.slice(0, 10)}-copy.md`));
      await build([source], out);
      rmSync(cold, { recursive: true, force: true });
      await build([source], cold);
      expect(reviewsOf(out), `step ${step}: ${change} ${name}`).toEqual(reviewsOf(cold));
    }
  });

  it('copies a review bigger than the block reviews.json is written in whole, between the others', async () => {
    const source = join(temp, 'big-src');
    const out = join(temp, 'big-site');
    cpSync(EXAMPLES, source, { recursive: true });
    const name = '2024-03-08-checkout-db-connection-storm.md';
    const text = readFileSync(join(source, name), 'utf8');
    // Lessons, which cause themes do not read: 2.5 MB of them take a moment to parse, not to match.
    writeFileSync(
      join(source, name),
      `${text}\n## Lessons learned\n\n${'The pool was too small. '.repeat(110_000)}\n`,
    );
    expect((await build([source], out)).code).toBe(0);
    const parsed = JSON.parse(
      (await runCli(['parse', source, '--format', 'json'], REPO_ROOT)).stdout,
    ) as Review[];
    expect(statSync(join(out, 'reviews.json')).size).toBeGreaterThan(2.5 * 1024 * 1024);
    expect(reviewsOf(out)).toEqual(parsed.filter((r) => r.isReview));
  });

  it('builds cold again when reviews.json was left half written', async () => {
    const json = join(out, 'reviews.json');
    writeFileSync(json, readFileSync(json).subarray(0, 1000));
    expect(JSON.parse((await build([source], out, '--format', 'json')).stdout)).toMatchObject({
      incremental: false,
    });
    expect(JSON.parse(readFileSync(json, 'utf8'))).toHaveLength(10);
  });
});

describe('bad input', () => {
  const source = join(temp, 'bad-src');
  const out = join(temp, 'bad-site');
  let result: Awaited<ReturnType<typeof build>>;

  beforeAll(async () => {
    mkdirSync(source, { recursive: true });
    writeFileSync(
      join(source, '2025-01-02-broken.md'),
      [
        '---',
        'title: "Broken front matter',
        'severity: [P1',
        '---',
        '',
        '# Broken review',
        '',
        '## Summary',
        '',
        'Payments failed. <script>alert("x")</script> <img src=x onerror=alert(1)>',
        'See [the graph](graphs/missing.png) and [click](javascript:alert(1)).',
        'Jekyll drew ![the chart]({{site.baseurl}}/images/chart.png) here.',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(source, '2025-02-02-screenshot.md'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2]),
    );
    cpSync(
      join(EXAMPLES, '2024-08-22-login-tls-certificate-expired.md'),
      join(source, '2024-08-22-login-tls-certificate-expired.md'),
    );
    result = await build([source], out);
  });

  it('still builds, exits 1 and says which review needs attention and which link is broken', () => {
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/2025-01-02-broken\.md: needs attention/);
    expect(result.stderr).toMatch(/2025-02-02-screenshot\.md: needs attention/);
    expect(result.stderr).toMatch(/2025-01-02-broken\.md: broken link to .*graphs\/missing\.png/);
    expect(result.stderr).not.toMatch(/site\.baseurl|chart\.png/);
    expect(result.stdout).toMatch(/^Built \d+ pages/);
  });

  it('gives the broken review a page with its diagnostics, and lists it as needing attention', () => {
    const files = siteFiles(out);
    const page = files.find((f) => f.startsWith('reviews/2025-01-02-broken')) as string;
    const document = pageOf(out, page);
    expect(document.querySelector('.diagnostics.has-errors h2')?.textContent).toMatch(/Needs attention/);
    const attention = pageOf(out, 'attention.html');
    expect(attention.querySelectorAll('.review-row')).toHaveLength(1);
    expect(attention.body.textContent).toMatch(/2025-02-02-screenshot\.md: File is binary/);
    expect(pageOf(out, 'index.html').querySelector('.attention')?.textContent).toBe('needs attention');
  });

  it('neutralises raw HTML and script URLs in the review', () => {
    const page = siteFiles(out).find((f) => f.startsWith('reviews/2025-01-02-broken')) as string;
    const document = pageOf(out, page);
    expect(document.querySelectorAll('script')).toHaveLength(0);
    // The raw <img> keeps no handler (and its source, a missing file, is dropped and reported); the markdown one
    // loses its templated source.
    const images = [...document.querySelectorAll('img')];
    expect(images.map((img) => [img.getAttribute('alt'), img.getAttribute('src')])).toEqual([
      [null, null],
      ['the chart', null],
    ]);
    expect(images.flatMap((img) => img.getAttributeNames())).toEqual(['alt']);
    expect([...document.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '')).not.toContainEqual(
      expect.stringMatching(/^javascript:/),
    );
    const body = document.querySelector('.review-body')?.textContent ?? '';
    expect(body).toContain('Payments failed.');
    expect(body).not.toContain('alert("x")');
    expect(result.stderr).toMatch(/2025-01-02-broken\.md: broken link to .*bad-src\/x\b/);
  });

  it('refuses an output folder that has other files in it, and one inside the reviews', async () => {
    const foreign = join(temp, 'foreign');
    mkdirSync(foreign, { recursive: true });
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    const refused = await build([source], foreign);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not empty and was not built by Hindsight/);
    expect(readFileSync(join(foreign, 'notes.txt'), 'utf8')).toBe('mine');
    expect((await build([source], source)).code).toBe(2);
  });

  it('never reads a site it built inside the reviews folder back as reviews', async () => {
    const reviews = join(temp, 'with-site-inside');
    cpSync(EXAMPLES, reviews, { recursive: true });
    const count = (stdout: string) => (JSON.parse(stdout) as { reviews: number }).reviews;
    const first = await build([reviews], join(reviews, 'published'), '--format', 'json');
    expect(existsSync(join(reviews, 'published', SITE_MARKER))).toBe(true);
    const again = await build([reviews], join(reviews, 'published-2'), '--format', 'json');
    expect(count(again.stdout)).toBe(count(first.stdout));
    const parsed = await runCli(['parse', reviews, '--format', 'json'], REPO_ROOT);
    expect((JSON.parse(parsed.stdout) as Review[]).length).toBe(count(first.stdout));
  });

  it('builds over a folder an earlier version built (its one-document cache), and drops that cache', async () => {
    const earlier = join(temp, 'earlier-version');
    mkdirSync(join(earlier, '.hindsight'), { recursive: true });
    writeFileSync(join(earlier, 'index.html'), '<!doctype html><title>old</title>');
    writeFileSync(join(earlier, '.hindsight/build-cache.json'), '{"version":"old"}');
    const result = await build([source], earlier, '--format', 'json');
    expect(JSON.parse(result.stdout)).toMatchObject({ incremental: false });
    expect(existsSync(join(earlier, '.hindsight/build-cache.json'))).toBe(false);
    expect(existsSync(join(earlier, '.hindsight/build-cache.jsonl'))).toBe(true);
  });

  it('builds nothing when an input does not exist', async () => {
    const untouched = join(temp, 'never-built');
    const missing = await build([join(temp, 'no-such-folder')], untouched);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file or folder: .*no-such-folder; nothing was built/);
    expect(existsSync(untouched)).toBe(false);
  });
});

describe.skipIf(!existsSync(CORPUS_DIR))(
  'hindsight build ../shared/corpus (skipped when the corpus is absent)',
  () => {
    const out = join(temp, 'corpus');
    let parsed: Review[] = [];
    let summary: { reviews: number; needsAttention: unknown[] } = { reviews: 0, needsAttention: [] };

    beforeAll(async () => {
      const result = await build([CORPUS_DIR], out, '--format', 'json');
      expect([0, 1]).toContain(result.code);
      summary = JSON.parse(result.stdout) as typeof summary;
      parsed = JSON.parse(
        (await runCli(['parse', CORPUS_DIR, '--format', 'json'], REPO_ROOT)).stdout,
      ) as Review[];
    }, 120_000);

    it('gives every review a page and lists every one on the home page', () => {
      const reviews = parsed.filter((r) => r.isReview);
      expect(summary.reviews).toBe(reviews.length);
      expect(pageOf(out, 'index.html').querySelectorAll('.review-row')).toHaveLength(reviews.length);
      expect(siteFiles(out).filter((f) => f.startsWith('reviews/'))).toHaveLength(reviews.length);
    });

    it('leaves no relative link pointing nowhere', () => {
      expect(deadLinks(out)).toEqual([]);
    });

    it('shows no HTML comment, escaped tag, unresolved reference link or footnote as text in a review', () => {
      const shown = siteFiles(out)
        .filter((f) => f.startsWith('reviews/'))
        .flatMap((f) => {
          const body = pageOf(out, f).querySelector('.review-body');
          for (const code of body?.querySelectorAll('code') ?? []) code.remove();
          const text = body?.textContent ?? '';
          return [/<!--/, /<\/?(?:details|summary|img|br|blockquote)\b/, /\]\[[^\]\n]+\]/, /\[\^[^\]\s]+\]/]
            .filter((pattern) => pattern.test(text))
            .map((pattern) => `${f}: ${pattern.source}`);
        });
      expect(shown).toEqual([]);
    });

    it('writes every review to reviews.json', () => {
      const json = reviewsOf(out);
      expect(json.map((r) => r.source.path).sort()).toEqual(
        parsed
          .filter((r) => r.isReview)
          .map((r) => r.source.path)
          .sort(),
      );
    });
  },
);

describe('hindsight build --watch', () => {
  const source = join(temp, 'watch-src');
  const out = join(temp, 'watch-site');
  let stdout = '';
  let stderr = '';
  let stop: () => void = () => undefined;
  let running: Promise<number> = Promise.resolve(0);
  const lines = () => stdout.split('\n').filter((line) => line !== '');
  /** Saved as editors do (a hidden temp file renamed over it), so no build can read it half written. */
  const saveAs = (file: string, text: string) => {
    const temp = join(dirname(file), `.${basename(file)}.tmp`);
    writeFileSync(temp, text);
    renameSync(temp, file);
  };
  /** Resolves once stdout has this many lines (each build is one line of JSON). */
  const builds = async (count: number) => {
    await vi.waitFor(() => expect(lines().length).toBeGreaterThanOrEqual(count), {
      timeout: 10_000,
      interval: 20,
    });
    return lines().map((line) => JSON.parse(line) as BuildResult);
  };

  beforeAll(async () => {
    cpSync(EXAMPLES, source, { recursive: true });
    const io = {
      argv: [],
      cwd: REPO_ROOT,
      env: {},
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: { write: (chunk: string) => (stderr += chunk) },
    };
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const argv = [source, '--out', out, '--today', TODAY, '--watch', '--format', 'json'];
    running = buildCommand.run(io, argv, { wait: () => stopped });
    await builds(1);
  });

  afterAll(async () => {
    stop();
    await running;
  });

  it('builds, then builds again each time a review changes, until stopped', async () => {
    const [first] = await builds(1);
    expect(first?.incremental).toBe(false);
    const file = join(source, '2024-08-22-login-tls-certificate-expired.md');
    saveAs(file, readFileSync(file, 'utf8').replace('title: Login and', 'title: Watched login and'));
    const [, second] = await builds(2);
    expect(second).toMatchObject({ incremental: true, reviews: first?.reviews });
    expect(second?.rendered).toBeGreaterThanOrEqual(1);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('Watched login and');

    // A new review is built too.
    saveAs(
      join(source, '2026-11-20-watched-outage.md'),
      '---\ntitle: Watched outage\ndate: 2026-11-20\nseverity: P3\n---\n\n## Summary\n\nA short one.\n',
    );
    const [, , third] = await builds(3);
    expect(third?.reviews).toBe((first?.reviews ?? 0) + 1);
    expect(existsSync(join(out, 'reviews/2026-11-20-watched-outage.html'))).toBe(true);
    expect(stderr).toBe('');

    stop();
    expect(await running).toBe(0);
    expect(lines()).toHaveLength(3);
  });
});
