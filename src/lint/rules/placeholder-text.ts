import { proseLines } from '../prose.js';
import { reviewRule } from '../rule.js';

/** Words and marks that stand where text should be. */
const PLACEHOLDERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\[\s*to be (?:continued|completed|written|added|determined|done)\s*\]/gi, 'an unfinished-text marker'],
  [/\bto be (?:continued|determined|written|completed)\b/gi, 'an unfinished-text marker'],
  [/\b(?:TBD|TBC|TODO|FIXME|XXX)\b/g, 'a placeholder'],
  [/\blorem ipsum\b/gi, 'filler text'],
  [/\{\{(?!\s*(?:site|page|\.|include|config)\b)[^}]*\}\}/g, 'an unfilled template variable'],
  // Not a link's text: "[Add 2FA now](https://…)", "[your \`pip.conf\` file][docs]".
  [/\[(?:insert|describe|add|enter|fill in|your)\b[^\]]*\](?![([])/gi, 'an unfilled template prompt'],
  [/<(?:insert|describe|enter)\b[^>]*>/gi, 'an unfilled template prompt'],
];

/** A cheap first look: a line without any of these holds none of the placeholders above. */
const MAY_HOLD_PLACEHOLDER =
  /\b(?:tbd|tbc|todo|fixme|xxx)\b|to be (?:continued|completed|written|added|determined|done)|lorem ipsum|\{\{|\[(?:insert|describe|add|enter|fill in|your)\b|<(?:insert|describe|enter)\b/i;

export const placeholderText = reviewRule({
  id: 'placeholder-text',
  scope: 'review',
  description: 'TBD, TODO, "to be continued", lorem ipsum, unfilled template variables.',
  defaultSeverity: 'warning',
  docs: `Placeholders are promises to come back. Reviews are read months later, when nobody remembers what "TBD" was
going to say. Replace each one with what is known now — or with "Unknown", and why — before the review is
published. Code spans and code blocks are not checked, so \`TODO\` inside a quoted log line is fine.`,
  examples: {
    ok: [
      {
        markdown: `# Expired certificate

## Root cause

The certificate was renewed by hand in 2023 and nobody owned the next renewal. The cron job logged \`TODO: renew\`.
`,
      },
      {
        markdown: `# Account takeover

## Lessons learned

We asked every maintainer to [add 2FA now](https://example.com/help#2fa) and to keep
[your \`recovery codes\` file](https://example.com/help#codes) somewhere safe.
`,
      },
    ],
    notOk: [
      {
        markdown: `# Expired certificate

## Root cause

TBD
`,
      },
      {
        markdown: `# Expired certificate

## Lessons learned

We learned a lot. [ to be continued ]
`,
      },
    ],
  },
  check({ document }, report) {
    for (const { line, text } of proseLines(document)) {
      if (!MAY_HOLD_PLACEHOLDER.test(text)) continue;
      const taken: [number, number][] = [];
      for (const [pattern, what] of PLACEHOLDERS) {
        for (const match of text.matchAll(pattern)) {
          const from = match.index ?? 0;
          const to = from + match[0].length;
          // "[ to be continued ]" is one placeholder, not also "to be continued" inside it.
          if (taken.some(([a, b]) => from < b && to > a)) continue;
          taken.push([from, to]);
          report({
            line,
            column: from + 1,
            message: `"${match[0].trim()}" is ${what}: replace it with what is known, or say why it is unknown.`,
          });
        }
      }
    }
  },
});
