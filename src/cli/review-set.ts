import { resolve } from 'node:path';
import { type LoadedConfig, loadConfig } from '../config/load-config.js';
import type { Review } from '../model/review.js';
import { DEFAULT_CACHE_FILE, openParseCache } from '../parse-cache.js';
import { type ParsedInputs, parseInputs, reviewsOf } from '../pipeline.js';
import { reviewInputs } from './review-inputs.js';

/** The flags of every command that reads reviews. */
export const READ_OPTIONS = {
  config: { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
} as const;

export const READ_USAGE = '[--config file] [--cache] [--cache-location file]';

interface ReadValues {
  readonly config?: unknown;
  readonly cache?: unknown;
  readonly 'cache-location'?: unknown;
}

export interface ReviewSet {
  readonly loaded: LoadedConfig;
  readonly parsed: ParsedInputs;
  readonly reviews: Review[];
}

/**
 * Reads and parses the reviews a command works on, with the config's ignore globs; with `--cache`, files that did
 * not change since the last run are not parsed again.
 */
export async function readReviewSet(
  cwd: string,
  positionals: readonly string[],
  values: ReadValues,
): Promise<ReviewSet> {
  const loaded = await loadConfig(cwd, typeof values.config === 'string' ? values.config : undefined);
  const inputs = reviewInputs(positionals, cwd, loaded);
  const location = typeof values['cache-location'] === 'string' ? values['cache-location'] : null;
  const cache =
    values.cache === true || location !== null
      ? openParseCache(resolve(cwd, location ?? DEFAULT_CACHE_FILE))
      : undefined;
  const parsed = await parseInputs(inputs, cwd, {
    ignore: loaded.config.ignore,
    root: loaded.root,
    ...(cache && { cache }),
  });
  return { loaded, parsed, reviews: reviewsOf(parsed) };
}
