import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { ASSET_NAMES, readAsset } from '../render/html/index.js';
import { apiRoutes } from './api/routes.js';
import { createContext, type ServerContext, type ServerOptions } from './context.js';
import { limitBody } from './middleware/body-limit.js';
import { csrfProtection } from './middleware/csrf.js';
import { handleError, notFound } from './middleware/error-handler.js';
import { securityHeaders } from './middleware/security-headers.js';
import { requireTokenForWrites } from './middleware/token-auth.js';
import { pageRoutes } from './pages/routes.js';
import { SERVER_ASSETS } from './pages/shell.js';

export type { ServerOptions };

/**
 * The whole server as a Hono app: tests drive it with `app.request()`, `hindsight serve` hands it to
 * @hono/node-server. Order matters: headers on everything, body limit before anything reads a body, CSRF before
 * the token check (a forged form must fail even with the cookie), then the routes.
 */
export function createApp(options: ServerOptions): { app: Hono; context: ServerContext } {
  const context = createContext(options);
  const csrfToken = randomBytes(24).toString('base64url');
  const app = new Hono();
  app.use(securityHeaders());
  app.use(limitBody());
  app.use(csrfProtection(csrfToken));
  app.use(requireTokenForWrites(context.token));
  app.route('/api', apiRoutes(context));
  app.get('/assets/:name', (c) => {
    const asset = assetOf(c.req.param('name'));
    if (!asset) return notFound(c);
    return c.body(asset.text, 200, { 'content-type': asset.type, 'cache-control': 'no-cache' });
  });
  // Browsers ask for it on every site; there is none, and "none" should not be an error in their console.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.route('/', pageRoutes(context, csrfToken));
  app.notFound(notFound);
  app.onError(handleError(context.log));
  return { app, context };
}

const TYPES: Readonly<Record<string, string>> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

/** Only the named files of the renderer and the server: a request can never name another path. */
function assetOf(name: string): { text: string; type: string } | null {
  const type = TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream';
  const renderer = ASSET_NAMES.find((n) => n === name);
  if (renderer) return { text: readAsset(renderer), type };
  const own = SERVER_ASSETS.find((n) => n === name);
  if (own) return { text: readFileSync(new URL(`./assets/${own}`, import.meta.url), 'utf8'), type };
  return null;
}
