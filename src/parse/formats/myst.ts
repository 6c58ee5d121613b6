import type { Conversion } from './conversion.js';

/** MyST's cross-reference targets, `(label)=` on a line of their own. */
const TARGET = /^\(([\w.:-]+)\)=[ \t]*$/gm;
const DIRECTIVE_FENCE = /^(`{3,}|:{3,})\{([a-z][\w-]*)\}/m;

/** Markdown written for MyST (Jupyter Book, Sphinx with myst-parser): `(label)=` targets or `{directive}` fences. */
export function looksLikeMyst(text: string): boolean {
  return new RegExp(TARGET.source, 'm').test(text) || DIRECTIVE_FENCE.test(text);
}

/**
 * MyST is CommonMark with extensions; the review parser reads it once the targets, which are not text, become
 * HTML comments (lines keep their numbers) and `{ref}` roles their link text. `{toctree}` fences stay: they mark an
 * index page.
 */
export function mystToMarkdown(text: string): Conversion {
  const markdown = text
    .replace(TARGET, (_line, label: string) => `<!-- (${label})= -->`)
    .replace(/\{(?:ref|doc|numref)\}`([^`<]*?)\s*<[^>]*>`/g, '$1')
    .replace(/\{(?:ref|doc|numref)\}`([^`]*)`/g, '$1');
  return { markdown, diagnostics: [] };
}
