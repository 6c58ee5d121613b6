import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { applyFixes } from '../../src/lint/apply-fixes.js';
import type { LintDiagnostic } from '../../src/lint/lint-review.js';
import type { Example } from '../../src/lint/rule.js';
import { RULES } from '../../src/lint/rules/index.js';
import { lintInputs } from '../../src/pipeline.js';

/**
 * Every rule's examples are its tests (style practice 4): each ok example gives no finding of the rule, each
 * notOk example at least one. Examples go through the whole pipeline: written to a temp folder, read, parsed, linted.
 */

const DEFAULT_PATH = '2025-03-02-example-review.md';
const roots: string[] = [];

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** Writes files into a fresh temp folder; returns it. */
function folderWith(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'hindsight-rule-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function lintFiles(
  files: Readonly<Record<string, string>>,
): Promise<{ root: string; diagnostics: readonly LintDiagnostic[] }> {
  const root = folderWith(files);
  const paths = Object.keys(files).map((p) => join(root, p));
  const { diagnostics } = await lintInputs(paths, root, DEFAULT_CONFIG, null);
  return { root, diagnostics };
}

async function lintExample(
  example: Example,
): Promise<{ root: string; path: string; diagnostics: readonly LintDiagnostic[] }> {
  const path = example.path ?? DEFAULT_PATH;
  const { root, diagnostics } = await lintFiles({ [path]: example.markdown });
  return { root, path, diagnostics };
}

const ofRule = (diagnostics: readonly LintDiagnostic[], rule: string) =>
  diagnostics.filter((d) => d.rule === rule);

describe.each(RULES.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
  it('has a description, docs, and at least one ok and one notOk example', () => {
    expect(rule.description).not.toBe('');
    expect(rule.docs).not.toBe('');
    expect(rule.examples.ok.length).toBeGreaterThan(0);
    expect(rule.examples.notOk.length).toBeGreaterThan(0);
  });

  it.each(rule.examples.ok.map((example, i) => [i + 1, example] as const))(
    'ok example %i gives no finding',
    async (_n, example) => {
      const { diagnostics } = await lintExample(example);
      expect(ofRule(diagnostics, rule.id)).toEqual([]);
    },
  );

  it.each(rule.examples.notOk.map((example, i) => [i + 1, example] as const))(
    'notOk example %i gives a finding',
    async (_n, example) => {
      const { diagnostics } = await lintExample(example);
      expect(ofRule(diagnostics, rule.id).length).toBeGreaterThan(0);
    },
  );
});

describe('missing-section', () => {
  it('its fix adds every missing section in one run, and the finding goes away', async () => {
    const example = RULES.find((r) => r.id === 'missing-section')?.examples.notOk[0];
    expect(example).toBeDefined();
    const { root, path, diagnostics } = await lintExample(example as Example);
    const missing = ofRule(diagnostics, 'missing-section');
    expect(missing.map((d) => d.message)).toEqual([
      expect.stringContaining('"## Impact"'),
      expect.stringContaining('"## Root cause"'),
    ]);
    const outcomes = await applyFixes(missing, (file) => resolve(root, file));
    expect(outcomes).toEqual([{ file: path, applied: 1 }]);
    const fixed = readFileSync(join(root, path), 'utf8');
    expect(fixed).toMatch(
      /\n## Action items\n\n- \[ \] .*\n\n## Impact\n\n<!-- .* -->\n\n## Root cause\n\n<!-- .* -->\n$/,
    );
    const again = await lintInputs([join(root, path)], root, DEFAULT_CONFIG, null);
    expect(ofRule(again.diagnostics, 'missing-section')).toEqual([]);
  });

  it('appends after a file without a final newline, and ends it with one', async () => {
    const { root, diagnostics } = await lintFiles({
      [DEFAULT_PATH]: '# Cache eviction\n\nCheckout was slow.',
    });
    const missing = ofRule(diagnostics, 'missing-section');
    expect(missing).toHaveLength(4);
    await applyFixes(missing, (file) => resolve(root, file));
    const fixed = readFileSync(join(root, DEFAULT_PATH), 'utf8');
    expect(fixed.startsWith('# Cache eviction\n\nCheckout was slow.\n\n## Timeline\n')).toBe(true);
    expect(fixed.endsWith('-->\n')).toBe(true);
    const again = await lintInputs([join(root, DEFAULT_PATH)], root, DEFAULT_CONFIG, null);
    expect(ofRule(again.diagnostics, 'missing-section')).toEqual([]);
  });

  it('checks the kinds the config requires', async () => {
    const root = folderWith({ [DEFAULT_PATH]: '# Cache eviction\n\nCheckout was slow.\n' });
    const config = { ...DEFAULT_CONFIG, requiredSections: ['summary' as const, 'lessons' as const] };
    const { diagnostics } = await lintInputs([join(root, DEFAULT_PATH)], root, config, null);
    expect(ofRule(diagnostics, 'missing-section').map((d) => d.message)).toEqual([
      expect.stringContaining('"## Lessons learned"'),
    ]);
  });
});

describe('duplicate-id', () => {
  const review = (title: string) => `# ${title}

## Timeline

- 2025-03-02 09:14 Checkout latency begins to rise.
- 2025-03-02 09:21 Latency alert fires; on-call starts investigating.
- 2025-03-02 09:54 Cache warmed; latency back to normal.
`;

  it('reports each later review with an id already taken, naming the first file', async () => {
    const { diagnostics } = await lintFiles({
      'payments/2025-03-02-checkout-latency.md': review('Checkout latency after cache eviction'),
      'storefront/2025-03-02-checkout-latency.md': review('Checkout latency after a bad deploy'),
      'storefront/2025-03-03-search-latency.md': review('Search latency'),
    });
    const found = ofRule(diagnostics, 'duplicate-id');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      file: join('storefront', '2025-03-02-checkout-latency.md'),
      severity: 'error',
      line: 1,
    });
    expect(found[0]?.message).toContain('"2025-03-02-checkout-latency"');
    expect(found[0]?.message).toContain(join('payments', '2025-03-02-checkout-latency.md'));
  });

  it('says nothing when every id is different', async () => {
    const { diagnostics } = await lintFiles({
      '2025-03-02-checkout-latency.md': review('Checkout latency'),
      '2025-03-03-search-latency.md': review('Search latency'),
    });
    expect(ofRule(diagnostics, 'duplicate-id')).toEqual([]);
  });
});

describe('blameful-language', () => {
  const sentences: readonly (readonly [string, boolean])[] = [
    ["Bob's sloppy migration took the site down.", true],
    ['The outage was caused by operator error.', true],
    ['In the end it was human error.', true],
    ['If Sam had been paying attention, the alert would not have been missed.', true],
    ["It was the release manager's fault.", true],
    ['The on-call engineer should have known the pool was drained.', true],
    ['It was a careless change.', true],
    ['The migration was negligent.', true],
    ['The contractor was incompetent.', true],
    ['The reviewer was lazy.', true],
    ['That was a stupid mistake.', true],
    ["The reviewer didn't bother to run the tests.", true],
    ['The outage was blamed on the new hire.', true],
    ['The failed login was caused by user error.', true],
    ['This was user error.', true],
    ['The engineer was not paying attention.', true],
    ['The engineer was at fault.', true],
    ['Alex restarted the pods.', false],
    ['The job should finish in 5 minutes.', false],
    ['A configuration error sent traffic to a drained pool.', false],
    ['The error rate rose to 12%.', false],
    ['We saw user errors in the logs.', false],
    ['The API returned user errors for expired carts.', false],
    ['The outage was caused by a configuration error.', false],
    ["It was no one's fault.", false],
    ['This was not human error.', false],
    ['Images use lazy loading.', false],
    ['The system is fault-tolerant and it’s fault-tolerant by design.', false],
    ['We avoid the phrase "human error" in reviews.', false],
    ['Engineers were careful during the upgrade.', false],
    ['A blameless review was held.', false],
    ['The ORM avoids lazy DB lookups here.', false],
    ['Nothing in the logs showed that anything was at fault.', false],
  ];

  it.each(sentences)('%s → flagged: %s', async (sentence, flagged) => {
    const { diagnostics } = await lintFiles({
      [DEFAULT_PATH]: `# Checkout outage\n\n## Root cause\n\n${sentence}\n`,
    });
    const found = ofRule(diagnostics, 'blameful-language');
    if (flagged) {
      expect(found.length).toBeGreaterThan(0);
      expect(found[0]).toMatchObject({ line: 5 });
      expect(found[0]?.message).toMatch(/^".+" .+: describe the system condition instead/);
    } else {
      expect(found).toEqual([]);
    }
  });

  it('finds a phrase broken over two lines, at the line and column it starts', async () => {
    const { diagnostics } = await lintFiles({
      [DEFAULT_PATH]: '# Checkout outage\n\n## Root cause\n\nThe outage was caused by\noperator error.\n',
    });
    expect(ofRule(diagnostics, 'blameful-language')).toEqual([
      expect.objectContaining({
        line: 5,
        column: 16,
        message: expect.stringContaining('"caused by operator error"'),
      }),
    ]);
  });
});
