import type { AnalyzedReview } from '../../parse/parse-review.js';
import { proseLines } from '../prose.js';
import { reviewRule } from '../rule.js';

interface BlamePattern {
  readonly pattern: RegExp;
  /** Why the phrase blames, for the message: `"…" <reason>: describe …`. */
  readonly reason: string;
  /** A negation just before the phrase ("not human error", "wasn't careless") takes the blame back. */
  readonly negatable: boolean;
}

/** The people an error is pinned on in "caused by operator error", "was user error". */
const PERSON =
  '(?:user|operator|engineer|developer|admin|administrator|staff|pilot|employee|human|personnel)';
/** People by role, said to be lazy or at fault. */
const ROLES = `(?:${PERSON}s?|managers?|reviewers?|contractors?|interns?|new\\s+hires?|colleagues?|teammates?|person|people|team|on-?call)`;
/** Anyone who can be at fault: a role or a pronoun. */
const PEOPLE = `(?:${ROLES}|he|she|they|who|someone|somebody|I|we)`;
/** Words that judge a person. */
const JUDGING =
  '(?:sloppy|sloppily|sloppiness|careless(?:ly|ness)?|negligent(?:ly)?|negligence|incompetent(?:ly)?|incompetence|laziness|reckless(?:ly|ness)?|stupid(?:ity)?|idiotic|foolish(?:ly)?|clueless|inexcusable)';
/** "lazy" only about people: "lazy loading", "lazy DB lookups" are techniques. */
const LAZY = `(?:(?:was|were|is|are|being|been|so|too|just|plain)\\s+lazy|lazy\\s+${ROLES})`;
/** "it's fault-tolerant", "no one's fault", "nobody's mistake" are not blame. */
const NOT_A_PERSON =
  "(?!(?:it|that|what|there|here|who|he|she|let|one|nobody|anybody|anyone|noone|everyone|everybody|no-one)['’]s\\b)";

/**
 * Phrases that pin an incident on people, tried in order; a phrase inside an earlier match is not reported again.
 * Written with `\s+` between words: a phrase may run over a line break.
 */
const BLAME_PATTERNS: readonly BlamePattern[] = [
  {
    pattern: new RegExp(
      `\\b${NOT_A_PERSON}[\\w-]+['’]s\\s+(?:sloppy|careless|botched|reckless|lazy|stupid|negligent|incompetent)\\s+[\\w-]+`,
      'gi',
    ),
    reason: "judges a person's work",
    negatable: true,
  },
  {
    pattern: new RegExp(
      `\\b${NOT_A_PERSON}[\\w-]+['’]s\\s+(?:own\\s+)?(?:fault|mistake|blunder|screw-?up|negligence|carelessness|incompetence|oversight)\\b`,
      'gi',
    ),
    reason: 'puts the fault on a person',
    negatable: true,
  },
  {
    pattern: /\b(?:his|her|their)\s+(?:own\s+)?(?:fault|mistake|blunder|negligence|carelessness)\b/gi,
    reason: 'puts the fault on a person',
    negatable: true,
  },
  {
    pattern: new RegExp(`\\b${PEOPLE}\\s+(?:is|was|were|are|been)\\s+(?:\\w+\\s+)?at\\s+fault\\b`, 'gi'),
    reason: 'puts the fault on a person',
    negatable: true,
  },
  {
    pattern: new RegExp(
      `\\b(?:caused\\s+by|due\\s+to|because\\s+of|result(?:ed)?\\s+(?:of|from)|(?:came|comes|boils|boiled)\\s+down\\s+to|attributed\\s+to|put\\s+down\\s+to|was|is|simply|just|purely|a\\s+case\\s+of)\\s+(?:an?\\s+|the\\s+)?(?:simple\\s+|careless\\s+)?${PERSON}\\s+error\\b`,
      'gi',
    ),
    reason: 'stops at a person instead of the cause',
    negatable: true,
  },
  {
    pattern: /\bhuman[-\s]+errors?\b/gi,
    reason: 'stops at a person instead of the cause',
    negatable: true,
  },
  {
    pattern: new RegExp(`\\b(?:${JUDGING}|${LAZY})(?:\\s+(?:mistake|error|blunder|move|decision))?\\b`, 'gi'),
    reason: 'judges a person',
    negatable: true,
  },
  {
    pattern:
      /\b(?:should|ought\s+to)\s*(?:have|['’]ve)\s+(?:known|realised|realized|noticed|remembered|thought|asked|double-checked|bothered|paid\s+(?:more\s+)?attention|been\s+(?:more\s+)?(?:careful|aware|paying\s+attention))\b/gi,
    reason: 'judges a person with hindsight',
    negatable: false,
  },
  {
    pattern:
      /\bif\s+(?:only\s+)?(?:[\w'’-]+\s+){1,3}?had\s+(?:been\s+)?(?:paying\s+attention|paid\s+(?:more\s+)?attention|more\s+careful|careful|bothered|listened|looked|double-checked)\b/gi,
    reason: "blames a person's attention",
    negatable: false,
  },
  {
    pattern:
      /(?:\bnot|n['’]t|\bnever|\bfailed\s+to|\black\s+of)\s+(?:paying|pay|paid)\s+(?:\w+\s+)?attention\b|\binattent(?:ive|ion)\b/gi,
    reason: "blames a person's attention",
    negatable: false,
  },
  {
    pattern:
      /(?:\bdid\s+not|\bdidn['’]t|\bnever|\bwouldn['’]t|\bwon['’]t|\bnot)\s+(?:even\s+)?bother(?:ed|ing)?\s+to\b|\bcould(?:n['’]t|\s+not)\s+be\s+bothered\b|\bneglected\s+to\b/gi,
    reason: 'assumes a person did not care',
    negatable: false,
  },
  {
    pattern:
      /\bblam(?:e|ed|es|ing)\s+(?:[\w'’-]+\s+){0,3}?on\b|\b(?:is|was|were|are)\s+(?:\w+\s+)?to\s+blame\b/gi,
    reason: 'assigns blame',
    negatable: true,
  },
];

/** Every pattern above needs one of these words: paragraphs without any skip the full set. */
const MAY_BLAME =
  /sloppi|sloppy|careless|botched|reckless|lazy|laziness|stupid|idiot|foolish|clueless|inexcusable|negligen|incompeten|fault|mistake|blunder|screw|oversight|error|human|should|ought|\bhad\s|attention|inattent|bother|neglected|blam/i;

/** A negation within two words before the phrase. */
const NEGATED =
  /(?:\b(?:not|no|never|nobody|without)|n['’]t|\brather\s+than|\binstead\s+of)\s+(?:[\w'’-]+\s+){0,2}$/i;
const OPEN_QUOTE = /["“‘'«]$/;
const CLOSE_QUOTE = /^["”’'»]/;

export const blamefulLanguage = reviewRule({
  id: 'blameful-language',
  scope: 'review',
  description: 'Blame aimed at people ("human error", "X\'s fault", "should have known", "careless").',
  defaultSeverity: 'warning',
  docs: `A review that names a culprit ends the inquiry where it should start. "Human error" and "Sam should have known"
explain nothing a reader can change, and they teach everyone to share less next time. Blameless wording describes
the conditions that made the mistake possible and easy — a command with no confirmation, a dashboard that hid the
error, a runbook that was out of date — and what would have caught it.

Rewrite the sentence around the system:

| instead of | write |
| --- | --- |
| Bob's sloppy migration took the site down. | The migration locked the \`orders\` table; nothing in review or CI checks for locking migrations. |
| The outage was caused by operator error. | The restore command targets production by default and asks for no confirmation. |
| If Sam had been paying attention, the alert would not have been missed. | The alert went to a channel with 200 messages a day, where it was easy to miss. |

Flagged: judging words (careless, sloppy, negligent, incompetent, lazy, stupid), fault pinned on someone (X's fault,
their mistake, at fault, blamed on, to blame), "human error" and errors pinned on a role ("caused by operator
error", "was user error"), hindsight judgements ("should have known"), attention ("if Sam had been paying
attention", "wasn't paying attention") and bad faith ("didn't bother to").

Not flagged: people named for what they did ("Alex restarted the pods"), "should" about systems ("the job should
finish in 5 minutes"), errors that are not people's ("a configuration error", "error rate", "user errors in the
logs"), "lazy loading", negated phrases ("this was not human error", "no one's fault"), phrases in quotes, code
spans and code blocks.`,
  examples: {
    ok: [
      {
        markdown: `# Checkout errors after a configuration change

## Summary

A configuration error sent 30% of checkout traffic to a drained pool. The error rate rose to 12% and the
job should finish in 5 minutes once the pool is back. Alex restarted the pods at 14:20, and we saw user errors in
the logs (HTTP 422 for expired carts) go back to their usual level. No one's fault: the deploy tool accepted an
empty pool list without a warning.
`,
      },
    ],
    notOk: [
      {
        markdown: `# Checkout outage

## Root cause

Bob's sloppy migration took the site down.
`,
      },
      {
        markdown: `# Checkout outage

## Root cause

The outage was caused by operator error. In the end it was human error.
`,
      },
      {
        markdown: `# Checkout outage

## What went wrong

If Sam had been paying attention, the alert would not have been missed. The on-call engineer should have known
the pool was drained.
`,
      },
      {
        markdown: `# Checkout outage

## Root cause

It was the release manager's fault: a careless change, and a stupid mistake. The team was negligent, even
incompetent, or just lazy.
`,
      },
      {
        markdown: `# Checkout outage

## What went wrong

The reviewer didn't bother to run the tests, and the outage was blamed on the new hire.
`,
      },
    ],
  },
  check({ document }, report) {
    for (const finding of findBlame(document)) report(finding);
  },
});

interface BlameFinding {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Each blaming phrase in the document's prose, with where it starts. */
export function findBlame(document: AnalyzedReview): BlameFinding[] {
  const out: BlameFinding[] = [];
  for (const chunk of paragraphs(document)) {
    if (!MAY_BLAME.test(chunk.text)) continue;
    const taken: [number, number][] = [];
    for (const { pattern, reason, negatable } of BLAME_PATTERNS) {
      for (const match of chunk.text.matchAll(pattern)) {
        const from = match.index;
        const to = from + match[0].length;
        if (taken.some(([a, b]) => from < b && to > a)) continue;
        const before = chunk.text.slice(Math.max(0, from - 40), from);
        if (negatable && NEGATED.test(before)) continue;
        if (OPEN_QUOTE.test(before) && CLOSE_QUOTE.test(chunk.text.slice(to))) continue;
        taken.push([from, to]);
        const { line, column } = chunk.position(from);
        const phrase = match[0].replace(/\s+/g, ' ');
        out.push({
          line,
          column,
          message: `"${phrase}" ${reason}: describe the system condition instead — what made it easy to do or hard to notice, and what would have caught it.`,
        });
      }
    }
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

interface Chunk {
  readonly text: string;
  position(offset: number): { line: number; column: number };
}

/** Runs of consecutive non-blank prose lines, joined by '\n', so a phrase broken over two lines is still seen. */
function paragraphs(document: AnalyzedReview): Chunk[] {
  const chunks: Chunk[] = [];
  let lines: { line: number; text: string }[] = [];
  const close = () => {
    if (lines.length === 0) return;
    const parts = lines;
    const starts: number[] = [];
    let offset = 0;
    for (const part of parts) {
      starts.push(offset);
      offset += part.text.length + 1;
    }
    chunks.push({
      text: parts.map((p) => p.text).join('\n'),
      position(at) {
        let index = 0;
        while (index + 1 < starts.length && (starts[index + 1] ?? Infinity) <= at) index++;
        const part = parts[index] ?? { line: 1 };
        return { line: part.line, column: at - (starts[index] ?? 0) + 1 };
      },
    });
    lines = [];
  };
  let previous = -1;
  for (const prose of proseLines(document)) {
    if (prose.text.trim() === '' || prose.line !== previous + 1) close();
    if (prose.text.trim() !== '') lines.push(prose);
    previous = prose.line;
  }
  close();
  return chunks;
}
