import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { SourceFormat } from '../../model/review.js';
import { readSourceWithBytes, type SourceFile } from '../../read/read-sources.js';
import type { Conversion } from './conversion.js';
import { looksLikeEmail } from './email-sniff.js';
import { looksLikeMyst, mystToMarkdown } from './myst.js';
import { sourceLineMapper } from './source-lines.js';

const BY_EXTENSION: Readonly<Record<string, SourceFormat>> = {
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.rst': 'rst',
  '.rest': 'rst',
  '.adoc': 'asciidoc',
  '.asciidoc': 'asciidoc',
  '.asc': 'asciidoc',
  '.eml': 'email',
  '.pdf': 'pdf',
  '.txt': 'text',
  '.text': 'text',
};

/** The format of a source, from its name first, then (for text and unnamed files) from what it holds. */
export function detectFormat(path: string, text: string | null): SourceFormat {
  const named = BY_EXTENSION[extname(path).toLowerCase()];
  if (named === 'text' || (named === undefined && !/\.(md|markdown|mdown|mkd|erb)$/i.test(path)))
    return (text === null ? null : sniff(text)) ?? 'text';
  if (named !== undefined) return named;
  return text !== null && looksLikeMyst(text) ? 'myst' : 'markdown';
}

function sniff(text: string): SourceFormat | null {
  if (/^\s*(<!doctype html|<html[\s>])/i.test(text)) return 'html';
  if (looksLikeEmail(text)) return 'email';
  return null;
}

interface ConverterInput {
  readonly absolute: string;
  readonly file: SourceFile;
}

type Converter = (input: ConverterInput) => Conversion | Promise<Conversion>;

/** Formats the review parser reads as they are. */
const AS_IS: Converter = ({ file }) => ({ markdown: file.text, diagnostics: [] });

/**
 * Every format has its converter: adding a format does not compile until it has one. Converters of other formats
 * load on first use: their libraries (rehype, Asciidoctor, postal-mime) would double the start-up of every command
 * that reads only markdown, a warm `hindsight build` among them; and with Asciidoctor.js loaded, parsing markdown
 * on the same thread costs about a fifth more CPU (docs/benchmarks.md).
 */
const CONVERTERS: Readonly<Record<SourceFormat, Converter>> = {
  markdown: AS_IS,
  text: AS_IS,
  'git-patch': AS_IS,
  myst: ({ file }) => mystToMarkdown(file.text ?? ''),
  html: async ({ file }) => (await import('./html.js')).htmlToMarkdown(file.text ?? '', file.path),
  rst: async ({ file }) => (await import('./rst.js')).rstToMarkdown(file.text ?? '', file.path),
  asciidoc: async ({ file }) =>
    (await import('./asciidoc.js')).asciidocToMarkdown(file.text ?? '', file.path),
  email: async ({ file }) => (await import('./email.js')).emailToMarkdown(file.text ?? '', file.path),
  pdf: async ({ absolute, file }) =>
    (await import('./pdf.js')).pdfToText(await readFile(absolute), file.path),
};

/**
 * A source in any format → markdown the review parser reads, with its format. A PDF is read from its bytes;
 * everything else from the decoded text (a file that could not be decoded stays unread, its diagnostics say why).
 */
export async function convertSource(
  absolute: string,
  file: SourceFile,
): Promise<{ format: SourceFormat; conversion: Conversion }> {
  const format = detectFormat(file.path, file.text);
  if (file.text === null && format !== 'pdf')
    return { format, conversion: { markdown: null, diagnostics: [] } };
  const conversion = await CONVERTERS[format]({ absolute, file });
  return { format, conversion };
}

/**
 * Reads a file of any format as the markdown the review parser reads, with the format it came from: what `parse`
 * and `import` read. The source's problems and the converter's come together; a PDF is not "binary" here, it is
 * read through its text layer. `bytes` are the file as read (null when it could not be), for callers that hash it.
 */
export async function readAnyFormat(
  absolute: string,
  cwd: string,
): Promise<{
  source: SourceFile;
  format: SourceFormat;
  sourceLine: (line: number) => number;
  bytes: Buffer | null;
}> {
  const { file, bytes } = readSourceWithBytes(absolute, cwd);
  const { format, conversion } = await convertSource(absolute, file);
  const readProblems = file.diagnostics.filter((d) => !(format === 'pdf' && d.rule === 'binary-file'));
  return {
    source: {
      path: file.path,
      text: conversion.markdown,
      diagnostics: [...readProblems, ...conversion.diagnostics],
    },
    format,
    sourceLine: sourceLineMapper(format, file.text, conversion.markdown),
    bytes,
  };
}

/** Diagnostics about the converted markdown, moved to the source's lines. */
export function onSourceLines(
  diagnostics: readonly Diagnostic[],
  sourceLine: (line: number) => number,
): Diagnostic[] {
  return diagnostics.map((d) => ({ ...d, line: sourceLine(d.line) }));
}
