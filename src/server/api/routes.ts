import { type Context, Hono } from 'hono';
import type { IndexedReview, Page, SearchHit } from '../../index/queries.js';
import { HttpError } from '../http-error.js';
import { type ServerContext, searchKey } from '../context.js';
import type { StoredReview } from '../review-files.js';
import { snippetHtml, snippetText } from '../snippet-html.js';
import { versionedCache } from '../versioned-cache.js';
import {
  ActionPatchSchema,
  ActionsQuerySchema,
  MarkdownBodySchema,
  PreviewBodySchema,
  ReviewsQuerySchema,
  SearchQuerySchema,
  StatusPatchSchema,
} from './schemas.js';
import { actionNumberOf, jsonBody, queryOf, reviewIdOf } from './validate.js';

const SEARCH_ANSWERS = 500;
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

function searchJson(page: Page<SearchHit>): string {
  return JSON.stringify({
    total: page.total,
    items: page.items.map((hit) => ({
      ...hit,
      snippet: snippetText(hit.snippet),
      snippetHtml: snippetHtml(hit.snippet),
    })),
  });
}

/** The JSON API (brief §3.3): lists answer `{items, total}`, a review is the §3.1 object plus its `etag`. */
export function apiRoutes(context: ServerContext): Hono {
  const { index, files } = context;
  const api = new Hono();

  api.get('/reviews', (c) => {
    const { items, total } = index.reviews(queryOf(c, ReviewsQuerySchema));
    return c.body(`{"items":[${items.join(',')}],"total":${total}}`, 200, JSON_TYPE);
  });

  api.get('/reviews/:id', (c) => {
    const id = reviewIdOf(c.req.param('id'));
    const review = index.review(id);
    if (!review) throw new HttpError('review-not-found', `No review has the id "${id}".`);
    return notModified(c, review.etag) ?? reviewResponse(c, review);
  });

  api.get('/reviews/:id/markdown', async (c) => {
    const stored = await files.read(reviewIdOf(c.req.param('id')));
    const unchanged = notModified(c, stored.review.etag);
    if (unchanged) return unchanged;
    c.header('etag', quoted(stored.review.etag));
    return c.body(stored.markdown, 200, { 'content-type': 'text/markdown; charset=utf-8' });
  });

  // The answer as sent, kept as the search itself is (context.search): a repeated search is then served as cheaply
  // as a rendered page. Kept by the query string as asked too, so the same request is not validated again.
  const searchAnswers = versionedCache<string>(() => index.generation, SEARCH_ANSWERS);
  api.get('/search', (c) => {
    const asked = `?${c.req.url.split('?')[1] ?? ''}`;
    const known = searchAnswers.get(asked);
    if (known !== undefined) return c.body(known, 200, JSON_TYPE);
    const { q, limit, offset } = queryOf(c, SearchQuerySchema);
    const key = searchKey(q, { limit, offset });
    const answer =
      searchAnswers.get(key) ?? searchAnswers.set(key, searchJson(context.search(q, { limit, offset })));
    searchAnswers.set(asked, answer);
    return c.body(answer, 200, JSON_TYPE);
  });

  api.get('/actions', (c) => {
    const query = queryOf(c, ActionsQuerySchema);
    return c.json(index.actions({ ...query, today: context.today() }));
  });

  api.get('/stats', (c) => c.json(context.stats()));

  api.post('/reviews', async (c) => {
    const { markdown } = await jsonBody(c, MarkdownBodySchema);
    const stored = await files.create(markdown);
    c.header('location', `/api/reviews/${encodeURIComponent(stored.review.id)}`);
    return reviewResponse(c, stored.review, 201);
  });

  api.put('/reviews/:id', async (c) => {
    const id = reviewIdOf(c.req.param('id'));
    const ifMatch = requiredIfMatch(c.req.header('if-match'));
    const { markdown } = await jsonBody(c, MarkdownBodySchema);
    return written(c, await files.replace(id, markdown, ifMatch));
  });

  api.patch('/reviews/:id', async (c) => {
    const id = reviewIdOf(c.req.param('id'));
    const { status } = await jsonBody(c, StatusPatchSchema);
    return written(c, await files.setStatus(id, status, etagOf(c.req.header('if-match'))));
  });

  api.patch('/reviews/:id/actions/:n', async (c) => {
    const id = reviewIdOf(c.req.param('id'));
    const n = actionNumberOf(c.req.param('n'));
    const { done } = await jsonBody(c, ActionPatchSchema);
    return written(c, await files.setAction(id, n, done, etagOf(c.req.header('if-match'))));
  });

  api.post('/preview', async (c) => {
    const { markdown, id } = await jsonBody(c, PreviewBodySchema);
    const path = id === undefined ? undefined : index.fileOf(id)?.file;
    return c.json(context.preview(markdown, path));
  });

  return api;
}

function reviewResponse(c: Context, review: IndexedReview, status: 200 | 201 = 200): Response {
  c.header('etag', quoted(review.etag));
  return c.json(review, status);
}

function written(c: Context, stored: StoredReview): Response {
  return reviewResponse(c, stored.review);
}

/** A client that already holds this version (`If-None-Match`) gets 304 and no body: polling editors stay cheap. */
function notModified(c: Context, etag: string): Response | null {
  const held = c.req.header('if-none-match');
  if (held === undefined) return null;
  const matches = held === '*' || held.split(',').some((tag) => etagOf(tag) === etag);
  return matches ? c.body(null, 304, { etag: quoted(etag) }) : null;
}

function quoted(etag: string): string {
  return `"${etag}"`;
}

/** `"abc"`, `W/"abc"` or a bare `abc` → `abc`; absent → null. */
export function etagOf(header: string | undefined): string | null {
  if (header === undefined || header.trim() === '') return null;
  return header
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
}

function requiredIfMatch(header: string | undefined): string {
  const etag = etagOf(header);
  if (etag === null)
    throw new HttpError(
      'if-match-required',
      'Send If-Match with the etag of the version you edited (GET gives it).',
    );
  return etag;
}
