import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import type { z } from 'zod';
import type { Config } from './config.js';
import { DEFAULT_CONFIG } from './defaults.js';

export const CONFIG_FILES = [
  'hindsight.config.json',
  'hindsight.config.yaml',
  'hindsight.config.yml',
] as const;

export interface LoadedConfig {
  readonly config: Config;
  /** The config file, or null when the defaults apply. */
  readonly path: string | null;
  /** The folder paths in the config are relative to. */
  readonly root: string;
}

/** A config that cannot be used: each problem as `file:line field: message (hint)`. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Finds the config in `cwd` or the nearest folder above it; the defaults when there is none. */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const path = explicit ? resolve(cwd, explicit) : findConfig(cwd);
  if (path === null) return { config: DEFAULT_CONFIG, path: null, root: cwd };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError([`${path}: cannot be read; check that it exists.`]);
  }
  const raw = parseText(path, text);
  // Loaded only here: a run without a config file does not need the schema library.
  const { ConfigSchema } = await import('./config.js');
  const result = ConfigSchema.safeParse(raw);
  const fields = Object.keys(ConfigSchema.shape);
  if (!result.success) throw new ConfigError(describeIssues(path, text, result.error.issues, fields));
  return { config: result.data, path, root: dirname(path) };
}

function findConfig(cwd: string): string | null {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILES) {
      const candidate = join(dir, name);
      try {
        readFileSync(candidate);
        return candidate;
      } catch {
        // not in this folder
      }
    }
    if (dirname(dir) === dir) return null;
  }
}

function parseText(path: string, text: string): unknown {
  try {
    return path.endsWith('.json') ? JSON.parse(text) : (loadYaml(text, { schema: CORE_SCHEMA }) ?? {});
  } catch (error) {
    throw new ConfigError([
      `${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`,
    ]);
  }
}

/** Zod issues as `file:line field: message (hint)`, the line found by looking for the field's key. */
export function describeIssues(
  path: string,
  text: string,
  issues: readonly z.core.$ZodIssue[],
  fields: readonly string[],
): string[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '(top level)';
    const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path[issue.path.length - 1];
    const line = key === undefined ? 1 : lineOf(text, String(key));
    const hint = issue.code === 'unrecognized_keys' ? ` (known fields: ${fields.join(', ')})` : '';
    return `${path}:${line} ${field}: ${issue.message}${hint}`;
  });
}

export function lineOf(text: string, key: string): number {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^[ \\t-]*(?:"${escaped}"|'${escaped}'|${escaped})[ \\t]*:`, 'm');
  const match = pattern.exec(text);
  return match ? text.slice(0, match.index).split('\n').length : 1;
}
