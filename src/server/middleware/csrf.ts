import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HttpError } from '../http-error.js';
import { sameSecret } from './token-auth.js';

const FORM_TYPES = /^(?:application\/x-www-form-urlencoded|multipart\/form-data)/i;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;
const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery, three ways: forms must come from this origin (Origin / Sec-Fetch-Site, Hono's csrf)
 * and carry the page's `csrf` field; API writes must be `application/json`, which another site cannot send without
 * a CORS preflight this server never grants.
 */
export function csrfProtection(formToken: string): MiddlewareHandler {
  const sameOrigin = csrf();
  return async (c, next) => {
    if (!UNSAFE_METHODS.has(c.req.method)) return next();
    const type = c.req.header('content-type') ?? '';
    if (c.req.path.startsWith('/api/')) {
      if (!JSON_TYPE.test(type))
        throw new HttpError('unsupported-media-type', `Got "${type || 'no content type'}".`);
      return next();
    }
    if (!FORM_TYPES.test(type)) throw new HttpError('csrf-rejected', 'Pages take form posts only.');
    try {
      await sameOrigin(c, async () => undefined);
    } catch {
      throw new HttpError('csrf-rejected', 'The form was sent from another site.');
    }
    const form = await c.req.parseBody();
    const given = typeof form.csrf === 'string' ? form.csrf : '';
    if (!sameSecret(given, formToken))
      throw new HttpError('csrf-rejected', 'Reload the page and send the form again.');
    return next();
  };
}
