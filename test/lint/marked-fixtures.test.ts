import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { RULES } from '../../src/lint/rules/index.js';
import { lintInputs } from '../../src/pipeline.js';
import { TEST_DIR } from '../helpers.js';

/**
 * Fixtures with inline expectation markers (style practice 5, after markdownlint's test files). A line ending in
 *
 *     <!-- expect: rule-id -->            or   <!-- expect: rule-id, other-id -->
 *
 * means "exactly these rules report on this line". Each fixture is linted on its own with the default config
 * (copied to a temp folder first, so relative links and file names are checked as they would be in a project),
 * and the (line, rule) pairs reported must equal the markers: nothing missing, nothing extra. A fixture without
 * markers must lint clean.
 */

const FIXTURES = join(TEST_DIR, 'lint', 'fixtures');
const MARKER = /<!--\s*expect:\s*([^>]*?)\s*-->\s*$/;
/** Every rule's id (brief §3.2's and ours): a marker naming anything else is a typo in the fixture. */
const RULE_IDS = RULES.map((rule) => rule.id);
const CLEAN = '2025-03-02-clean-review.md';

/** `line rule` for every marker in a fixture, sorted. */
function readMarkers(text: string): string[] {
  const pairs = text.split('\n').flatMap((line, index) => {
    const ids = MARKER.exec(line)?.[1];
    if (ids === undefined) return [];
    return ids
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '')
      .map((id) => key(index + 1, id));
  });
  return [...new Set(pairs)].sort(byLine);
}

function key(line: number, rule: string): string {
  return `${line} ${rule}`;
}

function byLine(a: string, b: string): number {
  return Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b);
}

const fixtures = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.md'))
  .sort();

let work = '';
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'hindsight-marked-'));
  cpSync(FIXTURES, work, { recursive: true });
});
afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe('marked lint fixtures (test/lint/fixtures)', () => {
  it('has the fixtures, the clean one without a single marker', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
    expect(fixtures).toContain(CLEAN);
    expect(readMarkers(readFileSync(join(FIXTURES, CLEAN), 'utf8'))).toEqual([]);
  });

  it('markers name only rule ids', () => {
    for (const name of fixtures) {
      const rules = readMarkers(readFileSync(join(FIXTURES, name), 'utf8')).map((m) => m.split(' ')[1]);
      for (const rule of rules) expect(RULE_IDS, `${name}: ${rule}`).toContain(rule);
    }
  });

  it('reads markers: one or several ids, only at the end of a line', () => {
    expect(
      readMarkers(
        [
          'text <!-- expect: empty-section -->',
          '- [ ] item <!-- expect: action-item-owner, action-item-untracked -->',
          '<!-- expect: placeholder-text --> not at the end',
          '<!-- hindsight-disable-next-line -->',
        ].join('\n'),
      ),
    ).toEqual(['1 empty-section', '2 action-item-owner', '2 action-item-untracked']);
  });

  for (const name of fixtures) {
    const expected = readMarkers(readFileSync(join(FIXTURES, name), 'utf8'));
    const known = new Set(RULES.map((r) => r.id));
    const awaiting = [...new Set(expected.map((m) => m.split(' ')[1] as string))].filter(
      (r) => !known.has(r),
    );
    const title = `${name}: lint reports exactly its markers${awaiting.length > 0 ? ` (needs rules: ${awaiting.join(', ')})` : ''}`;

    it(title, async () => {
      const result = await lintInputs([join(work, name)], work, DEFAULT_CONFIG, null, work);
      expect(result.missing).toEqual([]);
      const [source] = result.sources;
      expect(
        source?.reviews.map((r) => r.isReview),
        `${name} is read as a review`,
      ).toEqual([true]);
      for (const d of result.diagnostics) expect(d.file).toBe(name);

      const actual = [...new Set(result.diagnostics.map((d) => key(d.line, d.rule)))].sort(byLine);
      const messages = new Map(result.diagnostics.map((d) => [key(d.line, d.rule), d.message]));
      const missing = expected.filter((m) => !actual.includes(m));
      const extra = actual.filter((m) => !expected.includes(m)).map((m) => `${m}: ${messages.get(m)}`);
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });
  }
});
