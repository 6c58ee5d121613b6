import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { main } from '../src/cli/main.js';

export const TEST_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = dirname(TEST_DIR);
export const FIXTURES_DIR = join(TEST_DIR, 'fixtures');
export const SNAPSHOTS_DIR = join(TEST_DIR, 'snapshots');
/** The shared folder next to the repository: design notes, the corpus and the seed documents. */
export const SHARED_DIR = join(REPO_ROOT, '..', 'shared');
export const CORPUS_DIR = join(SHARED_DIR, 'corpus');
export const SEEDS_DIR = join(SHARED_DIR, 'seeds');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in process, the way `bin/hindsight.js` does, and captures what it wrote. */
export async function runCli(
  argv: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv,
    cwd,
    env,
    stdout: {
      write: (chunk: string) => {
        stdout += chunk;
      },
    },
    stderr: {
      write: (chunk: string) => {
        stderr += chunk;
      },
    },
  });
  return { code, stdout, stderr };
}

export interface GoldenOptions {
  /** Folder the golden file lives in; `test/fixtures` unless told otherwise. */
  readonly dir?: string;
}

/**
 * Golden files: compares `actual` (as JSON) with `<dir>/<name>.json`. A missing file, or `UPDATE=1`, writes it
 * instead and says so; the diff is then reviewed like any other change.
 */
export function golden(name: string, actual: unknown, options: GoldenOptions = {}): void {
  const file = join(options.dir ?? FIXTURES_DIR, `${name}.json`);
  const json = JSON.parse(JSON.stringify(actual)) as unknown;
  if (process.env.UPDATE === '1' || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
    console.info(`golden: wrote ${file}${process.env.UPDATE === '1' ? ' (UPDATE=1)' : ' (was missing)'}`);
    return;
  }
  expect(json).toEqual(JSON.parse(readFileSync(file, 'utf8')));
}

/** Like `golden`, for text such as rendered HTML: compares `actual` with `<dir>/<file>` as it is. */
export function goldenText(file: string, actual: string, options: GoldenOptions = {}): void {
  const path = join(options.dir ?? FIXTURES_DIR, file);
  if (process.env.UPDATE === '1' || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    console.info(`golden: wrote ${path}${process.env.UPDATE === '1' ? ' (UPDATE=1)' : ' (was missing)'}`);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** The corpus's own bookkeeping files, at its top level; a README inside a source folder is data. */
export const CORPUS_META: ReadonlySet<string> = new Set(['MANIFEST.tsv', 'SOURCES.md', 'README.md']);

/** Every file below `dir`, in a stable order, leaving out the named files at its top level. */
export function filesUnder(dir: string, skipTopLevel: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  const walk = (folder: string, top: boolean) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path, false);
      else if (!(top && skipTopLevel.has(name))) out.push(path);
    }
  };
  walk(dir, true);
  return out;
}
