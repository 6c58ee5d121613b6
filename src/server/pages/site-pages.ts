import { Hono } from 'hono';
import type { ReviewIndex } from '../../index/review-index.js';
import { type Taxonomy, themeIds } from '../../insights/themes.js';
import type { IndexedReview } from '../../index/queries.js';
import {
  actionsPage,
  attentionPage,
  compareNewestFirst,
  DEFAULT_SITE_TITLE,
  homePage,
  LIST_FOLDERS,
  LIST_KINDS,
  listIndexPage,
  listPage,
  type ListKind,
  type ReviewSummary,
  summarizeReview,
} from '../../render/html/index.js';
import { actionsCsv } from '../../site/actions-csv.js';
import { atomFeed } from '../../site/feed.js';
import { groupBy } from '../../site/build-site.js';
import { insightsPage } from '../../site/insights-page.js';
import { HttpError } from '../http-error.js';
import { serverDocument, URLS } from './shell.js';

/** What the pages across reviews are drawn from: every review's summary, read once per index generation. */
interface Snapshot {
  readonly generation: number;
  readonly reviews: readonly { readonly review: IndexedReview; readonly summary: ReviewSummary }[];
  readonly summaries: readonly ReviewSummary[];
  readonly notReviews: readonly { readonly path: string; readonly title: string | null }[];
  readonly pages: Map<string, string>;
}

/**
 * The static site's pages across reviews — home, lists, action items, insights, needs attention — rendered live
 * by the shared renderer from the index, each kept until the index changes.
 */
export function sitePages(index: ReviewIndex, today: () => string, taxonomy: Taxonomy): Hono {
  const pages = new Hono();
  let snapshot: Snapshot | null = null;
  // By review object: the index hands back the same one while a review is unchanged, so after an edit only the
  // edited review's themes are worked out again (all of them took 4 s at 10,000 reviews).
  const themes = new WeakMap<IndexedReview, readonly string[]>();
  const themesOf = (review: IndexedReview) => {
    let found = themes.get(review);
    if (found === undefined) themes.set(review, (found = themeIds(review, taxonomy)));
    return found;
  };

  const current = (): Snapshot => {
    if (snapshot?.generation === index.generation) return snapshot;
    const documents = index.allDocuments();
    const reviews = documents
      .filter((d) => d.review.isReview)
      .map(({ review, errors }) => ({ review, summary: { ...summarizeReview(review, []), errors } }));
    const summaries = reviews.map((r) => r.summary).sort(compareNewestFirst);
    const notReviews = documents
      .filter((d) => !d.review.isReview)
      .map((d) => ({ path: d.review.source.path, title: d.review.title }));
    snapshot = { generation: index.generation, reviews, summaries, notReviews, pages: new Map() };
    return snapshot;
  };

  /** A page rendered once per index generation (and per day, for pages that count overdue items). */
  const cached = (key: string, render: (s: Snapshot) => Parameters<typeof serverDocument>[0]) => {
    const s = current();
    const fullKey = `${key}\u0000${today()}`;
    let page = s.pages.get(fullKey);
    if (page === undefined) {
      page = serverDocument(render(s));
      s.pages.set(fullKey, page);
    }
    return page;
  };

  pages.get('/', (c) => c.html(cached('home', (s) => homePage({ reviews: s.summaries, urls: URLS }))));

  pages.get('/actions', (c) =>
    c.html(
      cached('actions', (s) =>
        actionsPage({
          items: s.reviews.flatMap(({ review, summary }) =>
            review.actionItems.map((item) => ({ review: summary, item })),
          ),
          today: today(),
          urls: URLS,
        }),
      ),
    ),
  );

  pages.get('/insights', (c) =>
    c.html(
      cached('insights', (s) =>
        insightsPage({
          reviews: s.summaries,
          themes: new Map(s.reviews.map(({ review, summary }) => [summary.key, themesOf(review)])),
          themeLabels: taxonomy.labels,
        }),
      ),
    ),
  );

  pages.get('/attention', (c) =>
    c.html(
      cached('attention', (s) =>
        attentionPage({
          reviews: s.summaries.filter((r) => r.errors > 0),
          notReviews: s.notReviews,
          urls: URLS,
        }),
      ),
    ),
  );

  // The data files the footer links to, as the static site has them.
  pages.get('/actions.csv', (c) => {
    const items = current().reviews.flatMap(({ review, summary }) =>
      review.actionItems.map((item) => ({ review: summary, item })),
    );
    return c.body(actionsCsv(items), 200, { 'content-type': 'text/csv; charset=utf-8' });
  });
  // The feed's entry links are the static site's (`reviews/<id>.html`); the review route redirects those here.
  pages.get('/feed.xml', (c) =>
    c.body(
      atomFeed({
        reviews: current().summaries,
        title: DEFAULT_SITE_TITLE,
        baseUrl: new URL(c.req.url).origin,
        fallbackUpdated: today(),
      }),
      200,
      { 'content-type': 'application/atom+xml; charset=utf-8' },
    ),
  );
  pages.get('/reviews.json', (c) => c.json(current().reviews.map(({ review }) => review)));

  for (const kind of LIST_KINDS) {
    const folder = `/${LIST_FOLDERS[kind]}`;
    pages.get(folder, (c) =>
      c.html(
        cached(folder, (s) => {
          const groups = groupBy(s.summaries, kind);
          return listIndexPage({
            kind,
            counts: new Map([...groups].map(([k, v]) => [k, v.length])),
            urls: URLS,
          });
        }),
      ),
    );
    pages.get(`${folder}/:key`, (c) => {
      const key = c.req.param('key');
      return c.html(cached(`${folder}/${key}`, (s) => listOf(s.summaries, kind, key)));
    });
  }

  return pages;
}

function listOf(summaries: readonly ReviewSummary[], kind: ListKind, key: string) {
  const reviews = groupBy(summaries, kind).get(key);
  if (!reviews) throw new HttpError('not-found', `There is no ${kind} "${key}".`);
  return listPage({ kind, key, reviews, urls: URLS });
}
