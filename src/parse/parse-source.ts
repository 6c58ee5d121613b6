import { extname } from 'node:path';
import type { SourceFormat } from '../model/review.js';
import type { SourceFile } from '../read/read-sources.js';
import { filesInPatch, isGitPatch } from './git-patch.js';
import { type AnalyzedReview, analyzeMarkdownReview, type ParsedReview } from './parse-review.js';
import { markUpPlainText } from './plain-text.js';
import { splitIncidents } from './split-incidents.js';

export interface ParsedSource {
  readonly path: string;
  readonly reviews: readonly ParsedReview[];
  readonly diagnostics: ParsedReview['diagnostics'];
}

/** A source with everything parsing learned, for stages that look past the model (lint, fmt). */
export interface AnalyzedSource extends ParsedSource {
  readonly reviews: readonly AnalyzedReview[];
}

const MARKDOWN_EXTENSIONS: ReadonlySet<string> = new Set(['.md', '.markdown', '.mdown', '.mkd', '.erb']);

/**
 * One source file → the reviews it holds: usually one; several for a patch or an incident log; none for a file that
 * is not text.
 */
export function parseSource(file: SourceFile, format: SourceFormat = formatOf(file.path)): ParsedSource {
  const analyzed = analyzeSource(file, format);
  return {
    ...analyzed,
    reviews: analyzed.reviews.map(({ review, diagnostics }) => ({ review, diagnostics })),
  };
}

/** `format`: what the text was converted from (import's converters); by default the file's extension says. */
export function analyzeSource(file: SourceFile, format: SourceFormat = formatOf(file.path)): AnalyzedSource {
  if (file.text === null) return { path: file.path, reviews: [], diagnostics: file.diagnostics };
  if (isGitPatch(file.text)) {
    const reviews = filesInPatch(file.text).map((inner) =>
      analyzeMarkdownReview({
        path: `${file.path}#${inner.innerPath}`,
        text: inner.text,
        format: 'git-patch',
      }),
    );
    return { path: file.path, reviews, diagnostics: file.diagnostics };
  }
  const text = format === 'text' ? markUpPlainText(file.text) : file.text;
  const incidents = splitIncidents(text);
  if (incidents) {
    const reviews = incidents.map((part) => ({
      ...analyzeMarkdownReview({ path: `${file.path}#${part.name}`, text: part.text, format }),
      partOf: part.context.join(' / '),
    }));
    return { path: file.path, reviews, diagnostics: file.diagnostics };
  }
  const review = analyzeMarkdownReview({ path: file.path, text, format });
  return { path: file.path, reviews: [review], diagnostics: file.diagnostics };
}

function formatOf(path: string): SourceFormat {
  return MARKDOWN_EXTENSIONS.has(extname(path).toLowerCase()) ? 'markdown' : 'text';
}
