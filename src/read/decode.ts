import type { Diagnostic } from '../model/diagnostic.js';

/** Larger than any review anyone writes; a file past this is someone's export or a mistake. */
export const MAX_BYTES = 20 * 1024 * 1024;

export interface Decoded {
  /** The text with BOM removed and line endings as '\n'; null when the file is not text. */
  readonly text: string | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** Bytes → text, reporting what a person needs to fix: binary content, bad encoding, size. */
export function decode(bytes: Uint8Array, file: string): Decoded {
  const problem = (
    rule: string,
    severity: Diagnostic['severity'],
    message: string,
    line = 1,
  ): Diagnostic => ({
    rule,
    severity,
    message,
    file,
    line,
    column: 1,
  });
  if (bytes.length > MAX_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    return {
      text: null,
      diagnostics: [
        problem(
          'file-too-large',
          'error',
          `File is ${mb} MB, over the 20 MB limit for a review; split it or leave it out.`,
        ),
      ],
    };
  }
  if (hasUtf16Bom(bytes)) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return { text: normalizeNewlines(new TextDecoder(encoding).decode(bytes.subarray(2))), diagnostics: [] };
  }
  if (looksBinary(bytes)) {
    return {
      text: null,
      diagnostics: [
        problem(
          'binary-file',
          'error',
          'File is binary, not text; a review must be a text file (markdown or plain text).',
        ),
      ],
    };
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return {
      text: normalizeNewlines(new TextDecoder('utf-8', { fatal: true }).decode(body)),
      diagnostics: [],
    };
  } catch {
    const text = normalizeNewlines(new TextDecoder('utf-8').decode(body));
    const line = text.slice(0, text.indexOf('\ufffd') + 1).split('\n').length;
    return {
      text,
      diagnostics: [
        problem(
          'invalid-encoding',
          'warning',
          'File is not valid UTF-8; unreadable bytes were replaced with �. Re-save it as UTF-8.',
          line,
        ),
      ],
    };
  }
}

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8000);
  return sample.includes(0);
}

function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}
