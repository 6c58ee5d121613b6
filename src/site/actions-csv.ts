import type { ActionItem } from '../model/review.js';
import { toCsv } from '../render/csv.js';
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

/** `actions.csv`: one RFC 4180 row per action item of every review. */
export function actionsCsv(
  items: readonly { readonly review: ReviewSummary; readonly item: ActionItem }[],
): string {
  return toCsv(
    COLUMNS,
    items.map(({ review, item }) => [
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
    ]),
  );
}
