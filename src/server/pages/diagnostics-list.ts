import type { Diagnostic } from '../../model/diagnostic.js';
import { type Html, html } from '../../render/html/index.js';

/** Lint results as the editor shows them (editor.js renders the same markup from /api/preview). */
export function diagnosticsList(diagnostics: readonly Diagnostic[]): Html {
  if (diagnostics.length === 0) return html`<p class="muted">No problems found.</p>`;
  return html`<ul class="lint-list">
    ${diagnostics.map(
      (d) =>
        html`<li class="diag-${d.severity}">
          <span class="lint-where">${d.line}:${d.column}</span> <strong>${d.severity}</strong> ${d.message}
          <code>${d.rule}</code>
        </li>`,
    )}
  </ul>`;
}
