import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForeignDatabaseError } from '../../src/index/open-index.js';
import type { IndexedReview, IndexedReviewJson, Page } from '../../src/index/queries.js';
import { openReviewIndex, type ReviewIndex } from '../../src/index/review-index.js';
import { MATCH_END, MATCH_START } from '../../src/index/snippet.js';
import { contentHash } from '../../src/parse-cache.js';
import { tempReviews, type TempFolder } from '../server/fixtures.js';
import type { Review } from '../../src/model/review.js';
import { runCli } from '../helpers.js';

const PAGE = { limit: 50, offset: 0 };
let folder: TempFolder;
let index: ReviewIndex | null;

beforeEach(() => {
  folder = tempReviews();
  index = null;
});
afterEach(() => {
  index?.close();
  folder.cleanup();
});

async function open(path = join(folder.dir, 'index.sqlite')): Promise<ReviewIndex> {
  index?.close();
  index = openReviewIndex({ root: folder.reviews, path });
  await index.sync();
  return index;
}

describe('review index', () => {
  it('stores reviews with their etag and filters them', async () => {
    const idx = await open();
    const parsed = (page: Page<IndexedReviewJson>) =>
      page.items.map((json) => JSON.parse(json) as IndexedReview);
    const all = { ...idx.reviews(PAGE), items: parsed(idx.reviews(PAGE)) };
    expect(all.total).toBe(2);
    expect(all.items.map((r) => r.id)).toEqual([
      '2025-03-02-checkout-db-failover',
      '2024-08-22-login-certificate-expired',
    ]);
    const bytes = readFileSync(join(folder.reviews, '2025-03-02-checkout-db-failover.md'));
    expect(all.items[0]?.etag).toBe(contentHash(bytes));
    expect(parsed(idx.reviews({ ...PAGE, severity: 1 })).map((r) => r.id)).toEqual([
      '2024-08-22-login-certificate-expired',
    ]);
    expect(idx.reviews({ ...PAGE, service: 'POSTGRES' }).total).toBe(1);
    expect(idx.reviews({ ...PAGE, tag: 'tls' }).total).toBe(1);
    expect(idx.reviews({ ...PAGE, status: 'published' }).total).toBe(1);
    expect(idx.reviews({ ...PAGE, from: '2025-01-01' }).total).toBe(1);
    expect(idx.reviews({ ...PAGE, to: '2024-12-31' }).total).toBe(1);
    expect(parsed(idx.reviews({ limit: 1, offset: 1 })).map((r) => r.id)).toEqual([
      '2024-08-22-login-certificate-expired',
    ]);
  });

  it('leaves out the files the config ignores, on sync and when one of them changes', async () => {
    const draft = join(folder.reviews, 'drafts', '2025-04-01-half-written.md');
    mkdirSync(join(folder.reviews, 'drafts'));
    writeFileSync(draft, '# Half written\n\n## Summary\n\nNot done yet.\n');
    index = openReviewIndex({
      root: folder.reviews,
      selection: { ignore: ['drafts/**'], root: folder.reviews },
    });
    await index.sync();
    expect(index.reviews(PAGE).total).toBe(2);
    await index.refresh([draft]);
    expect(index.reviews(PAGE).total).toBe(2);
    index.close();
    index = openReviewIndex({ root: folder.reviews });
    await index.sync();
    expect(index.reviews(PAGE).total).toBe(3);
  });

  it('finds reviews by words, stems and prefixes, ranked, with marked snippets', async () => {
    const idx = await open();
    const hits = idx.search('certificate expir', PAGE);
    expect(hits.total).toBe(1);
    expect(hits.items[0]?.id).toBe('2024-08-22-login-certificate-expired');
    expect(hits.items[0]?.snippet).toContain(`${MATCH_START}certificate${MATCH_END}`);
    expect(idx.search('stalling', PAGE).items.map((h) => h.id)).toEqual(['2025-03-02-checkout-db-failover']); // "stalled", by stem
    expect(idx.search('"NEAR(', PAGE).total).toBe(0); // FTS syntax is just text
    expect(idx.search('incident reviews', PAGE).total).toBe(0); // the index page is not a review
  });

  it('lists action items with open, overdue and owner filters', async () => {
    const idx = await open();
    const today = '2025-03-10';
    expect(idx.actions({ ...PAGE, today }).total).toBe(3);
    const open_ = idx.actions({ ...PAGE, open: true, today });
    expect(open_.items.map((a) => a.owner)).toEqual(['sam', 'dana']);
    const overdue = idx.actions({ ...PAGE, overdue: true, today });
    expect(overdue.items.map((a) => [a.reviewId, a.n, a.overdue])).toEqual([
      ['2024-08-22-login-certificate-expired', 1, true],
    ]);
    expect(idx.actions({ ...PAGE, owner: '@Dana', today }).items.map((a) => a.n)).toEqual([1]);
  });

  it('touches only changed files on the next sync and drops deleted ones', async () => {
    const path = join(folder.dir, 'index.sqlite');
    await open(path);
    index?.close();
    index = openReviewIndex({ root: folder.reviews, path });
    expect(index.discarded).toBeNull();
    expect(await index.sync()).toEqual({ files: 3, changed: 0, removed: 0 });
    writeFileSync(
      join(folder.reviews, '2024-08-22-login-certificate-expired.md'),
      '# Login certificate expired\n\nShort.\n',
    );
    rmSync(join(folder.reviews, 'notes/index.md'));
    expect(await index.sync()).toEqual({ files: 2, changed: 1, removed: 1 });
    expect(index.review('2024-08-22-login-certificate-expired')?.summary).toBe('Short.');
  });

  it('refreshes single files, including deleted ones', async () => {
    const idx = await open();
    const file = join(folder.reviews, '2025-03-02-checkout-db-failover.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('status: draft', 'status: published'));
    const before = idx.generation;
    await idx.refresh([file]);
    expect(idx.review('2025-03-02-checkout-db-failover')?.status).toBe('published');
    expect(idx.generation).toBeGreaterThan(before);
    rmSync(file);
    await idx.refresh([file]);
    expect(idx.review('2025-03-02-checkout-db-failover')).toBeNull();
    expect(idx.search('vacuum', PAGE).total).toBe(0);
  });

  it('reads every format `parse` reads, converted, on sync and on refresh', async () => {
    const page = join(folder.reviews, '2023-05-09-queue-backlog.html');
    const htmlReview = (severity: string) =>
      `<!doctype html><html><head><title>Queue backlog</title></head><body>
<h1>Queue backlog</h1>
<p>Severity: ${severity}</p>
<h2>Summary</h2><p>The billing queue backed up for an hour.</p>
<h2>Timeline</h2><ul><li>2023-05-09 10:00 Consumers stop acking</li><li>2023-05-09 11:05 Consumers restarted</li></ul>
</body></html>\n`;
    writeFileSync(page, htmlReview('SEV2'));
    writeFileSync(
      join(folder.reviews, '2022-01-04-dns-outage.adoc'),
      '= DNS outage\n\n== Summary\n\nInternal names stopped resolving after a zone change.\n',
    );
    const idx = await open();
    const parsed = JSON.parse(
      (await runCli(['parse', page, '--format', 'json'], folder.reviews)).stdout,
    ) as Review[];
    const stored = idx.review('2023-05-09-queue-backlog');
    expect(stored?.source.format).toBe('html');
    expect(stored?.summary).toBe('The billing queue backed up for an hour.');
    expect(stored?.timeline).toEqual(parsed[0]?.timeline);
    expect(stored?.etag).toBe(contentHash(readFileSync(page)));
    expect(idx.review('2022-01-04-dns-outage')?.title).toBe('DNS outage');
    writeFileSync(page, htmlReview('SEV1'));
    await idx.refresh([page]);
    const refreshed = idx.review('2023-05-09-queue-backlog');
    expect(refreshed?.severity?.level).toBe(1);
    expect(refreshed?.source.format).toBe('html');
    expect(refreshed?.timeline).toEqual(parsed[0]?.timeline);
  });

  it('hands every document back, reading again only those that changed since the last time', async () => {
    const idx = await open();
    const byId = () => new Map(idx.allDocuments().map((d) => [d.review.id, d.review]));
    const first = byId();
    expect([...first.keys()].sort()).toEqual([
      '2024-08-22-login-certificate-expired',
      '2025-03-02-checkout-db-failover',
      'notes',
    ]);
    const file = join(folder.reviews, '2025-03-02-checkout-db-failover.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('status: draft', 'status: published'));
    await idx.refresh([file]);
    const second = byId();
    expect(second.get('2025-03-02-checkout-db-failover')?.status).toBe('published');
    expect(second.get('2024-08-22-login-certificate-expired')).toBe(
      first.get('2024-08-22-login-certificate-expired'),
    );
    rmSync(file);
    await idx.refresh([file]);
    expect(byId().has('2025-03-02-checkout-db-failover')).toBe(false);
  });

  it('rebuilds a damaged index file instead of trusting it', async () => {
    const path = join(folder.dir, 'index.sqlite');
    writeFileSync(path, 'this is not a database, just bytes that happen to be here '.repeat(200));
    const idx = await open(path);
    expect(idx.discarded).toMatch(/not a database/);
    expect(idx.reviews(PAGE).total).toBe(2);
  });

  it('rebuilds an index made for another folder or parser', async () => {
    const path = join(folder.dir, 'index.sqlite');
    await open(path);
    index?.close();
    index = null;
    const db = new Database(path);
    db.prepare("UPDATE meta SET value = 'old-parser /elsewhere' WHERE key = 'built-by'").run();
    db.close();
    const idx = await open(path);
    expect(idx.discarded).toMatch(/another parser/);
    expect(idx.reviews(PAGE).total).toBe(2);
  });

  it("refuses to overwrite a SQLite database that is not Hindsight's", () => {
    const path = join(folder.dir, 'other.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE precious (x)');
    db.close();
    expect(() => openReviewIndex({ root: folder.reviews, path })).toThrow(ForeignDatabaseError);
    expect(existsSync(path)).toBe(true);
  });
});
