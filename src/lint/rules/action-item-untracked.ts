import { reviewRule } from '../rule.js';
import { quoteItem } from './action-item-owner.js';

export const actionItemUntracked = reviewRule({
  id: 'action-item-untracked',
  scope: 'review',
  description: 'An open action item with no link to a tracker.',
  defaultSeverity: 'info',
  docs: `Action items written only in a review are forgotten once the review is published: nobody plans work from
review documents. Create an issue in the tracker the team plans from, and link it from the item, so the work is
scheduled and its status can be followed from the review (\`hindsight actions\` lists open items with their links).

Any \`http(s)\` link in the item counts, written as a markdown link or a bare URL, or in a Link / Ticket / Issue
column of an action-item table. Done items are not checked.`,
  examples: {
    ok: [
      {
        markdown: `# Expired certificate

## Action items

- [ ] Alert 14 days before any certificate expires @dana ([OPS-31](https://tracker.example.com/OPS-31))
- [x] Renew the certificate @dana
`,
      },
    ],
    notOk: [
      {
        markdown: `# Expired certificate

## Action items

- [ ] Alert 14 days before any certificate expires @dana
`,
      },
    ],
  },
  check({ review }, report) {
    for (const item of review.actionItems) {
      if (item.done || item.link !== null) continue;
      report({
        line: item.line,
        message: `Open action item ${quoteItem(item.text)} has no tracker link: link it to a tracker issue so it is not forgotten.`,
      });
    }
  },
});
