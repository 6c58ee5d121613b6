import { html, titleOf, trusted } from '../../render/html/index.js';
import type { Preview } from '../context.js';
import type { StoredReview } from '../review-files.js';
import { STATUSES } from '../api/schemas.js';
import { diagnosticsList } from './diagnostics-list.js';
import { type ServerPage, URLS } from './shell.js';

/**
 * The editor: markdown on the left, the live preview (the review page's own body) and lint diagnostics on the
 * right, status and save below. `editor.js` does the live part and the saving; without JavaScript the page still
 * shows the text and its preview. On a conflict it shows both versions and their differences to merge.
 */
export function editorPage(stored: StoredReview, preview: Preview): ServerPage {
  const { review, markdown } = stored;
  // preview.html is the shared renderer's sanitised output (reviewBody), markup already.
  const title = titleOf(review);
  return {
    title: `Edit: ${title}`,
    scripts: ['editor.js'],
    main: html`<h1>Edit <a href="${URLS.review(review.id)}">${title}</a></h1>
      <p class="muted">${review.source.path}</p>
      <form id="editor" class="editor" data-id="${review.id}" data-etag="${review.etag}">
        <div class="editor-grid">
          <div class="editor-source">
            <label for="markdown">Markdown</label>
            <textarea id="markdown" name="markdown" spellcheck="true">${markdown}</textarea>
          </div>
          <div class="editor-side">
            <section aria-labelledby="lint-title">
              <h2 id="lint-title">Lint</h2>
              <div id="diagnostics" aria-live="polite">${diagnosticsList(preview.diagnostics)}</div>
            </section>
            <section aria-labelledby="preview-title">
              <h2 id="preview-title">Preview</h2>
              <div id="preview" class="review-body">${trusted(preview.html)}</div>
            </section>
          </div>
        </div>
        <div class="editor-actions">
          <label for="status">Status</label>
          <select id="status" name="status">
            ${STATUSES.map((s) => html`<option value="${s}" ${s === review.status ? ' selected' : ''}>${s}</option>`)}
          </select>
          <button type="submit" id="save">Save</button>
          <span id="save-state" role="status" aria-live="polite"></span>
        </div>
      </form>
      <section id="conflict" class="conflict" hidden aria-labelledby="conflict-title">
        <h2 id="conflict-title">Someone else changed this review</h2>
        <p>
          Nothing of yours was written. The file now holds the version on the left; your text is on the right,
          and the differences below. Edit your text in the editor to merge, then choose.
        </p>
        <div class="merge-grid">
          <div>
            <h3>On disk now</h3>
            <pre id="theirs"></pre>
          </div>
          <div>
            <h3>Yours</h3>
            <pre id="yours"></pre>
          </div>
        </div>
        <h3>Differences</h3>
        <ol id="merge-diff" class="merge-diff"></ol>
        <p>
          <button type="button" id="save-merged">Save my text over the new version</button>
          <button type="button" id="take-theirs">Discard mine, load the new version</button>
        </p>
      </section>`,
  };
}
