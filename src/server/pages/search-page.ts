import type { Page, SearchHit } from '../../index/queries.js';
import { html, severityBadge, trusted } from '../../render/html/index.js';
import { snippetHtml } from '../snippet-html.js';
import { type ServerPage, URLS } from './shell.js';

/** Search over the index, rendered on the server: works without JavaScript, ranked, with the matches marked. */
export function searchPage(q: string, results: Page<SearchHit> | null): ServerPage {
  return {
    title: q ? `Search: ${q}` : 'Search',
    current: 'search',
    main: html`<h1>Search</h1>
      <form method="get" action="/search" role="search" class="search-form">
        <label for="q">Words to find</label>
        <input id="q" name="q" type="search" value="${q}" autofocus />
        <button type="submit">Search</button>
      </form>
      ${
        results === null
          ? ''
          : html`<p class="lead" id="search-count">
                ${results.total} ${results.total === 1 ? 'review' : 'reviews'} found
              </p>
              <ol class="search-results">
                ${results.items.map(
                  (hit) =>
                    html`<li>
                      <p>
                        ${severityBadge(hit.severity)}
                        <a href="${URLS.review(hit.id)}">${hit.title ?? hit.id}</a>
                        <span class="muted">${hit.date ?? 'undated'}</span>
                      </p>
                      <p class="snippet">${trusted(snippetHtml(hit.snippet))}</p>
                    </li>`,
                )}
              </ol>`
      }`,
  };
}
