import { type Html, html } from '../../render/html/index.js';
import type { IndexedReview } from '../../index/queries.js';
import { STATUSES } from '../api/schemas.js';
import { csrfField } from './shell.js';

/**
 * Below a review on the server: change its status and tick its action items. Plain forms (they work without
 * JavaScript), each carrying the etag of the version shown, so a change made meanwhile is refused, not overwritten.
 */
export function authoringPanel(review: IndexedReview, csrf: string): Html {
  const base = `/reviews/${encodeURIComponent(review.id)}`;
  const hidden = html`${csrfField(csrf)}<input type="hidden" name="etag" value="${review.etag}" />`;
  return html`<section class="authoring" aria-labelledby="authoring-title">
    <h2 id="authoring-title">Update this review</h2>
    <form method="post" action="${base}/status" class="inline-form">
      ${hidden}
      <label for="status-select">Status</label>
      <select id="status-select" name="status">
        ${STATUSES.map((s) => html`<option value="${s}" ${s === review.status ? ' selected' : ''}>${s}</option>`)}
      </select>
      <button type="submit">Change status</button>
    </form>
    ${
      review.actionItems.length === 0
        ? ''
        : html`<h3>Action items</h3>
            <ul class="tick-list">
              ${review.actionItems.map(
                (item, i) =>
                  html`<li>
                    <form method="post" action="${base}/actions/${i + 1}" class="tick-form">
                      ${hidden}<input type="hidden" name="done" value="${item.done ? 'false' : 'true'}" />
                      <button
                        type="submit"
                        class="tick"
                        aria-pressed="${item.done ? 'true' : 'false'}"
                        aria-label="${item.done ? 'Mark as not done' : 'Mark as done'}: ${item.text}"
                      >
                        ${item.done ? '☑' : '☐'}
                      </button>
                      <span class="${item.done ? 'done' : ''}">${item.text}</span>
                    </form>
                  </li>`,
              )}
            </ul>`
    }
  </section>`;
}
