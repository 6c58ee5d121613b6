import { html } from '../../render/html/index.js';
import { csrfField, type ServerPage } from './shell.js';

export interface NewReviewForm {
  readonly title: string;
  readonly date: string;
  readonly severity: string;
  readonly error?: string;
}

const SEVERITIES = ['', 'P1', 'P2', 'P3', 'P4', 'P5'] as const;

/** "New review": a title, the day impact began and a severity; the file comes from the folder's template. */
export function newReviewPage(form: NewReviewForm, csrf: string): ServerPage {
  return {
    title: 'New review',
    current: 'new',
    main: html`<h1>New review</h1>
      <p class="lead">
        Starts a file named <code>YYYY-MM-DD-brief-description.md</code> from the folder's
        <code>template.md</code> (or the standard template) and opens it in the editor.
      </p>
      ${form.error ? html`<p class="form-error" role="alert">${form.error}</p>` : ''}
      <form method="post" action="/new" class="stacked-form">
        ${csrfField(csrf)}
        <label for="title">Title</label>
        <input id="title" name="title" required maxlength="200" value="${form.title}" />
        <label for="date">Day the impact began</label>
        <input id="date" name="date" type="date" required value="${form.date}" />
        <label for="severity">Severity</label>
        <select id="severity" name="severity">
          ${SEVERITIES.map((s) => html`<option value="${s}" ${s === form.severity ? ' selected' : ''}>${s || 'not known yet'}</option>`)}
        </select>
        <button type="submit">Create and edit</button>
      </form>`,
  };
}

/** The token prompt: writes need the server's token when it listens beyond this machine. */
export function loginPage(next: string, csrf: string, error?: string): ServerPage {
  return {
    title: 'Token',
    main: html`<h1>This server needs its token for changes</h1>
      <p class="lead">It was started with <code>HINDSIGHT_TOKEN</code>; ask whoever runs it.</p>
      ${error ? html`<p class="form-error" role="alert">${error}</p>` : ''}
      <form method="post" action="/login" class="stacked-form">
        ${csrfField(csrf)}
        <input type="hidden" name="next" value="${next}" />
        <label for="token">Token</label>
        <input id="token" name="token" type="password" required autocomplete="current-password" />
        <button type="submit">Continue</button>
      </form>`,
  };
}
