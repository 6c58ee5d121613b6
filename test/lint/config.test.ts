import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, TEST_DIR } from '../helpers.js';

/**
 * `hindsight.config.json` / `.yaml` as users meet it: through `hindsight lint` (style practice 9), in a temp
 * folder per case. Config mistakes are usage failures (exit 2) with a message naming the file, the line and the
 * field; a config that loads changes what the rules report.
 */

/** A review every rule accepts (test/lint/fixtures/2025-03-02-clean-review.md), to add problems to. */
const CLEAN = readFileSync(join(TEST_DIR, 'lint', 'fixtures', '2025-03-02-clean-review.md'), 'utf8');
/** The clean review with two placeholders: two placeholder-text warnings and nothing else. */
const TWO_PLACEHOLDERS = CLEAN.replace(
  'no orders were lost.',
  'no orders were lost. The partner’s own delay is TBD.',
).replace('## Lessons learned\n\n', '## Lessons learned\n\nTODO: ask the partner about their retries.\n');

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder holding `files` (path → content). */
function project(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'hindsight-config-'));
  temps.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

interface JsonDiagnostic {
  file: string;
  line: number;
  rule: string;
  severity: string;
  message: string;
}

async function lintJson(argv: readonly string[], cwd: string) {
  const run = await runCli(['lint', ...argv, '--format', 'json'], cwd);
  const diagnostics = run.stdout === '' ? [] : (JSON.parse(run.stdout) as JsonDiagnostic[]);
  return { ...run, diagnostics };
}

const rulesOf = (diagnostics: readonly JsonDiagnostic[]) => diagnostics.map((d) => d.rule).sort();

describe('config errors are usage failures (exit 2) that say what to fix', () => {
  it('a misspelt rule id names the rule it was probably meant to be', async () => {
    const cwd = project({
      'hindsight.config.json': JSON.stringify({ rules: { 'placeholder-txt': 'off' } }, null, 2),
      '2025-03-02-export-stall.md': CLEAN,
    });
    const run = await runCli(['lint', '2025-03-02-export-stall.md'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('did you mean "placeholder-text"');
    expect(run.stderr).toContain('rules.placeholder-txt');
    expect(run.stdout).toBe('');
  });

  it('a field of the wrong type names the field and the config file with its line', async () => {
    const cwd = project({
      'hindsight.config.json': '{\n  "ignore": [],\n  "requiredSections": "summary"\n}\n',
      '2025-03-02-export-stall.md': CLEAN,
    });
    const run = await runCli(['lint', '2025-03-02-export-stall.md'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(cwd, 'hindsight.config.json')}:3 requiredSections:`);
    expect(run.stderr).toMatch(/expected array/i);
  });

  it('an unknown top-level field lists the known fields', async () => {
    const cwd = project({
      'hindsight.config.json': '{\n  "reviews": "docs/incidents",\n  "rule": {}\n}\n',
      'docs/incidents/2025-03-02-export-stall.md': CLEAN,
    });
    const run = await runCli(['lint'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(cwd, 'hindsight.config.json')}:3`);
    expect(run.stderr).toContain('"rule"');
    for (const field of ['reviews', 'ignore', 'requiredSections', 'rules'])
      expect(run.stderr).toContain(field);
  });

  it('a config that is not valid JSON or YAML is exit 2 naming the file', async () => {
    const json = project({ 'hindsight.config.json': '{ "rules": { ', 'a.md': CLEAN });
    const yaml = project({ 'hindsight.config.yaml': 'rules: [unclosed\n', 'a.md': CLEAN });
    for (const [cwd, name] of [
      [json, 'hindsight.config.json'],
      [yaml, 'hindsight.config.yaml'],
    ] as const) {
      const run = await runCli(['lint', 'a.md'], cwd);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(join(cwd, name));
    }
  });

  it('options for a rule that takes none are refused', async () => {
    const cwd = project({
      'hindsight.config.json': JSON.stringify({ rules: { 'empty-section': { options: { depth: 2 } } } }),
      '2025-03-02-export-stall.md': CLEAN,
    });
    const run = await runCli(['lint', '2025-03-02-export-stall.md'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('rules.empty-section.options');
  });

  it('--config naming a file that does not exist is exit 2', async () => {
    const cwd = project({ '2025-03-02-export-stall.md': CLEAN });
    const run = await runCli(['lint', '--config', 'nope.json', '2025-03-02-export-stall.md'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nope.json');
  });
});

describe('a config that loads changes what lint reports', () => {
  it('without a config the two placeholders are two warnings, exit 0', async () => {
    const cwd = project({ '2025-03-02-export-stall.md': TWO_PLACEHOLDERS });
    const run = await lintJson(['2025-03-02-export-stall.md'], cwd);
    expect(run.code).toBe(0);
    expect(run.diagnostics.map((d) => [d.rule, d.severity])).toEqual([
      ['placeholder-text', 'warning'],
      ['placeholder-text', 'warning'],
    ]);
  });

  it('a YAML config (hindsight.config.yaml) is read like the JSON one', async () => {
    const cwd = project({
      'hindsight.config.yaml': '# team settings\nrules:\n  placeholder-text: error\n',
      '2025-03-02-export-stall.md': TWO_PLACEHOLDERS,
    });
    const run = await lintJson(['2025-03-02-export-stall.md'], cwd);
    expect(run.code).toBe(1);
    expect(run.diagnostics.map((d) => [d.rule, d.severity])).toEqual([
      ['placeholder-text', 'error'],
      ['placeholder-text', 'error'],
    ]);
  });

  it('rules: { "placeholder-text": "off" } silences the rule', async () => {
    const cwd = project({
      'hindsight.config.json': JSON.stringify({ rules: { 'placeholder-text': 'off' } }),
      '2025-03-02-export-stall.md': TWO_PLACEHOLDERS,
    });
    const run = await lintJson(['2025-03-02-export-stall.md'], cwd);
    expect(run.code).toBe(0);
    expect(run.diagnostics).toEqual([]);
  });

  it('{ "severity": "error" } raises a warning to an error, and the run exits 1', async () => {
    const cwd = project({
      'hindsight.config.json': JSON.stringify({ rules: { 'placeholder-text': { severity: 'error' } } }),
      '2025-03-02-export-stall.md': TWO_PLACEHOLDERS,
    });
    const run = await lintJson(['2025-03-02-export-stall.md'], cwd);
    expect(run.code).toBe(1);
    expect(run.diagnostics.map((d) => d.severity)).toEqual(['error', 'error']);
  });

  it('"info" lowers a rule to info: reported, exit 0 even with --max-warnings 0', async () => {
    const cwd = project({
      'hindsight.config.json': JSON.stringify({ rules: { 'placeholder-text': 'info' } }),
      '2025-03-02-export-stall.md': TWO_PLACEHOLDERS,
    });
    const run = await lintJson(['2025-03-02-export-stall.md', '--max-warnings', '0'], cwd);
    expect(run.code).toBe(0);
    expect(run.diagnostics.map((d) => d.severity)).toEqual(['info', 'info']);
  });

  it('requiredSections changes what missing-section asks for', async () => {
    // The clean review has no "Response" section and no "Five whys".
    const files = { '2025-03-02-export-stall.md': CLEAN };
    const byDefault = await lintJson(['2025-03-02-export-stall.md'], project(files));
    expect(rulesOf(byDefault.diagnostics)).toEqual([]);

    const stricter = project({
      ...files,
      'hindsight.config.json': JSON.stringify({ requiredSections: ['summary', 'response', 'whys'] }),
    });
    const strict = await lintJson(['2025-03-02-export-stall.md'], stricter);
    expect(rulesOf(strict.diagnostics)).toEqual(['missing-section', 'missing-section']);
    expect(strict.diagnostics.map((d) => d.message).join('\n')).toMatch(/response/i);
    expect(strict.diagnostics.map((d) => d.message).join('\n')).toMatch(/why/i);

    // A review with only a summary and a timeline passes once nothing else is required.
    const short = CLEAN.slice(0, CLEAN.indexOf('## Impact'));
    const lenient = project({
      '2025-03-02-export-stall.md': short,
      'hindsight.config.json': JSON.stringify({ requiredSections: ['summary', 'timeline'] }),
    });
    const relaxed = await lintJson(['2025-03-02-export-stall.md'], lenient);
    expect(rulesOf(relaxed.diagnostics)).toEqual([]);
    // … and the same file under the defaults lacks impact, root cause and action items.
    const defaults = await lintJson(
      ['2025-03-02-export-stall.md'],
      project({ '2025-03-02-export-stall.md': short }),
    );
    expect(rulesOf(defaults.diagnostics)).toEqual(['missing-section', 'missing-section', 'missing-section']);
  });

  it('ignore globs (relative to the config file) leave files out', async () => {
    const cwd = project({
      'hindsight.config.json': JSON.stringify({ ignore: ['docs/incidents/drafts/**', '**/*-wip.md'] }),
      'docs/incidents/2025-03-02-export-stall.md': TWO_PLACEHOLDERS,
      'docs/incidents/drafts/2025-03-03-half-written.md': TWO_PLACEHOLDERS,
      'docs/incidents/2025-03-04-cache-wip.md': TWO_PLACEHOLDERS,
    });
    const run = await lintJson(['docs/incidents'], cwd);
    expect(run.code).toBe(0);
    expect([...new Set(run.diagnostics.map((d) => d.file))]).toEqual([
      join('docs', 'incidents', '2025-03-02-export-stall.md'),
    ]);
    const human = await runCli(['lint', 'docs/incidents'], cwd);
    expect(human.stderr).toContain('in 1 of 1 files');
  });

  it('"reviews" names the folder linted when no paths are given', async () => {
    const cwd = project({
      'hindsight.config.json': JSON.stringify({ reviews: 'handbook/postmortems' }),
      'handbook/postmortems/2025-03-02-export-stall.md': TWO_PLACEHOLDERS,
      // Not linted: the config says where the reviews are, so the default folders are not looked at.
      'docs/incidents/2025-03-02-other-stall.md': TWO_PLACEHOLDERS,
    });
    const run = await lintJson([], cwd);
    expect(run.code).toBe(0);
    expect([...new Set(run.diagnostics.map((d) => d.file))]).toEqual([
      join('handbook', 'postmortems', '2025-03-02-export-stall.md'),
    ]);
  });

  it('without a config or paths, docs/incidents is linted; with no such folder it is exit 2', async () => {
    const found = project({ 'docs/incidents/2025-03-02-export-stall.md': TWO_PLACEHOLDERS });
    const run = await lintJson([], found);
    expect(run.code).toBe(0);
    expect(run.diagnostics).toHaveLength(2);

    const empty = project({ 'notes.txt': 'nothing here' });
    const none = await runCli(['lint'], empty);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No reviews folder found');
  });

  it('a config in a parent folder is found, and its paths are relative to it', async () => {
    const cwd = project({
      'hindsight.config.json': JSON.stringify({
        reviews: 'docs/incidents',
        rules: { 'placeholder-text': 'off' },
      }),
      'docs/incidents/2025-03-02-export-stall.md': TWO_PLACEHOLDERS,
      'docs/incidents/2025-03-02-second-stall.md': CLEAN.replace(
        '## Detection\n',
        '## Detection\n\n## Response\n',
      ),
    });
    const nested = join(cwd, 'docs', 'incidents');
    const named = await lintJson(['2025-03-02-export-stall.md'], nested);
    expect(named.code).toBe(0);
    expect(named.diagnostics).toEqual([]);

    // No paths, from a folder below the config: the config's "reviews" folder, resolved from the config's folder.
    const sub = join(cwd, 'docs');
    const all = await lintJson([], sub);
    expect(all.code).toBe(0);
    expect(all.diagnostics.map((d) => [d.file, d.rule])).toEqual([
      [join('incidents', '2025-03-02-second-stall.md'), 'empty-section'],
    ]);
  });
});

describe('the defaults', () => {
  it('are what the schema makes of an empty config (written out so a run without one never loads zod)', async () => {
    const { ConfigSchema } = await import('../../src/config/config.js');
    const { DEFAULT_CONFIG } = await import('../../src/config/defaults.js');
    expect(DEFAULT_CONFIG).toEqual(ConfigSchema.parse({}));
  });
});
