import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { REVIEWS } from './fixtures.js';
import { bodyOf, CHECKOUT, CHECKOUT_FILE, json, testServer, type TestServer } from './helpers.js';

let server: TestServer | null = null;
afterEach(() => server?.close());

const NEW_REVIEW =
  '---\ntitle: Queue backlog\ndate: 2025-06-01\n---\n\n# Queue backlog\n\n## Summary\n\nJobs waited.\n';

/** The CSRF field of a page's forms, as a browser would submit it. */
async function csrfOf(app: TestServer['app'], path: string): Promise<string> {
  const page = await (await app.request(path)).text();
  const token = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
  expect(token).toBeDefined();
  return token ?? '';
}

function form(fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', ...headers },
  };
}

describe('token for writes when exposed', () => {
  it('lets reads through and refuses writes without the right token', async () => {
    server = await testServer({ token: 'correct horse battery staple' });
    const { app } = server;
    expect((await app.request('/api/reviews')).status).toBe(200);
    const post = (headers: Record<string, string>) =>
      app.request('/api/reviews', { method: 'POST', ...json({ markdown: NEW_REVIEW }, headers) });
    const none = await post({});
    expect(none.status).toBe(401);
    expect((await bodyOf(none)).code).toBe('token-required');
    const wrong = await post({ authorization: 'Bearer correct horse' });
    expect((await bodyOf(wrong)).code).toBe('token-invalid');
    expect(existsSync(join(server.folder.reviews, '2025-06-01-queue-backlog.md'))).toBe(false);
    expect((await post({ authorization: 'Bearer correct horse battery staple' })).status).toBe(201);
  });

  it('asks for the token in the UI and keeps it in an HttpOnly, SameSite cookie', async () => {
    server = await testServer({ token: 'sesame' });
    const { app } = server;
    const csrf = await csrfOf(app, '/login?next=/new');
    const withoutToken = await app.request(
      '/new',
      form(
        { csrf, title: 'Queue backlog', date: '2025-06-01' },
        { accept: 'text/html', referer: 'http://localhost/new' },
      ),
    );
    expect(withoutToken.status).toBe(303);
    expect(withoutToken.headers.get('location')).toBe('/login?next=%2Fnew');
    const wrong = await app.request('/login', form({ csrf, token: 'nope', next: '/new' }));
    expect(wrong.status).toBe(401);
    const right = await app.request('/login', form({ csrf, token: 'sesame', next: '//evil.example/' }));
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe('/');
    const cookie = right.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/hindsight_token=sesame; Path=\/; HttpOnly; SameSite=Strict/);
    const created = await app.request(
      '/new',
      form(
        { csrf, title: 'Queue backlog', date: '2025-06-01', severity: 'P3' },
        { cookie: 'hindsight_token=sesame' },
      ),
    );
    expect(created.status).toBe(303);
  });
});

describe('forms', () => {
  it('create a review from the template only with the page’s CSRF field, from this origin', async () => {
    server = await testServer();
    const { app } = server;
    const csrf = await csrfOf(app, '/new');
    const fields = { title: 'Queue backlog grew for hours', date: '2025-06-01', severity: 'P3' };
    const path = join(server.folder.reviews, '2025-06-01-queue-backlog-grew-for-hours.md');
    expect((await app.request('/new', form(fields))).status).toBe(403);
    expect((await app.request('/new', form({ ...fields, csrf: 'guess' }))).status).toBe(403);
    expect(
      (await app.request('/new', form({ ...fields, csrf }, { origin: 'https://evil.example' }))).status,
    ).toBe(403);
    expect(existsSync(path)).toBe(false);
    const created = await app.request('/new', form({ ...fields, csrf }));
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/reviews/2025-06-01-queue-backlog-grew-for-hours/edit');
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('title: Queue backlog grew for hours');
    expect(text).toContain('status: draft');
    expect(text).toContain('## Action items');
  });

  it('tick action items and change the status with the etag of the page', async () => {
    server = await testServer();
    const { app } = server;
    const page = await (await app.request(`/reviews/${CHECKOUT}`)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const etag = /name="etag" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const tick = await app.request(`/reviews/${CHECKOUT}/actions/1`, form({ csrf, etag, done: 'true' }));
    expect(tick.status).toBe(303);
    const file = join(server.folder.reviews, CHECKOUT_FILE);
    expect(readFileSync(file, 'utf8')).toContain('- [x] Alert on replication lag');
    // The review page (rendered pages are kept until the index changes) shows the write at once.
    const after = await (await app.request(`/reviews/${CHECKOUT}`)).text();
    expect(/name="etag" value="([^"]+)"/.exec(after)?.[1]).not.toBe(etag);
    // The page's etag is stale now: a second form from the same page is refused, not applied.
    const stale = await app.request(
      `/reviews/${CHECKOUT}/status`,
      form({ csrf, etag, status: 'published' }, { accept: 'text/html' }),
    );
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('changed since you loaded it');
    expect(readFileSync(file, 'utf8')).toContain('status: draft');
  });
});

describe('pages', () => {
  it('carry a CSP without inline scripts and the other security headers', async () => {
    server = await testServer();
    const response = await server.app.request('/');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('render markdown sanitised: raw HTML and script URLs never reach the page', async () => {
    const hostile = `---\ntitle: Hostile review\ndate: 2025-01-01\n---\n\n# Hostile review\n\n## Summary\n\n<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3))\n`;
    server = await testServer({}, { ...REVIEWS, '2025-01-01-hostile-review.md': hostile });
    const html = await (await server.app.request('/reviews/2025-01-01-hostile-review')).text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toMatch(/<img[^>]*onerror/);
    expect(html).not.toContain('href="javascript:');
    expect(html).not.toMatch(/alert\([12]\)/);
    expect(html).toContain('[click](javascript:alert(3))');
  });

  it('serve the home page, review pages, the editor, search and assets; errors as pages', async () => {
    server = await testServer();
    const { app } = server;
    expect(await (await app.request('/')).text()).toContain('Checkout database failover stalled');
    const review = await (await app.request(`/reviews/${CHECKOUT}`)).text();
    expect(review).toContain(`href="/reviews/${CHECKOUT}/edit"`);
    const editor = await (await app.request(`/reviews/${CHECKOUT}/edit`)).text();
    expect(editor).toContain('A long-running vacuum held a lock during failover.');
    expect(editor).toMatch(
      /<div id="preview" class="review-body">\s*<section class="section section-summary">/,
    );
    expect(editor).toContain('src="/assets/editor.js"');
    const search = await (await app.request('/search?q=certificate')).text();
    expect(search).toContain('<mark>certificate</mark>');
    expect((await app.request('/assets/editor.js')).headers.get('content-type')).toMatch(/javascript/);
    expect((await app.request('/assets/site.css')).status).toBe(200);
    expect((await app.request('/assets/..%2F..%2Fpackage.json')).status).toBe(404);
    const missing = await app.request('/reviews/2020-01-01-nothing', { headers: { accept: 'text/html' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/text\/html/);
  });
});

describe('site pages', () => {
  it('serve the lists, action items, insights and needs-attention pages from the shared renderer', async () => {
    server = await testServer();
    const { app } = server;
    const page = async (path: string) => {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      return response.text();
    };
    expect(await page('/services')).toContain('postgres');
    expect(await page('/services/postgres')).toContain('Checkout database failover stalled');
    expect(await page('/years/2024')).toContain('Login certificate expired');
    expect(await page('/severity/1')).toContain('Login certificate expired');
    expect(await page('/tags')).toContain('tls');
    expect(await page('/actions')).toContain('Monitor certificate expiry');
    expect(await page('/insights')).toContain('<svg');
    expect(await page('/attention')).toContain('notes/index.md');
    expect((await app.request('/services/nothing-like-this')).status).toBe(404);
    expect(await page('/actions.csv')).toContain('Alert on replication lag');
    expect(JSON.parse(await page('/reviews.json'))).toHaveLength(2);
    const feed = await page('/feed.xml');
    const entry = /<link href="([^"]+)"\/>/.exec(feed.slice(feed.indexOf('<entry>')))?.[1] ?? '';
    const followed = await app.request(new URL(entry).pathname);
    expect(followed.status).toBe(301);
    expect(followed.headers.get('location')).toBe(`/reviews/${CHECKOUT}`);
  });
});

describe('the insights page', () => {
  it('names cause themes by their labels, as the config renames them', async () => {
    server = await testServer();
    expect(await (await server.app.request('/insights')).text()).toContain('<td>Database</td>');
    server.close();
    const themes = { rename: { database: 'Databases and locks' } };
    server = await testServer({ config: { config: { ...DEFAULT_CONFIG, themes }, path: null, root: '.' } });
    const page = await (await server.app.request('/insights')).text();
    expect(page).toContain('<td>Databases and locks</td>');
    expect(page).not.toContain('<td>Database</td>');
  });
});

describe('reviews that share a file', () => {
  it('are shown but not edited through the server', async () => {
    const log = `# Incident log\n\n### Incident on 2025-01-05 — Queue stalled\n\nThe queue stalled.\n\n### Incident on 2025-02-07 — Cache flushed\n\nThe cache was flushed.\n`;
    server = await testServer({}, { 'incident-log.md': log });
    const { app } = server;
    const list = await bodyOf(await app.request('/api/reviews'));
    const id = list.items[0].id as string;
    const page = await (await app.request(`/reviews/${id}`)).text();
    expect(page).not.toContain('/edit"');
    expect(page).not.toContain('Update this review');
    const put = await app.request(`/api/reviews/${id}`, {
      method: 'PUT',
      ...json({ markdown: '# x\n' }, { 'if-match': '"x"' }),
    });
    expect((await bodyOf(put)).code).toBe('not-writable');
    expect(readFileSync(join(server.folder.reviews, 'incident-log.md'), 'utf8')).toBe(log);
  });
});

describe('reviews read from another format', () => {
  it('are listed, searched and shown, but not edited through the server', async () => {
    const page = `<!doctype html><html><body><h1>Queue backlog</h1><h2>Summary</h2>
<p>The billing queue backed up for an hour.</p>
<h2>Action items</h2><ul><li>[ ] Alert on queue depth</li></ul></body></html>\n`;
    server = await testServer({}, { '2023-05-09-queue-backlog.html': page });
    const { app } = server;
    const id = '2023-05-09-queue-backlog';
    expect(await bodyOf(await app.request(`/api/reviews/${id}`))).toMatchObject({
      title: 'Queue backlog',
      source: { format: 'html' },
    });
    expect((await bodyOf(await app.request('/api/search?q=billing'))).items[0]).toMatchObject({ id });
    const shown = await (await app.request(`/reviews/${id}`)).text();
    expect(shown).toContain('The billing queue backed up for an hour.');
    expect(shown).not.toContain('/edit"');
    const put = await app.request(`/api/reviews/${id}`, {
      method: 'PUT',
      ...json({ markdown: '# x\n' }, { 'if-match': '"x"' }),
    });
    const refused = await bodyOf(put);
    expect(refused).toMatchObject({ code: 'not-writable', status: 422 });
    expect(refused.detail).toContain('hindsight import');
    expect((await bodyOf(await app.request(`/api/reviews/${id}/markdown`))).code).toBe('not-writable');
    expect(readFileSync(join(server.folder.reviews, '2023-05-09-queue-backlog.html'), 'utf8')).toBe(page);
  });
});

describe('similar reviews', () => {
  it('are listed under a review from its distinctive words', async () => {
    const review = (date: string, title: string, words: string) =>
      `---\ntitle: ${title}\ndate: ${date}\n---\n\n# ${title}\n\n## Summary\n\n${words}\n`;
    const files: Record<string, string> = {
      '2025-01-01-kafka-rebalance.md': review(
        '2025-01-01',
        'Kafka rebalance storm',
        'Consumers rebalanced endlessly after a partition reassignment.',
      ),
      '2025-02-01-kafka-rebalance-again.md': review(
        '2025-02-01',
        'Rebalance storm again',
        'A partition reassignment made consumers rebalance for an hour.',
      ),
    };
    for (let i = 1; i <= 6; i++)
      files[`2025-03-0${i}-other-${i}.md`] = review(
        `2025-03-0${i}`,
        `Unrelated outage ${i}`,
        `Printer ${i} jammed.`,
      );
    server = await testServer({}, files);
    const html = await (await server.app.request('/reviews/2025-01-01-kafka-rebalance')).text();
    const similar = html.slice(html.indexOf('Similar reviews'));
    expect(similar).toContain('Rebalance storm again');
    expect(similar).not.toContain('Unrelated outage');
  });
});
