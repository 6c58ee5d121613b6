import { load, MemoryLogger } from '@asciidoctor/core';
import { type Conversion, conversionProblem, isoDay } from './conversion.js';
import { htmlToMarkdown } from './html.js';

/**
 * AsciiDoc → HTML with Asciidoctor.js (safe mode: no includes, nothing read from disk), then the HTML importer.
 * The header's title, author and revision date become front matter; Asciidoctor's warnings keep their lines.
 */
export async function asciidocToMarkdown(text: string, file: string): Promise<Conversion> {
  const logger = MemoryLogger.create();
  const converted = await (async () => {
    const doc = await load(text, { safe: 'secure', attributes: { showtitle: '' }, logger });
    const html = (await doc.convert({ standalone: false })) as string;
    const authors = doc
      .getAuthors()
      .map((author) => String(author.getName() ?? ''))
      .filter((name) => name !== '');
    return { html, authors, date: isoDay(doc.getRevisionDate()) };
  })().catch((error: unknown) => ({ failure: (error as Error).message }));
  const warnings = logger
    .getMessages()
    .map((message) =>
      conversionProblem(
        file,
        'asciidoc-warning',
        'warning',
        `Asciidoctor: ${message.getText()}`,
        message.getSourceLocation()?.getLineNumber?.() ?? 1,
      ),
    );
  if ('failure' in converted) {
    return {
      markdown: null,
      diagnostics: [
        ...warnings,
        conversionProblem(
          file,
          'converter-failed',
          'error',
          `Asciidoctor could not read the file: ${converted.failure}`,
        ),
      ],
    };
  }
  const page = `<html><head>${converted.authors.map((a) => `<meta name="author" content="${escapeAttribute(a)}">`).join('')}${
    converted.date ? `<meta name="date" content="${converted.date}">` : ''
  }</head><body>${converted.html}</body></html>`;
  const result = htmlToMarkdown(page, file);
  return { markdown: result.markdown, diagnostics: [...warnings, ...result.diagnostics] };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
