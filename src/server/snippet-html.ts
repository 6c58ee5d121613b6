import { MATCH_END, MATCH_START } from '../index/snippet.js';
import { escapeHtml } from '../render/html/index.js';

/** A search snippet as HTML: the text escaped, matched words in `<mark>`. */
export function snippetHtml(snippet: string): string {
  return escapeHtml(snippet).replaceAll(MATCH_START, '<mark>').replaceAll(MATCH_END, '</mark>');
}

export function snippetText(snippet: string): string {
  return snippet.replaceAll(MATCH_START, '').replaceAll(MATCH_END, '');
}
