import { type Conversion, conversionProblem } from './conversion.js';
import { runTool } from './external-tool.js';
import { classifyHeading } from '../headings.js';
import { markUpPlainText } from '../plain-text.js';

/**
 * A PDF's text layer through poppler's `pdftotext` (Debian's `poppler-utils`), in reading order with the layout's
 * line breaks; the text is then read as plain text. A scanned PDF has no text layer: that is said, not guessed at.
 */
export async function pdfToText(bytes: Uint8Array, file: string): Promise<Conversion> {
  const result = await runTool('pdftotext', ['-enc', 'UTF-8', '-nopgbrk', '-', '-'], bytes, 'poppler-utils');
  if ('problem' in result) {
    return {
      markdown: null,
      diagnostics: [conversionProblem(file, 'converter-failed', 'error', result.problem)],
    };
  }
  if (result.output.trim() === '') {
    return {
      markdown: null,
      diagnostics: [
        conversionProblem(
          file,
          'pdf-no-text',
          'error',
          'The PDF has no text layer (a scan or images only); run it through OCR or export it with text, then import again.',
        ),
      ],
    };
  }
  return {
    markdown: markUpPlainText(withTitle(setApart(result.output.replace(/\f/g, '\n')))),
    diagnostics: [],
  };
}

/** A document's first line, when short and not a sentence, is its title: PDFs have no markup to say so. */
function withTitle(text: string): string {
  return text.replace(/^\s*([^\n#][^\n]{0,100})\n/, (line, first: string) =>
    /[.,;:]$/.test(first.trim()) ? line : `# ${first.trim()}\n`,
  );
}

/**
 * pdftotext leaves no blank line around a heading unless the page has a wide gap there: a short line that names a
 * section ("Timeline", "Action items") is set apart, so the plain-text reader sees it standing alone.
 */
function setApart(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const trimmed = line.trim();
      const heading =
        trimmed.length <= 40 && !/[.,;:]$/.test(trimmed) && classifyHeading(trimmed) !== 'other';
      return heading ? `\n${trimmed}\n` : line;
    })
    .join('\n');
}
