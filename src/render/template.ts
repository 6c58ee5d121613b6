import { CANONICAL_HEADINGS, type SectionKind } from '../model/section-kind.js';
import { slugify } from '../parse/ids.js';
import { frontMatterBlock } from './yaml.js';

/** The prompt under each heading of a new review: an HTML comment, so an unfilled section renders empty. */
const PROMPTS: ReadonlyArray<readonly [SectionKind, string]> = [
  ['summary', 'What happened and who was affected, in two or three sentences.'],
  [
    'timeline',
    'Times as HH:MM under each date, from the first sign of trouble to resolution. Say the time zone.',
  ],
  ['impact', 'Who and what was affected, for how long, and how badly (users, requests, money, data).'],
  ['detection', 'How and when did we find out? How could we have found out sooner?'],
  ['response', 'Who responded, what did they do, and what got in their way?'],
  ['recovery', 'How was service restored? How could we recover faster next time?'],
  ['whys', 'Ask "why?" until you reach a cause you can act on. One numbered line per answer.'],
  ['root-cause', 'The conditions that made this possible — systems and processes, not people.'],
  ['contributing-factors', 'What made it worse or harder to fix?'],
  ['went-well', ''],
  ['went-wrong', ''],
  ['lessons', ''],
  ['action-items', 'One task per line: - [ ] what @owner due:YYYY-MM-DD [TICKET-1](https://tracker/…)'],
];

export interface NewReview {
  readonly title: string;
  readonly date: string;
  readonly severity: string | null;
}

/** A team's own template, by convention, in the reviews folder. */
export const TEMPLATE_FILE = 'template.md';

/** The file name convention: `YYYY-MM-DD-brief-description.md`, the description from the title's first words. */
export function reviewFileName(date: string, title: string): string {
  const slug = slugify(title).split('-').slice(0, 8).join('-') || 'review';
  return `${date}-${slug}.md`;
}

/** A new review: the team's own template (`template.md`, filled) when there is one, else the canonical one. */
export function newReviewText(ownTemplate: string | null, review: NewReview): string {
  return ownTemplate ? fillTemplate(ownTemplate, review) : renderTemplate(review);
}

/** A new, empty review in the canonical format. */
export function renderTemplate(review: NewReview): string {
  const frontMatter: Record<string, unknown> = { title: review.title, date: review.date };
  if (review.severity) frontMatter.severity = review.severity;
  frontMatter.status = 'draft';
  const sections = PROMPTS.map(
    ([kind, prompt]) => `## ${CANONICAL_HEADINGS[kind]}\n${prompt ? `\n<!-- ${prompt} -->\n` : ''}`,
  );
  return `${frontMatterBlock(frontMatter)}\n\n# ${review.title}\n\n${sections.join('\n')}`;
}

/** Fills `{{title}}`, `{{date}}` and `{{severity}}` in a team's own template. */
export function fillTemplate(template: string, review: NewReview): string {
  return template
    .replace(/\{\{\s*title\s*\}\}/g, review.title)
    .replace(/\{\{\s*date\s*\}\}/g, review.date)
    .replace(/\{\{\s*severity\s*\}\}/g, review.severity ?? '');
}
