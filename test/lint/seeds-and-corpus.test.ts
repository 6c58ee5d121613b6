import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import type { LintDiagnostic } from '../../src/lint/lint-review.js';
import { lintInputs, type LintedInputs } from '../../src/pipeline.js';
import {
  CORPUS_DIR,
  CORPUS_META,
  filesUnder,
  golden,
  SEEDS_DIR,
  SHARED_DIR,
  SNAPSHOTS_DIR,
} from '../helpers.js';

/**
 * Lint on the documents the project started from (../shared/seeds, brief §1) and on the real-world corpus
 * (../shared/corpus, style practice 6). The seeds carry the acceptance checks; the corpus gives a
 * per-file count of findings by rule, snapshotted in test/snapshots/lint-summary.json (UPDATE=1 rewrites it), so
 * a change of behaviour on real documents shows up in review. Neither folder is part of this repository: without
 * them these tests are skipped, and say so.
 */

const HAVE_CORPUS = existsSync(CORPUS_DIR);
const HAVE_SEEDS = existsSync(SEEDS_DIR);
if (!HAVE_SEEDS) console.warn(`lint seed tests skipped: ${SEEDS_DIR} does not exist`);
if (!HAVE_CORPUS) console.warn(`lint corpus snapshot skipped: ${CORPUS_DIR} does not exist`);

function seedFile(prefix: string): string | null {
  if (!HAVE_SEEDS) return null;
  const name = readdirSync(SEEDS_DIR).find((n) => n.startsWith(prefix));
  return name ? join(SEEDS_DIR, name) : null;
}

async function lintSeed(prefix: string): Promise<LintDiagnostic[]> {
  const file = seedFile(prefix);
  if (file === null) throw new Error(`seed ${prefix}* not found`);
  const result = await lintInputs([file], SHARED_DIR, DEFAULT_CONFIG, null, SHARED_DIR);
  expect(result.missing).toEqual([]);
  return [...result.diagnostics];
}

const ofRule = (diagnostics: readonly LintDiagnostic[], rule: string) =>
  diagnostics.filter((d) => d.rule === rule);

describe.skipIf(seedFile('001_') === null)('seed 001: the unfinished "Site Outage" review', () => {
  let diagnostics: LintDiagnostic[] = [];
  beforeAll(async () => {
    diagnostics = await lintSeed('001_');
  });

  it('empty-section reports the empty "Storage Configuration" sub-heading, by name', () => {
    const found = ofRule(diagnostics, 'empty-section').filter((d) =>
      d.message.includes('Storage Configuration'),
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.line).toBe(44);
  });

  it('placeholder-text reports "[ to be continued ]"', () => {
    const found = ofRule(diagnostics, 'placeholder-text').filter((d) =>
      d.message.includes('[ to be continued ]'),
    );
    expect(found.map((d) => d.line)).toEqual([60]);
  });

  it('timeline-order reports the 16:43 entry that follows 16:58', () => {
    const found = ofRule(diagnostics, 'timeline-order');
    expect(found.map((d) => d.line)).toEqual([25]);
    expect(found[0]?.message).toContain('16:43');
    expect(found[0]?.message).toContain('16:58');
  });

  it('timeline-unparsed-time reports the uncertain date 2024-08-??', () => {
    // Once, on the date line (7), not on each of the four entries under it (lines 8–11).
    const found = ofRule(diagnostics, 'timeline-unparsed-time');
    expect(found.map((d) => d.line)).toEqual([7]);
    expect(found[0]?.message).toContain('2024-08-??');
  });

  it('names the seed file in every diagnostic', () => {
    const file = relative(SHARED_DIR, seedFile('001_') as string);
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) expect(d.file).toBe(file);
  });
});

describe.skipIf(seedFile('002_') === null)('seed 002: the incident tool export', () => {
  let diagnostics: LintDiagnostic[] = [];
  beforeAll(async () => {
    diagnostics = await lintSeed('002_');
  });

  it.each([['Causes'], ['Whys'], ['Action items (→ Linear)']])(
    'empty-section reports the empty "%s" section',
    (heading) => {
      const found = ofRule(diagnostics, 'empty-section').filter((d) => d.message.includes(`"${heading}"`));
      expect(found).toHaveLength(1);
    },
  );

  it('its 12-hour "Time (UTC)" timeline reads without timeline problems', () => {
    expect(ofRule(diagnostics, 'timeline-unparsed-time')).toEqual([]);
    expect(ofRule(diagnostics, 'timeline-order')).toEqual([]);
  });
});

describe.skipIf(!HAVE_SEEDS && !HAVE_CORPUS)('lint over every seed and corpus file (../shared)', () => {
  const files = [
    ...(HAVE_CORPUS ? filesUnder(CORPUS_DIR, CORPUS_META) : []),
    ...(HAVE_SEEDS ? filesUnder(SEEDS_DIR) : []),
  ];
  let result: LintedInputs;
  beforeAll(async () => {
    // Named one by one, as in test/corpus.test.ts, so PDFs and extension-less files are read too.
    result = await lintInputs(files, SHARED_DIR, DEFAULT_CONFIG, null, SHARED_DIR);
  });

  it('lints every file without throwing; every diagnostic names a linted file and a real position', () => {
    expect(result.missing).toEqual([]);
    expect(result.sources.map((s) => s.path)).toEqual(files.map((f) => relative(SHARED_DIR, f)));
    const paths = new Set(result.sources.map((s) => s.path));
    for (const d of result.diagnostics) {
      expect(paths.has(d.file), d.file).toBe(true);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(['error', 'warning', 'info']).toContain(d.severity);
    }
  });

  it('matches the lint summary snapshot (per file: diagnostics by rule)', () => {
    const summary: Record<string, Record<string, number>> = {};
    for (const source of result.sources) summary[source.path] = {};
    for (const d of result.diagnostics) {
      const counts = summary[d.file] ?? (summary[d.file] = {});
      counts[d.rule] = (counts[d.rule] ?? 0) + 1;
    }
    const sorted = Object.fromEntries(
      Object.keys(summary).map((path) => [
        path,
        Object.fromEntries(Object.entries(summary[path] ?? {}).sort(([a], [b]) => a.localeCompare(b))),
      ]),
    );
    golden('lint-summary', sorted, { dir: SNAPSHOTS_DIR });
  });
});
