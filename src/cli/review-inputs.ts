import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LoadedConfig } from '../config/load-config.js';
import { UsageError } from './io.js';

const DEFAULT_FOLDERS = ['docs/incidents', 'docs/postmortems', 'incidents', 'postmortems'];

/** The files or folders a command works on: those named, else the config's `reviews`, else a usual folder. */
export function reviewInputs(positionals: readonly string[], cwd: string, loaded: LoadedConfig): string[] {
  if (positionals.length > 0) return [...positionals];
  if (loaded.config.reviews) return [resolve(loaded.root, loaded.config.reviews)];
  const found = DEFAULT_FOLDERS.find((folder) => existsSync(resolve(cwd, folder)));
  if (found) return [found];
  throw new UsageError(
    `No reviews folder found (looked for ${DEFAULT_FOLDERS.join(', ')}).`,
    'Name files or folders, or set "reviews" in hindsight.config.json.',
  );
}
