import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { HttpError } from '../http-error.js';

export const TOKEN_COOKIE = 'hindsight_token';
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * When the server is reachable from other machines, every write needs the token: as `Authorization: Bearer …`
 * (API clients) or the cookie the login page sets (the browser UI). Reads stay open.
 */
export function requireTokenForWrites(token: string | null): MiddlewareHandler {
  return async (c, next) => {
    if (token === null || SAFE_METHODS.has(c.req.method) || c.req.path === '/login') return next();
    const header = c.req.header('authorization');
    const given = header?.startsWith('Bearer ') ? header.slice(7) : (getCookie(c, TOKEN_COOKIE) ?? null);
    if (given === null || given === '')
      throw new HttpError(
        'token-required',
        'Send the token as "Authorization: Bearer <token>", or log in at /login.',
        {
          login: '/login',
        },
      );
    if (!sameSecret(given, token))
      throw new HttpError('token-invalid', 'Check HINDSIGHT_TOKEN on the server.', { login: '/login' });
    return next();
  };
}

/** Constant-time: hashing first makes both sides the same length, so neither length nor content leaks by timing. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
