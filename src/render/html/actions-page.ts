import type { ActionItem } from '../../model/review.js';
import { type LinkHalves, linkHalves, NO_VALUE, reviewLink, withLink } from './components.js';
import { type Html, html } from './escape.js';
import type { PageContent } from './layout.js';
import { actionStatus } from './review-page.js';
import type { ReviewSummary } from './summary.js';
import type { SiteUrls } from './urls.js';

export interface BoardItem {
  readonly review: ReviewSummary;
  readonly item: ActionItem;
}

const NO_OWNER = 'No owner';

/** Whole days from `from` (`YYYY-MM-DD` or `YYYY-MM`) to `today`, never below 0; null when undated. */
export function ageInDays(from: string | null, today: string): number | null {
  if (from === null) return null;
  const day = (value: string) =>
    Date.parse(`${value.length === 7 ? `${value}-01` : value}T00:00:00Z`) / 86_400_000;
  const age = Math.floor(day(today) - day(from));
  return Number.isNaN(age) ? null : Math.max(0, age);
}

/**
 * Every open action item across all reviews: counts, the overdue ones first, then the open ones by owner, oldest
 * first (age = days since the review's date). Done items are counted, not listed.
 */
export function actionsPage(input: {
  readonly items: readonly BoardItem[];
  readonly today: string;
  readonly urls: SiteUrls;
}): PageContent {
  const { items, today, urls } = input;
  const open = items.filter((i) => !i.item.done);
  const overdue = open.filter((i) => actionStatus(i.item, today) === 'overdue');
  const byOwner = new Map<string, BoardItem[]>();
  for (const entry of open) {
    const owner = entry.item.owner ?? NO_OWNER;
    const list = byOwner.get(owner);
    if (list) list.push(entry);
    else byOwner.set(owner, [entry]);
  }
  const owners = [...byOwner].sort(
    ([a, x], [b, y]) =>
      Number(a === NO_OWNER) - Number(b === NO_OWNER) || y.length - x.length || a.localeCompare(b),
  );
  const done = items.length - open.length;
  return {
    title: 'Action items',
    current: 'actions',
    main: html`<h1>Action items</h1>
      <p class="lead">
        ${open.length} open · ${overdue.length} overdue · ${done} done of ${items.length}
        ${items.length > 0 ? ` (${Math.round((done / items.length) * 100)}% done)` : ''} · as of ${today}
      </p>
      ${
        overdue.length > 0
          ? html`<section aria-labelledby="overdue-title">
              <h2 id="overdue-title">Overdue</h2>
              ${itemTable(overdue, today, urls, true)}
            </section>`
          : ''
      }
      <h2>Open, by owner</h2>
      ${owners.length === 0 ? html`<p class="muted">No open action items.</p>` : ''}
      ${owners.map(
        ([owner, list]) =>
          html`<section class="owner" aria-label="${owner}">
            <h3>${owner} <span class="count">${list.length}</span></h3>
            ${itemTable(list, today, urls, false)}
          </section>`,
      )}`,
  };
}

function itemTable(list: readonly BoardItem[], today: string, urls: SiteUrls, showOwner: boolean): Html {
  // Reviews share dates (and each has several items): a date is turned into an age once per table.
  const ages = new Map<string | null, number | null>();
  const ageOf = (date: string | null) => {
    let age = ages.get(date);
    if (age === undefined) ages.set(date, (age = ageInDays(date, today)));
    return age;
  };
  const aged = list
    .map(({ item, review }) => ({ item, review, age: ageOf(review.date) }))
    .sort((a, b) => (b.age ?? -1) - (a.age ?? -1));
  return html`<div class="table-wrap">
    <table>
      <thead>
        <tr>
          <th scope="col">Action</th>
          ${showOwner ? html`<th scope="col">Owner</th>` : ''}
          <th scope="col">Due</th>
          <th scope="col">Age</th>
          <th scope="col">Review</th>
          <th scope="col">Link</th>
        </tr>
      </thead>
      <tbody>
        ${aged.map(({ item, review, age }) => boardRow(item, review, age, today, showOwner, urls))}
      </tbody>
    </table>
  </div>`;
}

interface KeptRow extends LinkHalves {
  readonly review: ReviewSummary;
  readonly today: string;
}

/**
 * Rows kept while their item lives, by whether they show the owner: a build that stays up (`build --watch`) draws
 * the board's 40,000 rows (at 10,000 reviews) again for one edit. Kept in two halves around the review link's
 * address (`linkHalves`), checked against the review and the day they were drawn for.
 */
const ROWS = { owner: new WeakMap<ActionItem, KeptRow>(), noOwner: new WeakMap<ActionItem, KeptRow>() };

function boardRow(
  item: ActionItem,
  review: ReviewSummary,
  age: number | null,
  today: string,
  showOwner: boolean,
  urls: SiteUrls,
): Html {
  const rows = showOwner ? ROWS.owner : ROWS.noOwner;
  let row = rows.get(item);
  if (row?.review !== review || row.today !== today) {
    const halves = linkHalves((link) => rowMarkup(item, review, age, today, showOwner, link));
    rows.set(item, (row = { review, today, ...halves }));
  }
  return withLink(row, urls.review(review.key));
}

function rowMarkup(
  item: ActionItem,
  review: ReviewSummary,
  age: number | null,
  today: string,
  showOwner: boolean,
  urls: Pick<SiteUrls, 'review'>,
): Html {
  return html`<tr class="action-${actionStatus(item, today)}">
    <td>${item.text}</td>
    ${showOwner ? html`<td>${item.owner ?? NO_OWNER}</td>` : ''}
    <td class="date">${item.due ?? NO_VALUE}</td>
    <td class="date">${age === null ? NO_VALUE : `${age}\u00a0d`}</td>
    <td>${reviewLink(review, urls)}</td>
    <td>
      ${item.link && /^https?:\/\//i.test(item.link) ? html`<a href="${item.link}">tracker</a>` : NO_VALUE}
    </td>
  </tr>`;
}
