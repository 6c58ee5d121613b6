import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Review } from '../../src/model/review.js';
import { ARTIFACTS_DIR, launchBrowser } from '../browser.js';
import { REPO_ROOT, runCli } from '../helpers.js';

/**
 * The built site in real Chromium, opened from file:// (the hardest place: no fetch, no modules), as a reader
 * would: search for a word only one review has and land on it, follow a service link, see the insights charts,
 * filter the home page. axe-core checks every page type for serious or critical accessibility violations.
 */
const EXAMPLES = join(REPO_ROOT, 'examples', 'incidents');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const temp = mkdtempSync(join(tmpdir(), 'hindsight-browser-'));
const out = join(temp, 'site');
let browser: Browser;
let page: Page;
let reviews: Review[] = [];

const url = (path: string) => pathToFileURL(join(out, path)).href;

async function shot(name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `site-${name}.png`), fullPage: true });
}

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

async function seriousViolations(): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = (await page.evaluate('axe.run().then((result) => result.violations)')) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

beforeAll(async () => {
  const built = await runCli(['build', EXAMPLES, '--out', out, '--today', '2026-11-21'], REPO_ROOT);
  expect(built.code).toBe(0);
  reviews = JSON.parse(readFileSync(join(out, 'reviews.json'), 'utf8')) as Review[];
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('pageerror', (error) => {
    throw error;
  });
});

afterAll(async () => {
  await browser?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('the built site in Chromium', () => {
  it('finds a word that occurs in one review only and lands on that review', async () => {
    const word = 'facet';
    const holders = reviews.filter((r) => JSON.stringify(r).toLowerCase().includes(word));
    expect(holders).toHaveLength(1);
    const target = holders[0] as Review;

    await page.goto(url('index.html'));
    await shot('home');
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByRole('searchbox').fill(word);
    await page.keyboard.press('Enter');
    const results = page.locator('#search-results li');
    await results.first().waitFor();
    expect(await results.count()).toBe(1);
    await expect.poll(() => page.locator('#search-status').textContent()).toMatch(/^1 results? for/);
    await shot('search');
    await results.first().getByRole('link').click();
    await page.waitForURL(/reviews\//);
    expect(page.url()).toBe(url(`reviews/${target.id}.html`));
    expect(await page.locator('h1').textContent()).toBe(target.title);
    await shot('review');
  });

  it('follows a service link to the list of that service', async () => {
    const review = reviews.find((r) => r.services.includes('checkout')) as Review;
    await page.goto(url(`reviews/${review.id}.html`));
    await page.locator('.facts').getByRole('link', { name: 'checkout', exact: true }).click();
    await page.waitForURL(/services\/checkout\.html$/);
    expect(await page.locator('h1').textContent()).toBe('Service: checkout');
    const listed = await page.locator('.review-row h3 a').allTextContents();
    expect(listed).toContain(review.title);
    expect(listed).toHaveLength(reviews.filter((r) => r.services.includes('checkout')).length);
    await shot('service');
  });

  it('shows the insights charts', async () => {
    await page.goto(url('index.html'));
    await page.getByRole('link', { name: 'Insights' }).click();
    await page.waitForURL(/insights\.html$/);
    const charts = page.locator('figure.chart > svg');
    expect(await charts.count()).toBe(3);
    for (const chart of await charts.all()) {
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(200);
      expect(box?.height).toBeGreaterThan(100);
    }
    expect(await page.locator('figure.chart > svg rect').count()).toBeGreaterThan(10);
    await shot('insights');
  });

  it('filters the home page by service', async () => {
    await page.goto(url('index.html'));
    await page.getByLabel('Service').selectOption('checkout');
    const visible = page.locator('.review-row:visible');
    await expect
      .poll(() => visible.count())
      .toBe(reviews.filter((r) => r.services.includes('checkout')).length);
    expect(await page.locator('#filter-count').textContent()).toMatch(/of 10 reviews/);
  });

  it.each([
    'index.html',
    'reviews/2024-03-08-checkout-db-connection-storm.html',
    // A log line wider than the page (a box that scrolls) and a <details> written in the review.
    'reviews/2026-10-13-search-api-oom-kills.html',
    'insights.html',
    'actions.html',
    'search.html',
    'services/checkout.html',
  ])('has no serious or critical accessibility violations: %s', async (path) => {
    await page.goto(url(path));
    expect(await seriousViolations()).toEqual([]);
  });

  it('follows the reader in dark mode, prints without navigation and fits a phone', async () => {
    const review = url('reviews/2024-03-08-checkout-db-connection-storm.html');
    const background = () => page.evaluate('getComputedStyle(document.body).backgroundColor');
    await page.goto(review);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    expect(dark).not.toBe(light);
    await shot('review-dark');
    await page.emulateMedia({ colorScheme: 'light', media: 'print' });
    expect(await page.locator('.site-header nav').isVisible()).toBe(false);
    await shot('review-print');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url('index.html'));
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('home-phone');
    await page.setViewportSize({ width: 1200, height: 900 });
  });

  it('reaches the main content with the skip link from the keyboard', async () => {
    await page.goto(url('index.html'));
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await page.keyboard.press('Enter');
    // Following the link is not done when press() returns: a busy machine showed the old URL.
    await page.waitForURL(/#main$/, { timeout: 5000 });
    expect(page.url()).toMatch(/#main$/);
  });

  it('takes a footnote reference to its note, scrolls a long log line by keyboard and prints collapsed details open', async () => {
    await page.goto(url('reviews/2026-10-13-search-api-oom-kills.html'));
    await page.locator('.section-root-cause sup.footnote-ref a').click();
    await page.waitForURL(/#fn1$/, { timeout: 5000 });
    expect(await page.locator('.section-action-items li#fn1').textContent()).toMatch(/71% of in-use space/);
    const log = page.locator('.section-root-cause pre').first();
    await log.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => log.evaluate((pre) => pre.scrollLeft)).toBeGreaterThan(0);
    await shot('review-footnote');
    const collapsed = page.locator('.section-root-cause details pre');
    expect(await collapsed.isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await collapsed.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });
});
