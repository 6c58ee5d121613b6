import type { Review } from '../model/review.js';
import { isDay } from '../model/time.js';

/**
 * Follow-through: every action item of every review (documents that are not reviews — templates, index pages —
 * are left out), whether it is done, how old it is, whether it is overdue, how complete each review's list is,
 * and which items look like they repeat an item of an earlier review ("carried over", or written again because
 * the first one was never done).
 *
 * "Today" is always a parameter (`YYYY-MM-DD`): the library never reads the clock, so results are reproducible;
 * the CLI passes the local date (`localToday`).
 */

/** One action item with the review it belongs to. */
export interface ActionRecord {
  readonly reviewId: string;
  readonly reviewPath: string;
  readonly reviewTitle: string | null;
  readonly reviewDate: string | null;
  readonly text: string;
  readonly owner: string | null;
  readonly due: string | null;
  readonly done: boolean;
  readonly link: string | null;
  readonly line: number;
  /**
   * Whole days from the review's date to today (a `YYYY-MM` date counts from the 1st of its month; never below 0,
   * even for a review dated after today); null for an undated review.
   */
  readonly ageDays: number | null;
  /** Open, with a due date before today. */
  readonly overdue: boolean;
}

export interface ReviewCompletion {
  readonly reviewId: string;
  readonly reviewPath: string;
  readonly reviewTitle: string | null;
  readonly reviewDate: string | null;
  readonly done: number;
  readonly total: number;
  /** done / total, rounded to 3 decimals. */
  readonly completionRate: number;
}

/**
 * Items done and in total, by the month of the review that raised them. The model has no completion dates (a
 * task list says only whether an item is done now), so this cannot say in which month items were completed.
 */
export interface ReviewMonthCompletion {
  /** `YYYY-MM`, or "undated". */
  readonly month: string;
  readonly done: number;
  readonly total: number;
}

/** An item that looks like it repeats an item of an earlier review. */
export interface RepeatedItem {
  readonly item: ActionRecord;
  readonly repeats: {
    readonly reviewId: string;
    readonly reviewPath: string;
    readonly reviewDate: string | null;
    readonly text: string;
    readonly done: boolean;
    readonly line: number;
  };
  /** Jaccard similarity of the two items' word sets, rounded to 3 decimals (≥ REPEAT_THRESHOLD). */
  readonly similarity: number;
}

export interface FollowThrough {
  readonly today: string;
  readonly total: number;
  readonly open: number;
  readonly done: number;
  readonly overdue: number;
  /** done / total over every item, rounded to 3 decimals; null when there are no items. */
  readonly completionRate: number | null;
  /** Reviews that have action items, in input order. */
  readonly perReview: readonly ReviewCompletion[];
  readonly byReviewMonth: readonly ReviewMonthCompletion[];
  readonly repeats: readonly RepeatedItem[];
}

/**
 * Two items are taken for the same action when the Jaccard similarity of their word sets (see `actionWords`) is
 * at least this. 0.6 keeps rewordings ("Document a per-service connection budget for pg-main" → "Write the
 * per-service connection budget for pg-main": 0.75) and leaves items that only share a verb and a system
 * ("Add alert on pg-main connections" / "Add backoff to pg-main reconnects": 0.2).
 */
export const REPEAT_THRESHOLD = 0.6;

export function actionRecords(reviews: readonly Review[], today: string): ActionRecord[] {
  const todayDay = dayNumber(checkToday(today));
  const records: ActionRecord[] = [];
  for (const review of reviews) {
    if (!review.isReview) continue;
    const reviewDay = review.date === null ? null : dayNumber(review.date);
    const ageDays = reviewDay === null ? null : Math.max(0, todayDay - reviewDay);
    for (const item of review.actionItems) {
      records.push({
        reviewId: review.id,
        reviewPath: review.source.path,
        reviewTitle: review.title,
        reviewDate: review.date,
        text: item.text,
        owner: item.owner,
        due: item.due,
        done: item.done,
        link: item.link,
        line: item.line,
        ageDays,
        overdue: !item.done && item.due !== null && item.due < today,
      });
    }
  }
  return records;
}

/** The follow-through summary of a list of items (as `actionRecords` gives them). */
export function followThroughOf(items: readonly ActionRecord[], today: string): FollowThrough {
  const done = items.filter((i) => i.done).length;
  return {
    today: checkToday(today),
    total: items.length,
    open: items.length - done,
    done,
    overdue: items.filter((i) => i.overdue).length,
    completionRate: items.length === 0 ? null : rate(done, items.length),
    perReview: perReview(items),
    byReviewMonth: byReviewMonth(items),
    repeats: findRepeats(items),
  };
}

function checkToday(today: string): string {
  if (!isDay(today)) throw new RangeError(`today must be a YYYY-MM-DD date, not "${today}"`);
  return today;
}

/** Days since the epoch of a `YYYY-MM-DD` date, or of the 1st of a `YYYY-MM` month (the model's two shapes). */
function dayNumber(date: string): number {
  const day = date.length === 10 ? Number(date.slice(8, 10)) : 1;
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, day) / 86_400_000;
}

function rate(done: number, total: number): number {
  return Math.round((done / total) * 1000) / 1000;
}

function perReview(items: readonly ActionRecord[]): ReviewCompletion[] {
  // Keyed by path and id: one file can hold several reviews, and two files can (wrongly) share an id.
  const byReview = new Map<string, { first: ActionRecord; done: number; total: number }>();
  for (const item of items) {
    const key = `${item.reviewPath}\u0000${item.reviewId}`;
    const entry = byReview.get(key) ?? { first: item, done: 0, total: 0 };
    entry.total += 1;
    if (item.done) entry.done += 1;
    byReview.set(key, entry);
  }
  return [...byReview.values()].map(({ first, done, total }) => ({
    reviewId: first.reviewId,
    reviewPath: first.reviewPath,
    reviewTitle: first.reviewTitle,
    reviewDate: first.reviewDate,
    done,
    total,
    completionRate: rate(done, total),
  }));
}

function byReviewMonth(items: readonly ActionRecord[]): ReviewMonthCompletion[] {
  const months = new Map<string, { done: number; total: number }>();
  for (const item of items) {
    const month = item.reviewDate === null ? 'undated' : item.reviewDate.slice(0, 7);
    const entry = months.get(month) ?? { done: 0, total: 0 };
    entry.total += 1;
    if (item.done) entry.done += 1;
    months.set(month, entry);
  }
  return [...months]
    .map(([month, counts]) => ({ month, ...counts }))
    .sort((a, b) =>
      a.month === 'undated' || b.month === 'undated'
        ? Number(a.month === 'undated') - Number(b.month === 'undated')
        : a.month < b.month
          ? -1
          : a.month > b.month
            ? 1
            : 0,
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Repeats

const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but nor of to in on at by for from with without into onto per as via is are was were be been ' +
    'being it its this that these those there their them they we our us you your i so if when then than too very ' +
    'can could should would will shall may might must do does did done not no all any each every some such also ' +
    'just only more most less up out over under about after before again once both own same other etc e g ie eg'
  ).split(' '),
);

/**
 * The words an action item is compared by: lower case, without links, tracker keys (`OPS-214`, `#123`) and
 * numbers (they change between two writings of the same action), without common words, plural "s" removed.
 */
export function actionWords(text: string): string[] {
  const cleaned = text
    .toLowerCase()
    .replace(/\bhttps?:\/\/\S+/g, ' ')
    .replace(/\b[a-z][a-z0-9]*-\d+\b/g, ' ')
    .replace(/#\d+\b/g, ' ');
  const words = new Set<string>();
  for (const token of cleaned.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (token.length < 2 || /^\d+$/.test(token) || STOPWORDS.has(token)) continue;
    words.add(stem(token));
  }
  return [...words];
}

function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word) ? word.slice(0, -1) : word;
}

/** |a ∩ b| / |a ∪ b| of two word lists, each without repeats (as `actionWords` gives them). */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  const small = a.length <= b.length ? a : b;
  const large = new Set(a.length <= b.length ? b : a);
  let shared = 0;
  for (const word of small) if (large.has(word)) shared += 1;
  return shared / (a.length + b.length - shared);
}

/** Jaccard similarity of two word lists sorted as text, by merging them. */
function sortedJaccard(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? '';
    const y = b[j] ?? '';
    if (x === y) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return shared / (a.length + b.length - shared);
}

/** Items sharing one word set (the same action, written the same way), oldest review first. */
interface WordSet {
  readonly words: readonly string[];
  /** Indexes into the items, sorted by review date. */
  readonly items: number[];
  /** Other word sets at least REPEAT_THRESHOLD similar, with their similarity. */
  readonly similar: { set: WordSet; similarity: number }[];
}

/**
 * For each dated item, the most similar item of a strictly earlier review (ties: the latest such review), when
 * the similarity reaches REPEAT_THRESHOLD. Undated reviews cannot be ordered, so take no part. A `YYYY-MM` date
 * is earlier than another date only when its month is.
 *
 * Fast on large sets (no all-pairs comparison): identical word sets are merged first, then candidate pairs come
 * from prefix filtering — with each set's words ordered rarest first, two sets with Jaccard ≥ t must share a word
 * among the first |set| − ⌈t·|set|⌉ + 1 of either, so only sets sharing one of those rare words are compared.
 */
export function findRepeats(items: readonly ActionRecord[], threshold = REPEAT_THRESHOLD): RepeatedItem[] {
  const sets = wordSets(items);
  linkSimilarSets(sets, threshold);
  const found: RepeatedItem[] = [];
  items.forEach((item, index) => {
    const date = item.reviewDate;
    if (date === null) return;
    const own = sets.byItem[index];
    if (own === undefined) return;
    let best: { index: number; similarity: number } | null = null;
    for (const { set, similarity } of [{ set: own, similarity: 1 }, ...own.similar]) {
      if (best !== null && similarity < best.similarity) continue;
      const earlier = latestEarlier(items, set.items, date);
      if (earlier === null) continue;
      const better =
        best === null ||
        similarity > best.similarity ||
        compareDates(items[earlier]?.reviewDate ?? '', items[best.index]?.reviewDate ?? '') > 0;
      if (better) best = { index: earlier, similarity };
    }
    const repeated = best === null ? undefined : items[best.index];
    if (best === null || repeated === undefined) return;
    found.push({
      item,
      repeats: {
        reviewId: repeated.reviewId,
        reviewPath: repeated.reviewPath,
        reviewDate: repeated.reviewDate,
        text: repeated.text,
        done: repeated.done,
        line: repeated.line,
      },
      similarity: Math.round(best.similarity * 1000) / 1000,
    });
  });
  return found;
}

function wordSets(items: readonly ActionRecord[]): { all: WordSet[]; byItem: (WordSet | undefined)[] } {
  const byKey = new Map<string, WordSet>();
  const byItem: (WordSet | undefined)[] = [];
  // Carried-over items are often copied word for word: read each distinct text once.
  const byText = new Map<string, string[]>();
  items.forEach((item, index) => {
    let words = item.reviewDate === null ? [] : byText.get(item.text);
    if (words === undefined) {
      words = actionWords(item.text).sort();
      byText.set(item.text, words);
    }
    if (words.length === 0) {
      byItem.push(undefined);
      return;
    }
    const key = words.join(' ');
    let set = byKey.get(key);
    if (!set) {
      set = { words, items: [], similar: [] };
      byKey.set(key, set);
    }
    set.items.push(index);
    byItem.push(set);
  });
  const all = [...byKey.values()];
  for (const set of all) {
    set.items.sort((a, b) => compareText(items[a]?.reviewDate ?? '', items[b]?.reviewDate ?? '') || a - b);
  }
  return { all, byItem };
}

/** Fills each set's `similar` list by prefix filtering (see `findRepeats`). */
function linkSimilarSets(sets: { all: readonly WordSet[] }, threshold: number): void {
  const frequency = new Map<string, number>();
  for (const set of sets.all)
    for (const word of set.words) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const rarestFirst = (a: string, b: string) =>
    (frequency.get(a) ?? 0) - (frequency.get(b) ?? 0) || compareText(a, b);
  const index = new Map<string, WordSet[]>();
  for (const set of sets.all) {
    const ordered = [...set.words].sort(rarestFirst);
    const prefix = ordered.length - Math.ceil(threshold * ordered.length - 1e-9) + 1;
    const seen = new Set<WordSet>();
    for (const word of ordered.slice(0, prefix)) {
      const bucket = index.get(word);
      if (bucket) {
        for (const other of bucket) {
          if (seen.has(other)) continue;
          seen.add(other);
          const small = Math.min(set.words.length, other.words.length);
          const large = Math.max(set.words.length, other.words.length);
          if (small < threshold * large - 1e-9) continue;
          const similarity = sortedJaccard(set.words, other.words);
          if (similarity + 1e-9 < threshold) continue;
          set.similar.push({ set: other, similarity });
          other.similar.push({ set, similarity });
        }
        bucket.push(set);
      } else index.set(word, [set]);
    }
  }
}

/** The index (among `candidates`, sorted by review date) of the latest item strictly earlier than `date`. */
function latestEarlier(
  items: readonly ActionRecord[],
  candidates: readonly number[],
  date: string,
): number | null {
  // First position whose date sorts at or after `date`; everything before it sorts earlier as text.
  let low = 0;
  let high = candidates.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compareText(items[candidates[mid] ?? 0]?.reviewDate ?? '', date) < 0) low = mid + 1;
    else high = mid;
  }
  // As text "2025-02" sorts before "2025-02-11" without being earlier: step back over such entries.
  for (let i = low - 1; i >= 0; i--) {
    const candidate = candidates[i];
    if (candidate === undefined) continue;
    if (compareDates(items[candidate]?.reviewDate ?? '', date) < 0) return candidate;
  }
  return null;
}

/** Orders two review dates; a `YYYY-MM` date is compared by month only (so it is neither before nor after its days). */
function compareDates(a: string, b: string): number {
  if (a.length === 10 && b.length === 10) return compareText(a, b);
  return compareText(a.slice(0, 7), b.slice(0, 7));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
