import { z } from 'zod';
import { DEFAULT_REQUIRED_SECTIONS } from '../../config/defaults.js';
import { CANONICAL_HEADINGS, SECTION_KINDS, type SectionKind } from '../../model/section-kind.js';
import type { AnalyzedReview } from '../../parse/parse-review.js';
import { proseLines } from '../prose.js';
import { reviewRule, type TextEdit } from '../rule.js';

export interface MissingSectionOptions {
  /** The section kinds every review must have; the config's `requiredSections` unless the rule says otherwise. */
  readonly sections: readonly SectionKind[];
}

/** What each section is for: the prompt the fix writes under a new heading, and what the message asks for. */
const PURPOSE: Readonly<Record<SectionKind, string>> = {
  summary: 'what happened, to whom, for how long, and how it ended, in two or three sentences',
  leadup: 'the changes and circumstances that led up to the incident',
  timeline: 'what happened when, one entry per line as `- YYYY-MM-DD HH:MM what happened`',
  impact: 'who was affected, how badly and for how long',
  detection: 'how the problem was noticed, and how it could have been noticed sooner',
  response: 'who responded and what they did',
  recovery: 'how service was restored',
  whys: 'why it happened, asking "why?" until you reach something that can be changed',
  'root-cause': 'the conditions in the system that made the failure possible',
  'contributing-factors': 'what made the incident more likely or worse',
  'went-well': 'what helped during the response',
  'went-wrong': 'what made the response harder',
  lessons: 'what the team learned',
  'action-items': 'what will change, one task per line with `@owner` and a tracker link',
  prevention: 'what will stop this from happening again',
  other: 'what this section is about',
};

const FENCE = /^\s*(```|~~~)/;
const H1 = /^\s{0,3}#\s+\S/;

export const missingSection = reviewRule<MissingSectionOptions>({
  id: 'missing-section',
  scope: 'review',
  description:
    'A required section (by default summary, timeline, impact, root cause, action items) is absent.',
  defaultSeverity: 'warning',
  docs: `A review is read by people who were not there. Without a summary they cannot tell what happened; without a
timeline, impact or root cause they cannot judge whether the action items address the problem; without action
items nothing changes. Add the missing section and write what is known, even briefly.

Sections are recognised by meaning, not by spelling: "What happened?", "Customer impact" and "Follow-ups" count
as timeline, impact and action items. Text between the title and the first heading counts as the summary when
there is no "Summary" heading, and so does a \`summary:\` in the front matter.

The required kinds come from \`requiredSections\` in the config (default: summary, timeline, impact, root-cause,
action-items), or from this rule's \`sections\` option.

**Fix:** \`hindsight lint --fix\` appends each missing heading to the end of the file with a comment saying what
belongs there. The new sections are empty until someone writes them, so \`empty-section\` reports them next.`,
  options: {
    schema: z.object({
      sections: z
        .array(z.enum(SECTION_KINDS))
        .describe('Section kinds every review must have (default: the config’s `requiredSections`).'),
    }),
    defaults: { sections: [...DEFAULT_REQUIRED_SECTIONS] },
  },
  examples: {
    ok: [
      {
        markdown: `# Checkout latency after cache eviction

Checkout took 8–12 seconds for 40 minutes after a cache node was replaced.

## Timeline

- 2025-03-02 09:14 Cache node \`cache-3\` replaced; hit rate drops to 20%.
- 2025-03-02 09:21 Latency alert fires; on-call starts investigating.
- 2025-03-02 09:54 Cache warmed from the replica; latency back to normal.

## Impact

About 3,100 checkouts were slow; 140 were abandoned.

## Root cause

A replaced cache node starts empty, and nothing warms it before it takes traffic.

## Action items

- [ ] Warm new cache nodes before adding them to the pool @dana https://tracker.example.com/OPS-12
`,
      },
    ],
    notOk: [
      {
        markdown: `# Checkout latency after cache eviction

Checkout took 8–12 seconds for 40 minutes after a cache node was replaced.

## Timeline

- 2025-03-02 09:14 Cache node \`cache-3\` replaced; hit rate drops to 20%.
- 2025-03-02 09:54 Cache warmed from the replica; latency back to normal.

## Action items

- [ ] Warm new cache nodes before adding them to the pool @dana
`,
      },
    ],
  },
  check({ review, document, options }, report) {
    const present = new Set(review.sections.map((s) => s.kind));
    if (review.summary !== null) present.add('summary');
    const missing = [...new Set(options.sections)].filter((kind) => !present.has(kind));
    if (missing.length === 0) return;
    const line = titleLine(document);
    // One edit for all of them: insertions at one place would otherwise compete when fixes are applied.
    const fix = appendSections(document, missing);
    missing.forEach((kind, index) => {
      const heading = CANONICAL_HEADINGS[kind];
      report({
        line,
        message: `No ${heading.toLowerCase()} section (${kind}): add "## ${heading}" with ${PURPOSE[kind]}.`,
        ...(index === 0 && fix && { fix: [fix] }),
      });
    });
  },
});

/** The title's line, or the first line after the front matter. */
function titleLine(document: AnalyzedReview): number {
  const title = proseLines(document).find((p) => H1.test(p.text));
  return title?.line ?? Math.min(document.frontMatterLines + 1, document.lines.length);
}

/**
 * An edit adding an empty section per kind at the end of the file, at the depth the file's sections use. None when
 * the file ends inside a code block, where a heading would not be one.
 */
function appendSections(document: AnalyzedReview, kinds: readonly SectionKind[]): TextEdit | null {
  const { lines } = document;
  if (endsInFence(lines)) return null;
  const depth = sectionDepth(document);
  const endsWithNewline = lines.length > 1 && lines[lines.length - 1] === '';
  // Before the empty string that stands for the final newline, or after the last line when there is none.
  const at = endsWithNewline ? lines.length : lines.length + 1;
  const before = lines[at - 2] ?? '';
  const out: string[] = before.trim() === '' ? [] : [''];
  kinds.forEach((kind, i) => {
    if (i > 0) out.push('');
    out.push(`${'#'.repeat(depth)} ${CANONICAL_HEADINGS[kind]}`, '', `<!-- Write ${PURPOSE[kind]}. -->`);
  });
  if (!endsWithNewline) out.push('');
  return { fromLine: at, toLine: at, text: out.join('\n') };
}

/** The heading level most of the file's sections use (2 when it has none). */
function sectionDepth(document: AnalyzedReview): number {
  const counts = new Map<number, number>();
  for (const s of document.sectionNodes)
    if (s.depth > 0 && !s.nested) counts.set(s.depth, (counts.get(s.depth) ?? 0) + 1);
  let best = 2;
  let bestCount = 0;
  for (const [depth, count] of counts) {
    if (count > bestCount || (count === bestCount && depth < best)) {
      best = depth;
      bestCount = count;
    }
  }
  return best;
}

function endsInFence(lines: readonly string[]): boolean {
  let fence: string | null = null;
  for (const line of lines) {
    const marker = FENCE.exec(line)?.[1];
    if (marker === undefined) continue;
    if (fence === null) fence = marker;
    else if (marker === fence) fence = null;
  }
  return fence !== null;
}
