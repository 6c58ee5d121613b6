import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatGithub } from '../../src/cli/formatters/github.js';
import { main } from '../../src/cli/main.js';
import { RULES } from '../../src/lint/rules/index.js';
import { parseInputs, reviewsOf } from '../../src/pipeline.js';
import { runCli, TEST_DIR } from '../helpers.js';

/**
 * `hindsight lint` through `main` in process (style practice 9): the output formats of brief §3.2 and style
 * practice 10, the exit codes of §3, a batch that goes on past broken files, and `--fix`.
 */

const FIXTURES = join(TEST_DIR, 'lint', 'fixtures');
/** A review every rule accepts, to add problems to. */
const CLEAN = readFileSync(join(FIXTURES, '2025-03-02-clean-review.md'), 'utf8');
/** The clean review with two placeholders: exactly two placeholder-text warnings. */
const TWO_PLACEHOLDERS = CLEAN.replace(
  'no orders were lost.',
  'no orders were lost. The partner’s own delay is TBD.',
).replace('## Lessons learned\n\n', '## Lessons learned\n\nTODO: ask the partner about their retries.\n');
/** The clean review with front matter YAML cannot read (an unclosed `[`); the body still parses. */
const BROKEN_FRONT_MATTER = CLEAN.replace(/^title: (.*)$/m, 'title: [$1');
/** The clean review without its Impact and Root cause sections. */
const MISSING_SECTIONS = cut(
  cut(CLEAN, '## Impact', '## Detection'),
  '## Root cause',
  '## Contributing factors',
);

function cut(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  const end = text.indexOf(to);
  if (start < 0 || end < start) throw new Error(`cannot cut ${from}…${to}`);
  return text.slice(0, start) + text.slice(end);
}

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder holding `files` (path → content). */
function project(files: Readonly<Record<string, string | Uint8Array>>): string {
  const root = mkdtempSync(join(tmpdir(), 'hindsight-lint-cli-'));
  temps.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** The marked fixtures (test/lint/fixtures) in a temp folder: a batch with every kind of finding. */
function fixturesCopy(): string {
  const root = project({});
  cpSync(FIXTURES, join(root, 'reviews'), { recursive: true });
  return root;
}

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: string;
  message: string;
}

async function lintJson(argv: readonly string[], cwd: string) {
  const run = await runCli(['lint', ...argv, '--format', 'json'], cwd);
  return { ...run, diagnostics: JSON.parse(run.stdout) as JsonDiagnostic[] };
}

const RULE_IDS = RULES.map((r) => r.id);

/** What lint should exit with for these diagnostics, without --max-warnings. */
function exitFor(diagnostics: readonly { severity?: unknown }[]): number {
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
/** The start of an ANSI escape sequence (colour, bold, dim). */
const ANSI = `${String.fromCharCode(27)}[`;

describe('hindsight lint --format json', () => {
  it('prints only a JSON array of {file,line,column,rule,severity,message} on stdout', async () => {
    const cwd = fixturesCopy();
    const run = await runCli(['lint', 'reviews', '--format', 'json'], cwd);
    const out = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(run.code).toBe(exitFor(out));
    expect(Array.isArray(out)).toBe(true);
    expect(out.length).toBeGreaterThan(10);
    for (const d of out) {
      expect(Object.keys(d).sort()).toEqual(['column', 'file', 'line', 'message', 'rule', 'severity']);
      expect(d.file).toMatch(/^reviews\/[^/]+\.md$/);
      expect(Number.isInteger(d.line) && (d.line as number) >= 1).toBe(true);
      expect(Number.isInteger(d.column) && (d.column as number) >= 1).toBe(true);
      expect(d.rule).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(['error', 'warning', 'info']).toContain(d.severity);
      expect(typeof d.message === 'string' && d.message.length > 0).toBe(true);
    }
    // No summary or progress anywhere near stdout, and none on stderr either in JSON mode.
    expect(run.stdout.trim().startsWith('[')).toBe(true);
    expect(run.stdout.trim().endsWith(']')).toBe(true);
  });

  it('prints [] for a clean review, exit 0', async () => {
    const cwd = project({ '2025-03-02-export-stall.md': CLEAN });
    const run = await runCli(['lint', '2025-03-02-export-stall.md', '--format', 'json'], cwd);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  it('an unknown --format is exit 2', async () => {
    const cwd = project({ '2025-03-02-export-stall.md': CLEAN });
    const run = await runCli(['lint', '2025-03-02-export-stall.md', '--format', 'xml'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('xml');
    expect(run.stdout).toBe('');
  });
});

describe('hindsight lint --format sarif', () => {
  interface SarifResult {
    ruleId: string;
    ruleIndex?: number;
    level: string;
    message: { text: string };
    locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  }
  interface Sarif {
    $schema: string;
    version: string;
    runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: SarifResult[] }[];
  }

  it('is SARIF 2.1.0: every rule in the driver, one result per diagnostic with its location', async () => {
    const cwd = fixturesCopy();
    const run = await runCli(['lint', 'reviews', '--format', 'sarif'], cwd);
    const sarif = JSON.parse(run.stdout) as Sarif;
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    const [runObject] = sarif.runs;
    const driver = runObject?.tool.driver;
    expect(driver?.name).toBe('hindsight');
    const driverIds = (driver?.rules ?? []).map((r) => r.id);
    for (const id of RULE_IDS) expect(driverIds).toContain(id);

    const json = await lintJson(['reviews'], cwd);
    expect(run.code).toBe(exitFor(json.diagnostics));
    const results = runObject?.results ?? [];
    expect(results).toHaveLength(json.diagnostics.length);
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      expect(typeof result.ruleId).toBe('string');
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text.length).toBeGreaterThan(0);
      const location = result.locations[0]?.physicalLocation;
      expect(location?.artifactLocation.uri).toMatch(/^reviews\/[^/]+\.md$/);
      expect(location?.region.startLine).toBeGreaterThanOrEqual(1);
      if (RULE_IDS.includes(result.ruleId)) expect(driverIds[result.ruleIndex ?? -1]).toBe(result.ruleId);
    }
    expect(results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.region.startLine])).toEqual(
      json.diagnostics.map((d) => [d.rule, d.line]),
    );
  });
});

describe('hindsight lint --format github', () => {
  const ANNOTATION = /^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,title=[a-z0-9-]+::[^\r\n]+$/;

  it('prints one ::warning/::error workflow command per diagnostic and nothing else', async () => {
    const cwd = fixturesCopy();
    const run = await runCli(['lint', 'reviews', '--format', 'github'], cwd);
    const json = await lintJson(['reviews'], cwd);
    expect(run.code).toBe(exitFor(json.diagnostics));
    const lines = run.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(json.diagnostics.length);
    for (const line of lines) expect(line).toMatch(ANNOTATION);
    const first = json.diagnostics[0] as JsonDiagnostic;
    expect(lines[0]).toBe(
      `::${first.severity === 'info' ? 'notice' : first.severity} file=${first.file},line=${first.line},col=${first.column},title=${first.rule}::${first.message}`,
    );
  });

  it('escapes , and : in properties and % in the message (a real file and finding)', async () => {
    const name = 'notes, v2: 2025-03-02 draft.md';
    const text = TWO_PLACEHOLDERS.replace('## Impact\n\n', '## Impact\n\nRollout share: {{rollout_50%}}\n\n');
    const cwd = project({ [name]: text });
    const run = await runCli(['lint', name, '--format', 'github'], cwd);
    const line = run.stdout.split('\n').find((l) => l.includes('rollout_50'));
    expect(line).toBeDefined();
    expect(line).toContain('file=notes%2C v2%3A 2025-03-02 draft.md,line=');
    expect(line).toContain('title=placeholder-text::');
    expect(line).toContain('{{rollout_50%25}}');
    expect(line).not.toContain('50%}');
  });

  it('escapes newlines and carriage returns in messages, and maps info to notice', () => {
    const out = formatGithub([
      {
        file: 'a,b:c%.md',
        line: 3,
        column: 7,
        rule: 'placeholder-text',
        severity: 'info',
        message: 'first: line\nsecond, 100%\r',
      },
    ]);
    expect(out).toBe(
      '::notice file=a%2Cb%3Ac%25.md,line=3,col=7,title=placeholder-text::first: line%0Asecond, 100%25%0D\n',
    );
  });
});

describe('hindsight lint exit codes (brief §3)', () => {
  const file = '2025-03-02-export-stall.md';

  it('0 when there are only warnings', async () => {
    const run = await lintJson([file], project({ [file]: TWO_PLACEHOLDERS }));
    expect(run.diagnostics.map((d) => d.severity)).toEqual(['warning', 'warning']);
    expect(run.code).toBe(0);
  });

  it('1 when a diagnostic is an error (front matter YAML cannot read)', async () => {
    const run = await lintJson([file], project({ [file]: BROKEN_FRONT_MATTER }));
    expect(run.diagnostics.map((d) => [d.rule, d.severity, d.line])).toEqual([
      ['front-matter-invalid', 'error', 3],
    ]);
    expect(run.code).toBe(1);
  });

  it('1 when front matter does not match the schema (unknown severity, bad date)', async () => {
    const text = CLEAN.replace('severity: P3', 'severity: banana').replace(
      'date: 2025-03-02',
      'date: 2025-13-45',
    );
    const run = await lintJson([file], project({ [file]: text }));
    const invalid = run.diagnostics.filter((d) => d.rule === 'front-matter-invalid');
    expect(invalid.map((d) => d.line).sort()).toEqual([3, 4]);
    expect(invalid.every((d) => d.severity === 'error')).toBe(true);
    expect(run.code).toBe(1);
  });

  it('--max-warnings 0 with warnings is exit 1, and says why (human format)', async () => {
    const cwd = project({ [file]: TWO_PLACEHOLDERS });
    const run = await runCli(['lint', file, '--max-warnings', '0'], cwd);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Too many warnings: 2');
  });

  it.each([['json'], ['sarif'], ['github']])(
    '--max-warnings says why on stderr with --format %s too',
    async (format) => {
      const cwd = project({ [file]: TWO_PLACEHOLDERS });
      const run = await runCli(['lint', file, '--max-warnings', '0', '--format', format], cwd);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Too many warnings: 2');
    },
  );

  it('--max-warnings 3 (and 2) with 2 warnings is exit 0', async () => {
    const cwd = project({ [file]: TWO_PLACEHOLDERS });
    expect((await runCli(['lint', file, '--max-warnings', '3'], cwd)).code).toBe(0);
    expect((await runCli(['lint', file, '--max-warnings', '2'], cwd)).code).toBe(0);
    expect((await runCli(['lint', file, '--max-warnings', '1'], cwd)).code).toBe(1);
  });

  async function badMaxWarnings(value: string) {
    const cwd = project({ [file]: TWO_PLACEHOLDERS });
    const run = await runCli(['lint', file, `--max-warnings=${value}`], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--max-warnings');
    expect(run.stdout).toBe('');
  }

  it.each([['abc'], ['-1'], ['1.5']])('--max-warnings %j is exit 2', badMaxWarnings);

  // Regression: Number('') is 0 and Number('0x10') is 16; only plain digits are a count.
  it.each([[''], ['0x10'], ['1e1']])('--max-warnings %j is exit 2', badMaxWarnings);

  it('an unknown flag is exit 2 with a hint', async () => {
    const cwd = project({ [file]: CLEAN });
    const run = await runCli(['lint', file, '--fixx'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--fixx');
    expect(run.stderr).toContain('hindsight lint --help');
  });

  it('a missing path is exit 2, naming it, and the other inputs are still linted', async () => {
    const cwd = project({ [file]: TWO_PLACEHOLDERS });
    const run = await runCli(['lint', 'nope.md', file, '--format', 'json'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nope.md');
    const diagnostics = JSON.parse(run.stdout) as JsonDiagnostic[];
    expect(diagnostics.map((d) => [d.file, d.rule])).toEqual([
      [file, 'placeholder-text'],
      [file, 'placeholder-text'],
    ]);
  });
});

describe('a batch goes on past files it cannot read', () => {
  it('a binary file and a broken file get one diagnostic each; the other files are linted', async () => {
    const binary = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    const cwd = project({
      'reviews/2025-03-02-a-screenshot.md': binary,
      'reviews/2025-03-02-b-broken-front-matter.md': BROKEN_FRONT_MATTER,
      'reviews/2025-03-02-c-export-stall.md': TWO_PLACEHOLDERS,
      'reviews/2025-03-02-d-clean.md': CLEAN,
    });
    const run = await lintJson(['reviews'], cwd);
    expect(run.code).toBe(1);
    expect(run.diagnostics.map((d) => [d.file, d.rule, d.severity])).toEqual([
      ['reviews/2025-03-02-a-screenshot.md', 'binary-file', 'error'],
      ['reviews/2025-03-02-b-broken-front-matter.md', 'front-matter-invalid', 'error'],
      ['reviews/2025-03-02-c-export-stall.md', 'placeholder-text', 'warning'],
      ['reviews/2025-03-02-c-export-stall.md', 'placeholder-text', 'warning'],
    ]);
    const human = await runCli(['lint', 'reviews'], cwd);
    expect(human.stderr).toContain('in 3 of 4 files');
  });
});

describe('hindsight lint --fix', () => {
  it('adds missing sections in one atomic write; the re-lint shows no missing-section', async () => {
    const file = '2025-03-02-export-stall.md';
    const cwd = project({ [file]: MISSING_SECTIONS });
    const before = await lintJson([file], cwd);
    expect(before.diagnostics.filter((d) => d.rule === 'missing-section')).toHaveLength(2);
    const inode = statSync(join(cwd, file)).ino;

    const run = await runCli(['lint', file, '--fix'], cwd);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Fixed \d+ problems?\./);
    const after = readFileSync(join(cwd, file), 'utf8');
    expect(after).not.toBe(MISSING_SECTIONS);
    // Written through a temp file and a rename: a new inode, and no temp file left behind.
    expect(statSync(join(cwd, file)).ino).not.toBe(inode);
    expect(readdirSync(cwd)).toEqual([file]);
    // Nothing the author wrote was lost.
    for (const line of MISSING_SECTIONS.split('\n')) expect(after).toContain(line);

    const relint = await lintJson([file], cwd);
    expect(relint.diagnostics.filter((d) => d.rule === 'missing-section')).toEqual([]);
    const reviews = reviewsOf(await parseInputs([join(cwd, file)], cwd));
    const kinds = reviews[0]?.sections.map((s) => s.kind) ?? [];
    expect(kinds).toContain('impact');
    expect(kinds).toContain('root-cause');
  });

  it('leaves a file with nothing fixable byte-identical, and still reports its problems', async () => {
    const file = '2025-03-02-export-stall.md';
    const cwd = project({ [file]: TWO_PLACEHOLDERS });
    const inode = statSync(join(cwd, file)).ino;
    const run = await runCli(['lint', file, '--fix', '--format', 'json'], cwd);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as JsonDiagnostic[]).map((d) => d.rule)).toEqual([
      'placeholder-text',
      'placeholder-text',
    ]);
    expect(readFileSync(join(cwd, file), 'utf8')).toBe(TWO_PLACEHOLDERS);
    expect(statSync(join(cwd, file)).ino).toBe(inode);
    expect(readdirSync(cwd)).toEqual([file]);
  });
});

describe('pages that are not reviews', () => {
  const INDEX = `# Incident reviews

Every review we have written, newest first.

- [Order export job stalled on a full queue volume](2025-03-02-export-stall.md)
- [Order export stalled again](2025-03-02-second-stall.md)
- [Order export stalled a third time](2025-03-02-third-stall.md)
`;
  const TEMPLATE = `---
title: "{{title}}"
date: "{{date}}"
---

# {{title}}

## Summary

*Describe what happened in two or three sentences*

## Timeline

- HH:MM [Describe the event]

## Impact

*Describe how users were impacted*

## Root cause

TBD

## Action items

- [ ] [Describe the action] @owner
`;

  it('an index page of links and a template get no review-rule diagnostics', async () => {
    const cwd = project({
      'reviews/index.md': INDEX,
      'reviews/template.md': TEMPLATE,
      'reviews/2025-03-02-export-stall.md': CLEAN,
      'reviews/2025-03-02-second-stall.md': CLEAN,
      'reviews/2025-03-02-third-stall.md': CLEAN,
    });
    const parsed = reviewsOf(await parseInputs(['reviews/index.md', 'reviews/template.md'], cwd));
    expect(parsed.map((r) => r.isReview)).toEqual([false, false]);

    const run = await lintJson(['reviews'], cwd);
    expect(run.diagnostics.filter((d) => /index|template/.test(d.file))).toEqual([]);
    expect(run.code).toBe(0);
  });
});

describe('human output (style practice 10)', () => {
  const LINE = /^(\S[^:]*):(\d+):(\d+) (error|warning|info) ([a-z0-9-]+) (\S.*)$/;

  it('prints `path:line:col severity rule message` on stdout and the summary on stderr', async () => {
    const cwd = fixturesCopy();
    const run = await runCli(['lint', 'reviews'], cwd);
    const lines = run.stdout.split('\n');
    expect(lines.pop()).toBe('');
    const printed = lines.filter((l) => l !== '');
    for (const line of printed) expect(line).toMatch(LINE);
    const json = await lintJson(['reviews'], cwd);
    expect(run.code).toBe(exitFor(json.diagnostics));
    expect(printed).toHaveLength(json.diagnostics.length);
    // A blank line between files, never two in a row.
    expect(run.stdout).not.toContain('\n\n\n');
    expect(run.stdout).not.toMatch(/problems? \(/);
    expect(run.stderr).toMatch(
      new RegExp(
        `^${json.diagnostics.length} problems \\(\\d+ errors, \\d+ warnings, \\d+ info\\) in \\d+ of \\d+ files\\.\\n$`,
      ),
    );
  });

  it('says so on stderr when there is nothing to report', async () => {
    const cwd = project({ '2025-03-02-export-stall.md': CLEAN });
    const run = await runCli(['lint', '2025-03-02-export-stall.md'], cwd);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('No problems in 1 file.\n');
  });

  it('--quiet leaves out the summary, not the diagnostics', async () => {
    const cwd = project({ '2025-03-02-export-stall.md': TWO_PLACEHOLDERS });
    const run = await runCli(['lint', '2025-03-02-export-stall.md', '--quiet'], cwd);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('no ANSI escapes when stdout is not a TTY, or when NO_COLOR is set on a TTY', async () => {
    const cwd = fixturesCopy();
    const plain = await runCli(['lint', 'reviews'], cwd);
    expect(plain.stdout).not.toContain(ANSI);
    expect(plain.stderr).not.toContain(ANSI);

    let stdout = '';
    let stderr = '';
    const code = await main({
      argv: ['lint', 'reviews'],
      cwd,
      env: { NO_COLOR: '1' },
      stdout: { isTTY: true, write: (chunk: string) => (stdout += chunk) },
      stderr: { isTTY: true, write: (chunk: string) => (stderr += chunk) },
    });
    expect(code).toBe(plain.code);
    expect(stdout.length).toBeGreaterThan(0);
    expect(stdout).not.toContain(ANSI);
    expect(stderr).not.toContain(ANSI);
  });

  it('colours severities on a TTY without NO_COLOR, and the text is otherwise the same', async () => {
    const cwd = fixturesCopy();
    const plain = await runCli(['lint', 'reviews'], cwd);
    let stdout = '';
    await main({
      argv: ['lint', 'reviews'],
      cwd,
      env: {},
      stdout: { isTTY: true, write: (chunk: string) => (stdout += chunk) },
      stderr: { write: () => true },
    });
    expect(stdout).toContain(`${ANSI}33mwarning`);
    // eslint-disable-next-line no-control-regex
    expect(stdout.replace(/\u001b\[\d+m/g, '')).toBe(plain.stdout);
  });
});
