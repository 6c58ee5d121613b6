import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/serve.js';
import { ARTIFACTS_DIR, launchBrowser } from '../browser.js';
import { tempReviews, type TempFolder } from './fixtures.js';
import { listening } from './helpers.js';

let folder: TempFolder;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  folder = tempReviews();
  server = await listening(folder.reviews);
  browser = await launchBrowser();
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  folder?.cleanup();
});

const FILE = '2025-09-09-webhook-deliveries-delayed.md';

/** A new page on the editor of the review whose page key is `key`, and the review's file. */
async function openEditor(key: string): Promise<{ page: Page; file: string }> {
  const page = await browser.newPage();
  await page.goto(new URL(`/reviews/${key}/edit`, server.url).href);
  return { page, file: join(folder.reviews, `${key}.md`) };
}
const WRITTEN = `---
title: Webhook deliveries delayed
date: 2025-09-09
severity: P3
status: draft
services: [webhooks]
---

# Webhook deliveries delayed

## Summary

Webhook deliveries queued behind a stuck zeppelin worker for forty minutes.

## Timeline

- 10:00 Worker stops acknowledging jobs
- 10:25 Queue depth alert fires
- 10:40 Worker restarted; backlog drains

## Impact

Customers received webhooks up to forty minutes late.

## Root cause

The worker's heartbeat did not cover a blocking call.

## Action items

- [ ] Add a timeout to the blocking call @ana due:2025-10-01 [HOOK-7](https://tracker.example.com/HOOK-7)
`;

describe('authoring in a real browser (Debian Chromium)', () => {
  it('creates a review, finds it in the list and in search, ticks an action item, and the file says so', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });

    await page.goto(server.url);
    await page.getByRole('link', { name: 'New review' }).click();
    await page.getByLabel('Title').fill('Webhook deliveries delayed');
    await page.getByLabel('Day the impact began').fill('2025-09-09');
    await page.getByRole('button', { name: 'Create and edit' }).click();
    await page.waitForURL(/\/reviews\/2025-09-09-webhook-deliveries-delayed\/edit$/);
    expect(readFileSync(join(folder.reviews, FILE), 'utf8')).toContain('## Action items');

    // Write the review; the preview and the lint panel follow the text.
    await page.locator('#markdown').fill(WRITTEN.replace(/## Impact[^#]*/, ''));
    await expect.poll(() => page.locator('#preview').textContent()).toContain('stuck zeppelin worker');
    await expect.poll(() => page.locator('#diagnostics').textContent()).toContain('missing-section');
    await page.locator('#markdown').fill(WRITTEN);
    await expect.poll(() => page.locator('#preview').textContent()).toContain('up to forty minutes late');
    await expect.poll(() => page.locator('#diagnostics').textContent()).not.toContain('missing-section');
    expect(await page.locator('#diagnostics').textContent()).not.toContain('file-name');
    await page.getByLabel('Status').selectOption('in-review');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#save-state').textContent()).toBe('Saved');
    expect(readFileSync(join(folder.reviews, FILE), 'utf8')).toBe(
      WRITTEN.replace('status: draft', 'status: in-review'),
    );
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'server-editor.png'), fullPage: true });

    await page.goto(server.url);
    await expect.poll(() => page.getByRole('link', { name: 'Webhook deliveries delayed' }).count()).toBe(1);

    await page.goto(new URL('/search?q=zeppelin', server.url).href);
    await page.getByRole('link', { name: 'Webhook deliveries delayed' }).click();
    await page.waitForURL(/\/reviews\/2025-09-09-webhook-deliveries-delayed$/);

    await page.getByRole('button', { name: /Mark as done: Add a timeout to the blocking call/ }).click();
    await page.waitForURL(/\/reviews\/2025-09-09-webhook-deliveries-delayed$/);
    await expect
      .poll(() => page.getByRole('button', { name: /Mark as not done: Add a timeout/ }).count())
      .toBe(1);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'server-review.png'), fullPage: true });
    expect(readFileSync(join(folder.reviews, FILE), 'utf8')).toContain(
      '- [x] Add a timeout to the blocking call @ana due:2025-10-01',
    );
    expect(errors).toEqual([]);
  });

  it('shows a conflict when the file changed on disk while it was open, and saves the merge', async () => {
    const { page, file } = await openEditor('2025-03-02-checkout-db-failover');
    const onDisk = readFileSync(file, 'utf8').replace(
      '## Impact',
      '## Impact\n\nAdded on disk by a teammate.',
    );
    writeFileSync(file, onDisk);
    const mine = onDisk
      .replace('Added on disk by a teammate.', '')
      .replace('twenty minutes', 'twenty-one minutes');
    await page.locator('#markdown').fill(mine);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('#conflict').isVisible()).toBe(true);
    expect(await page.locator('#merge-diff').textContent()).toContain('- Added on disk by a teammate.');
    expect(readFileSync(file, 'utf8')).toBe(onDisk);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'server-conflict.png'), fullPage: true });
    // Merge: keep the teammate's line and mine, then save over the version now on disk.
    const merged = onDisk.replace('twenty minutes', 'twenty-one minutes');
    await page.locator('#markdown').fill(merged);
    await page.getByRole('button', { name: 'Save my text over the new version' }).click();
    await expect.poll(() => page.locator('#save-state').textContent()).toBe('Saved');
    expect(readFileSync(file, 'utf8')).toBe(merged);
  });

  it('keeps the text when the file was deleted while it was open, and saves it as a new review', async () => {
    const { page, file } = await openEditor('2024-08-22-login-certificate-expired');
    const mine = readFileSync(file, 'utf8').replace(
      '## Impact',
      '## Impact\n\nWritten after the file was deleted.',
    );
    rmSync(file);
    await page.locator('#markdown').fill(mine);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() => page.locator('#save-state').textContent())
      .toMatch(/^Not saved: the file of this review is gone/);
    expect(existsSync(file)).toBe(false);
    // The new review's editor is at the same address as the old one: wait for the page to load again.
    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Save as a new review' }).click();
    await reloaded;
    expect(page.url()).toMatch(/\/reviews\/2024-08-22-login-certificate-expired\/edit$/);
    expect(readFileSync(file, 'utf8')).toBe(mine);
    expect(await page.locator('#markdown').inputValue()).toBe(mine);
  });
});
