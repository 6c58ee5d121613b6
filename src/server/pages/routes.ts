import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { posix } from 'node:path';
import { html, reviewPage, summarizeReview } from '../../render/html/index.js';
import { STATUSES } from '../api/schemas.js';
import { actionNumberOf, reviewIdOf } from '../api/validate.js';
import type { ServerContext } from '../context.js';
import { HttpError } from '../http-error.js';
import { writeRefusal } from '../review-files.js';
import { sameSecret, TOKEN_COOKIE } from '../middleware/token-auth.js';
import { similarReviews } from '../similar-reviews.js';
import { versionedCache } from '../versioned-cache.js';
import { authoringPanel } from './authoring-panel.js';
import { editorPage } from './editor-page.js';
import { loginPage, newReviewPage } from './form-pages.js';
import { searchPage } from './search-page.js';
import { sitePages } from './site-pages.js';
import { serverDocument, URLS } from './shell.js';

const SEARCH_PAGE_SIZE = 50;

/** Review pages kept rendered (tens of kilobytes each). */
const PAGE_CACHE_SIZE = 2000;

/** The pages: the shared renderer's, rendered live from the index, and the server's own authoring pages. */
export function pageRoutes(context: ServerContext, csrfToken: string): Hono {
  const { index, files } = context;
  const pages = new Hono();
  pages.route('/', sitePages(index, context.today, context.taxonomy));
  const similarTo = similarReviews(index);
  // A page shows its review, the reviews around it (related, similar) and overdue items: all change the version.
  const rendered = versionedCache<string>(
    () => `${index.generation}\u0000${context.today()}`,
    PAGE_CACHE_SIZE,
  );

  pages.get('/reviews/:id', (c) => {
    const id = reviewIdOf(c.req.param('id'));
    const cached = rendered.get(id);
    if (cached !== undefined) return c.html(cached);
    const review = index.review(id);
    if (!review && id.endsWith('.html') && index.review(id.slice(0, -5)))
      return c.redirect(URLS.review(id.slice(0, -5)), 301); // a static site's link, as in the feed
    if (!review) throw new HttpError('review-not-found', `No review has the id "${id}".`);
    const summariesOf = (ids: readonly string[]) =>
      ids.flatMap((other) => {
        const found = index.review(other);
        return found ? [summarizeReview(found, [])] : [];
      });
    const related = summariesOf(review.related);
    // A review that shares its file (an incident log, a patch), or one converted to be read, is edited outside.
    const found = index.fileOf(id);
    const writable = found !== null && writeRefusal(id, found) === null;
    const page = reviewPage({
      review,
      diagnostics: context.diagnosticsOf(review),
      related,
      similar: summariesOf(similarTo(review).filter((other) => !review.related.includes(other))),
      editUrl: writable ? `/reviews/${encodeURIComponent(id)}/edit` : null,
      today: context.today(),
      urls: URLS,
      resolveLink: (href) => linkFrom(review.source.path, href, (file) => index.reviewsInFile(file)[0]?.id),
    });
    const panel = writable ? authoringPanel(review, csrfToken) : '';
    return c.html(rendered.set(id, serverDocument({ ...page, main: html`${page.main}${panel}` })));
  });

  pages.get('/reviews/:id/edit', async (c) => {
    const stored = await files.read(reviewIdOf(c.req.param('id')));
    const preview = context.preview(stored.markdown, stored.review.source.path);
    return c.html(serverDocument(editorPage(stored, preview)));
  });

  pages.post('/reviews/:id/status', async (c) => {
    const id = reviewIdOf(c.req.param('id'));
    const form = await c.req.parseBody();
    const status = STATUSES.find((s) => s === form.status);
    if (!status) throw new HttpError('invalid-request', `Status must be one of ${STATUSES.join(', ')}.`);
    await files.setStatus(id, status, etagField(form.etag));
    return c.redirect(URLS.review(id), 303);
  });

  pages.post('/reviews/:id/actions/:n', async (c) => {
    const id = reviewIdOf(c.req.param('id'));
    const n = actionNumberOf(c.req.param('n'));
    const form = await c.req.parseBody();
    await files.setAction(id, n, form.done === 'true', etagField(form.etag));
    return c.redirect(URLS.review(id), 303);
  });

  pages.get('/new', (c) =>
    c.html(serverDocument(newReviewPage({ title: '', date: context.today(), severity: '' }, csrfToken))),
  );

  pages.post('/new', async (c) => {
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
    const values = { title: field('title'), date: field('date'), severity: field('severity') };
    const markdown = await files.template({ ...values, severity: values.severity || null });
    try {
      const stored = await files.create(markdown);
      return c.redirect(`/reviews/${encodeURIComponent(stored.review.id)}/edit`, 303);
    } catch (error) {
      if (!(error instanceof HttpError) || error.status >= 500) throw error;
      return c.html(serverDocument(newReviewPage({ ...values, error: error.detail }, csrfToken)), 400);
    }
  });

  pages.get('/search', (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 500);
    const results = q.trim() === '' ? null : context.search(q, { limit: SEARCH_PAGE_SIZE, offset: 0 });
    return c.html(serverDocument(searchPage(q, results)));
  });

  pages.get('/login', (c) => c.html(serverDocument(loginPage(safeNext(c.req.query('next')), csrfToken))));

  pages.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
    const given = typeof form.token === 'string' ? form.token : '';
    if (context.token === null || !sameSecret(given, context.token))
      return c.html(serverDocument(loginPage(next, csrfToken, 'That is not the token.')), 401);
    setCookie(c, TOKEN_COOKIE, given, { httpOnly: true, sameSite: 'Strict', path: '/' });
    return c.redirect(next, 303);
  });

  return pages;
}

function etagField(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Only paths on this server: `/x`, never `//host` or `https://host`. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/**
 * A link written in a review, as its page on this server: a relative link to another review file becomes that
 * review's page; other relative links (images, files beside the review) are dropped, since only reviews are
 * served; absolute URLs stay.
 */
function linkFrom(
  reviewPath: string,
  href: string,
  idOfFile: (file: string) => string | undefined,
): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#')) return href;
  const [target = ''] = href.split('#');
  let decoded: string;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    return null;
  }
  const file = posix.normalize(posix.join(posix.dirname(reviewPath), decoded));
  const id = idOfFile(file);
  return id === undefined ? null : URLS.review(id);
}
