import type { SectionKind } from '../model/section-kind.js';
import { type Block, flat } from './blocks.js';

export interface DocumentSignals {
  /** The file's stem ("index", "2024-01-02-outage"). */
  readonly name: string;
  /** The folder holding it, which names a page bundle's `index.md`. */
  readonly folder: string;
  /** The file's extension, with its dot. */
  readonly extension: string;
  readonly text: string;
  readonly blocks: readonly Block[];
  readonly sections: readonly { readonly kind: SectionKind; readonly markdown: string }[];
  readonly timelineEvents: number;
  readonly hasIncidentMetadata: boolean;
}

const CONFIG_FILE = /^\.(ya?ml|json|toml|ini|cfg|conf)$/i;
const TEMPLATE_NAME = /template|archetype|skeleton|boilerplate/i;
const INDEX_NAME = /^(index|_index|readme|summary|toc|contents)$/i;
// Site-generator variables ({{site.baseurl}}, {{ .Site }}) are plumbing, not blanks for an author to fill.
const TEMPLATE_VARIABLE =
  /\{\{(?!\s*(?:site|page|\.|include|config|baseurl)\b)[^}]*\}\}|\[(?:insert|describe|name|date|system|title|service|your|step|check|procedure|root problem|short title|surface symptom)[^\]]*\]|<(?:insert|describe)[^>]*>|\bISSUE NAME\b/gi;
const TOC_DIRECTIVE = /^\s*(?:```\{toctree\}|\.\. toctree::)/m;

/** What a document is: a review, or a page around reviews that an import skips. */
export type DocumentKind = 'review' | 'config' | 'template' | 'index';

/**
 * Is this a post-incident review, or a page around them (an index, a template, a list of links)?
 * Non-reviews still parse; this only flags them.
 */
export function documentKind(doc: DocumentSignals): DocumentKind {
  if (CONFIG_FILE.test(doc.extension)) return 'config';
  if (looksLikeTemplate(doc)) return 'template';
  if (looksLikeIndex(doc)) return 'index';
  return 'review';
}

function reviewSignals(doc: DocumentSignals): number {
  const substantive = new Set(
    doc.sections
      .filter((s) => s.kind !== 'other' && s.kind !== 'summary' && s.markdown.trim() !== '')
      .map((s) => s.kind),
  );
  return substantive.size + (doc.timelineEvents >= 2 ? 2 : 0) + (doc.hasIncidentMetadata ? 1 : 0);
}

function looksLikeTemplate(doc: DocumentSignals): boolean {
  if (TEMPLATE_NAME.test(doc.name)) return true;
  // Timed events are what an author writes when filling a template in: then it is not one any more.
  if (doc.timelineEvents >= 3) return false;
  // A template shows itself early; long documents are only scanned at their start.
  const prose = doc.text.slice(0, 20_000).replace(/```[\s\S]*?```|`[^`\n]*`/g, '');
  if ((prose.match(TEMPLATE_VARIABLE)?.length ?? 0) >= 4) return true;
  const known = doc.sections.filter((s) => s.kind !== 'other');
  const empty = known.filter((s) => isPromptOnly(s.markdown));
  return known.length >= 4 && empty.length / known.length >= 0.7 && doc.timelineEvents === 0;
}

/** Empty, or only italic prompts / HTML comments / placeholders. */
function isPromptOnly(markdown: string): boolean {
  const stripped = markdown
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/^\s*[*_][^*_\n]+[*_]\s*$/gm, '')
    .replace(TEMPLATE_VARIABLE, '')
    .replace(/^\s*[-*|:]+\s*$/gm, '')
    .trim();
  return stripped.length < 3;
}

const SEVERITY_LINE = /^\s*(?:[-*]\s*)?\**severity\**\s*:/gim;

function looksLikeIndex(doc: DocumentSignals): boolean {
  const signals = reviewSignals(doc);
  // A page that states a severity for several incidents lists them; it is not one of them.
  if ((doc.text.match(SEVERITY_LINE)?.length ?? 0) >= 3) return true;
  if (TOC_DIRECTIVE.test(doc.text) && signals < 3) return true;
  // Every test below needs fewer signals than this; a review has more, and its list items need no counting.
  if (signals >= 4) return false;
  const items = listItems(doc.blocks);
  const linkish = items.filter((item) => item.links > 0 && item.textLength - item.linkTextLength < 60).length;
  const linkList = items.length >= 3 && linkish / items.length >= 0.6;
  const linkEntries = items.filter((item) => item.links > 0).length;
  if (linkList && signals < 3) return true;
  if (linkEntries >= 20 && linkEntries > doc.timelineEvents * 2 && signals < 4) return true;
  const pageBundle = /^\d{4}-\d{2}/.test(doc.folder);
  return INDEX_NAME.test(doc.name) && !pageBundle && signals < 2;
}

interface ItemStats {
  readonly links: number;
  readonly textLength: number;
  readonly linkTextLength: number;
}

function listItems(blocks: readonly Block[]): ItemStats[] {
  const out: ItemStats[] = [];
  for (const block of blocks) {
    if (block.type === 'list') {
      for (const item of block.items) {
        const text = flat(item.inline.text);
        out.push({
          links: item.inline.links.length,
          textLength: text.length,
          linkTextLength: item.inline.links.reduce((n, l) => n + l.text.length, 0),
        });
        out.push(...listItems(item.children));
      }
    } else if (block.type === 'paragraph' && block.inline.links.length > 0) {
      const text = flat(block.inline.text);
      const linkText = block.inline.links.reduce((n, l) => n + l.text.length, 0);
      out.push({ links: block.inline.links.length, textLength: text.length, linkTextLength: linkText });
    }
  }
  return out;
}
