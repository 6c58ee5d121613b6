import type { z } from 'zod';
import { lineOf } from '../../config/load-config.js';
import { FrontMatterSchema } from '../../model/front-matter.js';
import { isValidDate } from '../../model/time.js';
import { reviewRule } from '../rule.js';

const SHAPE: Readonly<Record<string, z.ZodType | undefined>> = FrontMatterSchema.shape;
/** Keys whose value the schema checks by form only: a date in that form can still be one no calendar has. */
const DATE_KEYS = ['date', 'started', 'detected', 'mitigated', 'resolved'] as const;
const DATE_PARTS = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[ T](\d{1,2}):(\d{2}))?/;

export const frontMatterInvalid = reviewRule({
  id: 'front-matter-invalid',
  scope: 'review',
  description: 'Front matter that does not match the schema (unknown severity, bad date …).',
  defaultSeverity: 'error',
  docs: `The front matter is where Hindsight — and every tool reading the reviews — takes a review's date, severity
and times from. A value it cannot read is silently missing from stats, search and the site, so an invalid value
is an error, not a style question.

Reported:

- YAML (\`---\`) or TOML (\`+++\`) that cannot be parsed, at the line the parser stopped;
- a known key with a value of the wrong form, at that key's line: a \`severity\` that is not P1…P5, SEV-1…SEV-5 or
  critical/high/medium/low/trivial; a \`date\` that is not YYYY-MM-DD (or YYYY-MM); \`started\`, \`detected\`,
  \`mitigated\` or \`resolved\` without a time (YYYY-MM-DDTHH:MM); a \`title\` that is empty or not text.

Keys Hindsight does not know (a site generator's \`layout\`, \`nav_order\` …) are allowed and not checked. Editors
that read JSON Schema can check the front matter as you type with \`schema/front-matter.schema.json\`.`,
  examples: {
    ok: [
      {
        markdown: `---
title: Checkout latency after cache eviction
date: 2025-03-02
severity: P3
started: 2025-03-02T09:14
detected: 2025-03-02T09:21
layout: post
---

# Checkout latency after cache eviction
`,
      },
    ],
    notOk: [
      {
        markdown: `---
title: Checkout latency after cache eviction
date: 2 March 2025
severity: whenever
started: 2025-03-02
---

# Checkout latency after cache eviction
`,
      },
      {
        markdown: `---
title: Checkout latency: cache eviction
severity: P3
---

# Checkout latency after cache eviction
`,
      },
    ],
  },
  check({ document, parseFindings }, report) {
    for (const finding of parseFindings)
      report({ line: finding.line, column: finding.column, message: finding.message });
    if (document.frontMatterLines === 0 || parseFindings.length > 0) return;
    const text = document.lines.slice(0, document.frontMatterLines).join('\n');
    const open = document.lines.findIndex((l) => l.trim() !== '') + 1;
    const result = FrontMatterSchema.safeParse(document.frontMatter);
    const issues = result.success ? [] : result.error.issues;
    for (const issue of issues) {
      const key = issue.path[0];
      const field = issue.path.map(String).join('.');
      const line = key === undefined ? open : keyLine(text, String(key), open);
      const value = valueAt(document.frontMatter, issue.path);
      const found = value === undefined ? '' : `; found ${JSON.stringify(value)}`;
      const problem = issue.message.replace(/^Invalid input: /, '');
      // A refinement's message already says what to write ("use P1…P5 …"); the others get the key's description.
      const tail = issue.code === 'custom' ? '' : ` (${hint(key)})`;
      report({ line, message: `${field}: ${problem}${found}${tail}.` });
    }
    const reported = new Set(issues.map((issue) => issue.path[0]));
    for (const key of DATE_KEYS) {
      const value = document.frontMatter[key];
      if (reported.has(key) || typeof value !== 'string') continue;
      const problem = calendarProblem(value);
      if (problem === null) continue;
      report({
        line: keyLine(text, key, open),
        message: `${key}: ${JSON.stringify(value)} ${problem} (${hint(key)}).`,
      });
    }
  },
});

/** What the schema says the key is for, as a hint. */
function hint(key: PropertyKey | undefined): string {
  const about = key === undefined ? undefined : SHAPE[String(key)]?.description;
  return about ? `${String(key)}: ${about.replace(/\.$/, '')}` : 'fix the value or remove the key';
}

/** Why a date in the right form is still not a real date or time ("2025-13-45", "25:10"), or null. */
function calendarProblem(value: string): string | null {
  const parts = DATE_PARTS.exec(value);
  if (!parts) return null;
  const [, year, month, day, hour, minute] = parts;
  if (Number(month) < 1 || Number(month) > 12) return 'has no such month';
  if (day !== undefined && !isValidDate(Number(year), Number(month), Number(day)))
    return 'is not a date in the calendar';
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59)) return 'is not a time of day';
  return null;
}

/** The line a key is written on (YAML `key:` or TOML `key =`), else the opening fence's. */
function keyLine(text: string, key: string, fallback: number): number {
  const yaml = lineOf(text, key);
  if (yaml > 1) return yaml;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const toml = new RegExp(`^[ \\t]*(?:"${escaped}"|'${escaped}'|${escaped})[ \\t]*=`, 'm').exec(text);
  return toml ? text.slice(0, toml.index).split('\n').length : fallback;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
