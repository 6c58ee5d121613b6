import { proseLines } from '../prose.js';
import { reviewRule } from '../rule.js';

/** A whole line in italics is a template's prompt ("*Describe how users were impacted*"), not content. */
const PROMPT_LINE = /^\s*(?:[*_](?![*_])[^*_]+[*_]|\[(?:describe|insert|add|enter|list)[^\]]*\])\s*$/i;
/** A bold line on its own is a sub-heading written without `#` ("**Storage Configuration**"). */
const BOLD_HEADING = /^\s*(?:\*\*|__)([^*_]+?)(?:\*\*|__)\s*:?\s*$/;
const ATX_HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
/** A bold line stands below any `#` heading around it. */
const BOLD_DEPTH = 7;
const RULE_LINE = /^\s*(?:[-*_]\s*){3,}$/;

export const emptySection = reviewRule({
  id: 'empty-section',
  scope: 'review',
  description: 'A heading with nothing under it, or only the template’s prompt.',
  defaultSeverity: 'warning',
  docs: `An empty section tells a reader that nobody thought about it — or that the review was never finished. Both
undermine trust in the whole document. Write what you know, even briefly ("No customer impact: the job retried
overnight."), or delete the heading if the section does not apply.

Template prompts (a line in italics such as *Describe how users were impacted*, an HTML comment, a
\`[Describe …]\` placeholder) do not count as content. Sub-headings written as a bold line on its own
(\`**Alerting**\`) are checked too.`,
  examples: {
    ok: [
      {
        markdown: `# Queue backlog

## Impact

*Describe how users were impacted*

Checkout confirmations were delayed by up to 40 minutes for 1,200 orders.
`,
      },
      {
        markdown: `# Queue backlog

## Impact

### Services affected

Checkout confirmations were delayed by up to 40 minutes.

### Scope

1,200 orders in the EU region.

## Root cause

### Trigger

The consumer pool was scaled to zero by a bad autoscaler rule.

### Detection

The queue-depth alert fired 25 minutes later.
`,
      },
      {
        markdown: `# Queue backlog

## Root cause

#### Chain 1: the consumers stopped

##### Why did they stop?

The autoscaler rule scaled the pool to zero at night.
`,
      },
      {
        markdown: `# Queue backlog

## Timeline

## July 22

### 01:03

The queue-depth alert fires.
`,
      },
    ],
    notOk: [
      {
        markdown: `# Queue backlog

## Impact

*Describe how users were impacted*

## Root cause

The consumer pool was scaled to zero by a bad autoscaler rule.
`,
      },
      {
        markdown: `# Queue backlog

## Prevention

**Alerting**

**Capacity**

Add a floor of two consumers to the autoscaler.
`,
      },
    ],
  },
  check({ document }, report) {
    const prose = new Map(proseLines(document).map((p) => [p.line, p.text]));
    const sections = document.sectionNodes.filter((s) => !s.nested);
    for (const [i, section] of sections.entries()) {
      if (section.heading === '') continue;
      // "## Impact" whose text is all under "### Services affected", read as a section of its own.
      const hasSubsections = (sections[i + 1]?.depth ?? 0) > section.depth;
      let current = {
        name: section.heading,
        line: section.line,
        depth: section.depth,
        content: false,
        parent: null as string | null,
      };
      const close = () => {
        if (!current.content && !(current.parent === null && hasSubsections)) {
          const where = current.parent ? ` under "${current.parent}"` : '';
          report({
            line: current.line,
            message: `"${current.name}"${where} is empty: write what is known, or remove the heading if it does not apply.`,
          });
        }
      };
      for (let line = section.bodyLine; line <= section.endLine; line++) {
        const raw = document.lines[line - 1] ?? '';
        const text = prose.get(line) ?? raw;
        const atx = ATX_HEADING.exec(text);
        const subheading = atx?.[2] ?? BOLD_HEADING.exec(text)?.[1];
        if (subheading !== undefined && prose.has(line)) {
          const depth = atx?.[1]?.length ?? BOLD_DEPTH;
          // The section's own text before its first sub-heading is optional; each sub-heading needs some, or
          // sub-headings of its own ("#### Chain 2" with its text under "##### How did …").
          if (depth > current.depth) current.content = true;
          if (current.parent !== null || current.content) close();
          current = { name: subheading.trim(), line, depth, content: false, parent: section.heading };
          continue;
        }
        if (text.trim() === '' || PROMPT_LINE.test(text) || RULE_LINE.test(text)) continue;
        current.content = true;
      }
      close();
    }
  },
});
