import { reviewRule } from '../rule.js';

export const actionItemOwner = reviewRule({
  id: 'action-item-owner',
  scope: 'review',
  description: 'An open action item without an owner.',
  defaultSeverity: 'warning',
  docs: `An action item nobody owns is an action item nobody does. Name one person or team for each open item, so there
is someone to ask about it at the next review.

Hindsight reads an owner from an \`@mention\` in the item (\`@dana\`, \`@team-payments\`), an \`Owner: Dana\` label, or an
Owner / Assignee column in an action-item table. Items ticked as done (\`- [x]\`), struck through, or marked
"Done" in a status column are not checked.`,
  examples: {
    ok: [
      {
        markdown: `# Expired certificate

## Action items

- [ ] Alert 14 days before any certificate expires @dana https://tracker.example.com/OPS-31
- [x] Renew the certificate
- [ ] Move renewal to cert-manager (Owner: platform team)
`,
      },
      {
        markdown: `# Expired certificate

## Action items

| Action | Owner | Ticket |
| --- | --- | --- |
| Alert 14 days before any certificate expires | @dana | https://tracker.example.com/OPS-31 |
`,
      },
    ],
    notOk: [
      {
        markdown: `# Expired certificate

## Action items

- [ ] Alert 14 days before any certificate expires https://tracker.example.com/OPS-31
`,
      },
    ],
  },
  check({ review }, report) {
    for (const item of review.actionItems) {
      if (item.done || item.owner !== null) continue;
      report({
        line: item.line,
        message: `Action item ${quoteItem(item.text)} has no owner: add "@owner" (one person or team) so someone is accountable for it.`,
      });
    }
  },
});

/** An action item's text in quotes, cut to about 60 characters. */
export function quoteItem(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > 60 ? `${flat.slice(0, 59).trimEnd()}…` : flat}"`;
}
