import type { ActionItem } from '../model/review.js';
import { csvLine } from '../render/csv.js';
import type { ReviewSummary } from '../render/html/summary.js';

const COLUMNS = [
  'review_id',
  'review_title',
  'review_date',
  'text',
  'owner',
  'due',
  'done',
  'link',
  'path',
  'line',
];

/**
 * Lines kept while their item lives: a build that stays up (`build --watch`) writes every item's line again for
 * one edit (50,000 at 10,000 reviews).
 */
const LINES = new WeakMap<ActionItem, { readonly review: ReviewSummary; readonly line: string }>();

/** `actions.csv`: one RFC 4180 row per action item of every review. */
export function actionsCsv(
  items: readonly { readonly review: ReviewSummary; readonly item: ActionItem }[],
): string {
  let csv = csvLine(COLUMNS);
  for (const { review, item } of items) {
    let kept = LINES.get(item);
    if (kept?.review !== review) LINES.set(item, (kept = { review, line: itemLine(review, item) }));
    csv += kept.line;
  }
  return csv;
}

function itemLine(review: ReviewSummary, item: ActionItem): string {
  return csvLine([
    review.id,
    review.title,
    review.date,
    item.text,
    item.owner,
    item.due,
    item.done ? 'true' : 'false',
    item.link,
    review.path,
    item.line,
  ]);
}
