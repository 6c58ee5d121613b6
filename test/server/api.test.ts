import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../src/server/api/contract.js';
import { bodyOf, CHECKOUT, CHECKOUT_FILE, json, testServer, type TestServer } from './helpers.js';

let server: TestServer;
beforeEach(async () => {
  server = await testServer();
});
afterEach(() => server.close());

const file = (name: string) => join(server.folder.reviews, name);
const request = (path: string, init: RequestInit = {}) => server.app.request(path, init);
const problem = async (response: Response) => {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await bodyOf(response)) as {
    code: string;
    status: number;
    detail: string;
    current?: { markdown: string; etag: string };
  };
};
const NEW_REVIEW = `---
title: Search cluster lost a node
date: 2025-05-05
severity: P3
---

# Search cluster lost a node

## Summary

One search node ran out of heap and left the cluster.

## Action items

- [ ] Raise the heap alert threshold @lee
`;

describe('reading', () => {
  it('lists reviews as {items, total} with filters and paging', async () => {
    const all = await bodyOf(await request('/api/reviews'));
    expect(all.total).toBe(2);
    expect(all.items[0]).toMatchObject({ id: CHECKOUT, isReview: true, etag: expect.any(String) });
    const p1 = await bodyOf(await request('/api/reviews?severity=P1'));
    expect(p1.items.map((r: { id: string }) => r.id)).toEqual(['2024-08-22-login-certificate-expired']);
    const second = await bodyOf(await request('/api/reviews?limit=1&offset=1'));
    expect(second).toMatchObject({ total: 2, items: [{ id: '2024-08-22-login-certificate-expired' }] });
    const paged = await (
      await request('/api/reviews?limit=1&service=login&from=2024-01-01&to=2024-12-31')
    ).json();
    expect(paged).toMatchObject({ total: 1, items: [{ id: '2024-08-22-login-certificate-expired' }] });
  });

  it('rejects bad and unknown query parameters with stable codes', async () => {
    expect((await problem(await request('/api/reviews?limit=0'))).code).toBe('invalid-request');
    expect((await problem(await request('/api/reviews?severity=purple'))).code).toBe('invalid-request');
    expect((await problem(await request('/api/reviews?colour=red'))).code).toBe('unknown-field');
    expect((await problem(await request('/api/search'))).code).toBe('invalid-request');
  });

  it('answers a review with its etag, and stable codes for missing and malicious ids', async () => {
    const response = await request(`/api/reviews/${CHECKOUT}`);
    const review = await bodyOf(response);
    expect(response.headers.get('etag')).toBe(`"${review.etag}"`);
    expect(review.actionItems).toHaveLength(2);
    const unchanged = await request(`/api/reviews/${CHECKOUT}`, {
      headers: { 'if-none-match': `W/"stale", "${review.etag}"` },
    });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    const markdown = await request(`/api/reviews/${CHECKOUT}/markdown`, {
      headers: { 'if-none-match': '"stale"' },
    });
    expect(markdown.status).toBe(200);
    expect(await markdown.text()).toContain('# ');
    expect((await problem(await request('/api/reviews/2020-01-01-nothing'))).code).toBe('review-not-found');
    const traversal = await request('/api/reviews/..%2F..%2Fetc%2Fpasswd');
    expect(traversal.status).toBe(400);
    expect((await problem(traversal)).code).toBe('invalid-id');
  });

  it('searches ranked, with plain and highlighted snippets', async () => {
    const body = await bodyOf(await request('/api/search?q=vacuum%20lock'));
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ id: CHECKOUT, path: CHECKOUT_FILE });
    expect(body.items[0].snippet).toContain('vacuum held a lock');
    expect(body.items[0].snippetHtml).toContain('<mark>vacuum</mark>');
  });

  it('lists action items with open, overdue and owner filters, and serves stats', async () => {
    const overdue = await bodyOf(await request('/api/actions?overdue=true'));
    expect(overdue).toMatchObject({ total: 1, items: [{ owner: 'sam', overdue: true, n: 1 }] });
    const dana = await bodyOf(await request('/api/actions?owner=dana&open=true'));
    expect(dana.items.map((a: { reviewId: string }) => a.reviewId)).toEqual([CHECKOUT]);
    const stats = await bodyOf(await request('/api/stats'));
    expect(stats.totals).toMatchObject({ reviews: 2, documents: 3 });
    expect(stats.followThrough).toMatchObject({ total: 3, open: 2, overdue: 1 });
  });
});

describe('creating', () => {
  it('writes a new file named by convention, indexed at once', async () => {
    // Asked before, so a search answer kept from before the new file would show here.
    expect((await bodyOf(await request('/api/search?q=heap'))).total).toBe(0);
    const response = await request('/api/reviews', { method: 'POST', ...json({ markdown: NEW_REVIEW }) });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/api/reviews/2025-05-05-search-cluster-lost-a-node');
    expect(readFileSync(file('2025-05-05-search-cluster-lost-a-node.md'), 'utf8')).toBe(NEW_REVIEW);
    const search = await bodyOf(await request('/api/search?q=heap'));
    expect(search.items.map((h: { id: string }) => h.id)).toEqual(['2025-05-05-search-cluster-lost-a-node']);
    const again = await request('/api/reviews', { method: 'POST', ...json({ markdown: NEW_REVIEW }) });
    expect((await problem(again)).code).toBe('review-exists');
    expect(readFileSync(file('2025-05-05-search-cluster-lost-a-node.md'), 'utf8')).toBe(NEW_REVIEW);
  });

  it('refuses markdown it cannot name, malformed JSON, unknown fields, other media types and huge bodies', async () => {
    const before = readdirSync(server.folder.reviews).sort();
    const untitled = await request('/api/reviews', { method: 'POST', ...json({ markdown: 'just words' }) });
    expect((await problem(untitled)).code).toBe('invalid-review');
    const malformed = await request('/api/reviews', {
      method: 'POST',
      body: '{"markdown": "# A',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect((await problem(malformed)).code).toBe('invalid-json');
    const unknown = await request('/api/reviews', {
      method: 'POST',
      ...json({ markdown: NEW_REVIEW, path: '/etc/x' }),
    });
    expect((await problem(unknown)).code).toBe('unknown-field');
    const plain = await request('/api/reviews', {
      method: 'POST',
      body: NEW_REVIEW,
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(415);
    const huge = await request('/api/reviews', {
      method: 'POST',
      ...json({ markdown: `# Huge\n\n${'x'.repeat(50 * 1024 * 1024)}` }),
    });
    expect(huge.status).toBe(413);
    expect((await problem(huge)).code).toBe('payload-too-large');
    expect(readdirSync(server.folder.reviews).sort()).toEqual(before);
  });
});

describe('updating', () => {
  const put = (markdown: string, etag?: string) =>
    request(`/api/reviews/${CHECKOUT}`, {
      method: 'PUT',
      ...json({ markdown }, etag === undefined ? {} : { 'if-match': `"${etag}"` }),
    });
  const etagNow = async () =>
    ((await bodyOf(await request(`/api/reviews/${CHECKOUT}`))) as { etag: string }).etag;

  it('needs If-Match, refuses a stale one with the current version, and writes with the right one', async () => {
    const original = readFileSync(file(CHECKOUT_FILE), 'utf8');
    const edited = original.replace('twenty minutes', 'twenty-two minutes');
    expect((await problem(await put(edited))).code).toBe('if-match-required');
    const stale = await put(edited, 'not-the-etag');
    expect(stale.status).toBe(409);
    const conflict = await problem(stale);
    expect(conflict.code).toBe('edit-conflict');
    expect(conflict.current?.markdown).toBe(original);
    expect(readFileSync(file(CHECKOUT_FILE), 'utf8')).toBe(original);
    const etag = await etagNow();
    const ok = await put(edited, etag);
    expect(ok.status).toBe(200);
    const review = await bodyOf(ok);
    expect(review.summary).toContain('twenty-two minutes');
    expect(review.etag).not.toBe(etag);
    expect(readFileSync(file(CHECKOUT_FILE), 'utf8')).toBe(edited);
  });

  it('lets exactly one of two concurrent writers with the same etag win; the file holds that version intact', async () => {
    const original = readFileSync(file(CHECKOUT_FILE), 'utf8');
    const etag = await etagNow();
    const versions = ['first writer', 'second writer'].map((who) =>
      original.replace('## Impact', `## Impact\n\nEdited by the ${who}.`),
    );
    const responses = await Promise.all(versions.map((v) => put(v, etag)));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = versions[responses.findIndex((r) => r.status === 200)];
    expect(readFileSync(file(CHECKOUT_FILE), 'utf8')).toBe(winner);
    expect(readdirSync(server.folder.reviews).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to write over a file edited on disk since it was opened, keeping the disk version', async () => {
    const etag = await etagNow();
    const onDisk = readFileSync(file(CHECKOUT_FILE), 'utf8').replace('status: draft', 'status: in-review');
    writeFileSync(file(CHECKOUT_FILE), onDisk);
    const response = await put('# Mine\n', etag);
    expect((await problem(response)).current?.markdown).toBe(onDisk);
    expect(readFileSync(file(CHECKOUT_FILE), 'utf8')).toBe(onDisk);
  });

  it('does not bring back a file deleted while it was being edited', async () => {
    const etag = await etagNow();
    rmSync(file(CHECKOUT_FILE));
    const response = await put('# Mine\n', etag);
    expect(response.status).toBe(410);
    expect((await problem(response)).code).toBe('review-deleted');
    expect(existsSync(file(CHECKOUT_FILE))).toBe(false);
  });

  it('ticks an action item by editing its markdown line, and changes the status in the front matter', async () => {
    const tick = await request(`/api/reviews/${CHECKOUT}/actions/1`, {
      method: 'PATCH',
      ...json({ done: true }),
    });
    expect(tick.status).toBe(200);
    expect((await bodyOf(tick)).actionItems[0].done).toBe(true);
    const text = readFileSync(file(CHECKOUT_FILE), 'utf8');
    expect(text).toContain('- [x] Alert on replication lag @dana');
    const status = await request(`/api/reviews/${CHECKOUT}`, {
      method: 'PATCH',
      ...json({ status: 'in-review' }),
    });
    expect((await bodyOf(status)).status).toBe('in-review');
    expect(readFileSync(file(CHECKOUT_FILE), 'utf8')).toBe(
      text.replace('status: draft', 'status: in-review'),
    );
    const missing = await request(`/api/reviews/${CHECKOUT}/actions/9`, {
      method: 'PATCH',
      ...json({ done: true }),
    });
    expect((await problem(missing)).code).toBe('action-not-found');
    const stale = await request(`/api/reviews/${CHECKOUT}/actions/1`, {
      method: 'PATCH',
      ...json({ done: false }, { 'if-match': '"old"' }),
    });
    expect((await problem(stale)).code).toBe('edit-conflict');
  });

  it('previews markdown with the page renderer and live lint, writing nothing', async () => {
    const response = await request('/api/preview', { method: 'POST', ...json({ markdown: NEW_REVIEW }) });
    const preview = await bodyOf(response);
    expect(preview.html).toContain('One search node ran out of heap');
    const rules = preview.diagnostics.map((d: { rule: string }) => d.rule);
    expect(rules).toContain('missing-section');
    expect(rules).not.toContain('file-name');
  });

  it('previews HTML and footnotes as the pages show them, scripts never', async () => {
    const markdown = [
      '# Heap exhausted',
      '',
      '## Summary',
      '',
      'The node ran out of heap[^1] :fire:. <script>alert(1)</script>',
      '',
      '## Root cause',
      '',
      '<details>',
      '<summary>GC log</summary>',
      '',
      'Full GC every second.',
      '',
      '</details>',
      '',
      '[^1]: 31 GiB of 32.',
    ].join('\n');
    const { html } = (await bodyOf(
      await request('/api/preview', { method: 'POST', ...json({ markdown }) }),
    )) as { html: string };
    expect(html).toMatch(/heap<sup class="footnote-ref"><a [^>]*href="#fn1"/);
    expect(html).toContain('<details>');
    expect(html).toContain('🔥');
    expect(html).toContain('<li id="fn1" class="footnote-item">');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('alert(1)');
  });
});

describe('errors', () => {
  it('answers unknown routes with problem+json and never leaks internals', async () => {
    const response = await request('/api/nothing');
    expect(response.status).toBe(404);
    expect((await problem(response)).code).toBe('not-found');
  });
});

describe('the documented contract', () => {
  it('every endpoint of docs/openapi.json is routed', async () => {
    for (const endpoint of ENDPOINTS) {
      const path = endpoint.path.replace('{id}', CHECKOUT).replace('{n}', '1');
      const init: RequestInit =
        endpoint.method === 'get' ? {} : { method: endpoint.method.toUpperCase(), ...json({}) };
      const response = await request(
        endpoint.method === 'get' && endpoint.query?.shape.q ? `${path}?q=x` : path,
        init,
      );
      const code = response.headers.get('content-type')?.includes('problem')
        ? (await bodyOf(response)).code
        : null;
      expect({ endpoint: `${endpoint.method} ${endpoint.path}`, code }).not.toEqual({
        endpoint: `${endpoint.method} ${endpoint.path}`,
        code: 'not-found',
      });
    }
  });
});
