import { basename } from 'node:path';
import { isValidDate } from '../../model/time.js';
import { baseName, fileStem, slugify } from '../../parse/ids.js';
import { reviewRule } from '../rule.js';

/** `YYYY-MM-DD-brief-description`: a date, then lower-case words joined by hyphens. */
const NAME = /^(\d{4})-(\d{2})-(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LEADING_DATE = /^\d{4}[-_.]?\d{2}[-_.]?\d{2}(?!\d)[-_\s]*/;

export const fileName = reviewRule({
  id: 'file-name',
  scope: 'review',
  description:
    'A file name not following `YYYY-MM-DD-brief-description.md`, or a date that disagrees with the content.',
  defaultSeverity: 'warning',
  docs: `A review's file name is its id: links between reviews, \`related:\` lists and the site's URLs use it. Names that
start with the date sort in the order incidents happened, and a few words say which incident it was without
opening the file. Name each review \`YYYY-MM-DD-brief-description.md\` — the day impact began, then lower-case
words joined by hyphens — and keep the date in the name equal to the review's own date.

Only markdown files (\`.md\`) are checked. A page bundle's \`index.md\` is checked by its folder's name
(\`2024-08-10-disk-full/index.md\`). The message suggests a name made from the review's date and title; renaming
changes the review's id, so update links to it too.`,
  examples: {
    ok: [
      {
        path: '2024-08-10-production-disk-full.md',
        markdown: `---
date: 2024-08-10
---

# Production disk full
`,
      },
      {
        path: '2024-08-10-production-disk-full/index.md',
        markdown: `# Production disk full

Disk space in production was exhausted by container logs on 2024-08-10.
`,
      },
    ],
    notOk: [
      {
        path: 'Production Disk Full.md',
        markdown: `---
date: 2024-08-10
---

# Production disk full
`,
      },
      {
        path: '2024-08-11-production-disk-full.md',
        markdown: `---
date: 2024-08-10
---

# Production disk full
`,
      },
    ],
  },
  check({ review }, report) {
    const { path, format } = review.source;
    if (format !== 'markdown' || !/\.md$/i.test(path)) return;
    const bundle = baseName(path) !== fileStem(path);
    const name = baseName(path);
    const what = bundle ? `folder name "${name}"` : `file name "${basename(path)}"`;
    const rename = bundle ? 'rename the folder to' : 'rename the file to';
    const suggest = (date: string, description: string) =>
      bundle ? `${date}-${description}` : `${date}-${description}.md`;
    const fullDate = review.date?.length === 10 ? review.date : null;
    const match = NAME.exec(name);
    if (!match || !isValidDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
      const description = describe(name, review.title);
      const date = fullDate ?? 'YYYY-MM-DD';
      report({
        line: 1,
        message: `The ${what} does not follow YYYY-MM-DD-brief-description${bundle ? '' : '.md'}: ${rename} "${suggest(date, description)}" so reviews sort by date and their ids say what happened.`,
      });
      return;
    }
    const named = `${match[1]}-${match[2]}-${match[3]}`;
    if (fullDate !== null && named !== fullDate) {
      const description = name.slice(named.length + 1);
      report({
        line: 1,
        message: `The name says ${named} but the review's date is ${fullDate}: ${rename} "${suggest(fullDate, description)}", or correct the date in the review.`,
      });
    }
  },
});

/**
 * The brief description for a suggested name: the name's own words after its date ("2021-10-31-DustStorm" →
 * "dust-storm"), or the title's first words when the name has none worth keeping ("PM2019-009 - …", "SOURCES").
 */
function describe(name: string, title: string | null): string {
  const words = (text: string) => slugify(text.replace(/([a-z])([A-Z])/g, '$1-$2'));
  const own = LEADING_DATE.test(name) ? words(name.replace(LEADING_DATE, '')) : '';
  if (own !== '') return own;
  const fromTitle = words(title ?? '')
    .replace(/^\d{4}-\d{2}-\d{2}-/, '')
    .split('-')
    .slice(0, 8)
    .join('-');
  return fromTitle || words(name) || 'brief-description';
}
