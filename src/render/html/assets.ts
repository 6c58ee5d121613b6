import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Static files that ship with the renderer: the stylesheet and the client scripts (never inline, so pages work
 * under a CSP without 'unsafe-inline'). They sit beside this module; `npm run build` copies them to `dist/`
 * (scripts/copy-assets.ts), so the compiled CLI finds them the same way.
 */
export const ASSET_NAMES = ['site.css', 'filter.js', 'search.js'] as const;
export type AssetName = (typeof ASSET_NAMES)[number];

export const ASSET_DIR = fileURLToPath(new URL('./assets/', import.meta.url));

export function readAsset(name: AssetName): string {
  return readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
}
