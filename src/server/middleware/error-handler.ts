import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HttpError, problemOf } from '../http-error.js';
import { messagePage } from '../pages/shell.js';

/**
 * The one error handler: an HttpError becomes its problem object; anything else becomes `internal-error` with no
 * internals in the body (the stack goes to the log only).
 */
export function handleError(log: (message: string) => void) {
  return (error: Error, c: Context): Response => {
    const known = asHttpError(error);
    if (!known) log(`internal error on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    const problem = problemOf(
      known ?? new HttpError('internal-error', 'The error was logged on the server.'),
    );
    const status = problem.status as ContentfulStatusCode;
    // A form sent without the token: ask for it, then come back to the page the form was on.
    if (wantsPage(c) && (problem.code === 'token-required' || problem.code === 'token-invalid'))
      return c.redirect(`/login?next=${encodeURIComponent(samePagePath(c))}`, 303);
    if (wantsPage(c))
      return c.html(messagePage(problem.title, problem.detail, { href: '/', label: 'All reviews' }), status);
    return c.body(JSON.stringify(problem), status, {
      'content-type': 'application/problem+json; charset=utf-8',
    });
  };
}

export function notFound(c: Context): Response {
  return handleError(() => undefined)(
    new HttpError('not-found', `${c.req.method} ${c.req.path} is not a page or endpoint of this server.`),
    c,
  );
}

/** A person's browser asking for a page gets an HTML page; the API and other clients get problem+json. */
function wantsPage(c: Context): boolean {
  return !c.req.path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html');
}

function samePagePath(c: Context): string {
  const referer = c.req.header('referer');
  if (!referer) return '/';
  try {
    const from = new URL(referer, c.req.url);
    return from.origin === new URL(c.req.url).origin ? `${from.pathname}${from.search}` : '/';
  } catch {
    return '/';
  }
}

function asHttpError(error: Error): HttpError | null {
  if (error instanceof HttpError) return error;
  if (error instanceof HTTPException && error.status === 413)
    return new HttpError('payload-too-large', 'Reviews are stored as files of at most a few megabytes.');
  return null;
}
