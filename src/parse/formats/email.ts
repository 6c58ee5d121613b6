import PostalMime from 'postal-mime';
import { markUpPlainText } from '../plain-text.js';
import { type Conversion, conversionProblem, statedMarkdown } from './conversion.js';
import { htmlBody } from './html.js';

/**
 * A plain-text email (an incident report sent to a list) → markdown, through postal-mime (MIME parts, encodings,
 * quoted-printable). Subject → title, sender → author. The text part gets headings as plain text does.
 */
export async function emailToMarkdown(text: string, file: string): Promise<Conversion> {
  const email = await PostalMime.parse(text).catch((error: unknown) => ({
    failure: (error as Error).message,
  }));
  if ('failure' in email) {
    return {
      markdown: null,
      diagnostics: [
        conversionProblem(file, 'converter-failed', 'error', `Could not read the email: ${email.failure}`),
      ],
    };
  }
  // An email with only an HTML part is read as a page; its text is all that is kept of it.
  const fromHtml = email.text?.trim() ? null : email.html ? htmlBody(email.html, file) : null;
  const body = fromHtml ? (fromHtml.body ?? '') : markUpPlainText(email.text ?? '');
  const sender = email.from?.name || email.from?.address || null;
  const title = (email.subject ?? '').replace(/^(?:\s*(?:re|fwd?|aw|sv)\s*:\s*)+/i, '').trim() || null;
  // `sent` dates the review only when its text gives no date: a report is sent after the incident.
  const meta = { title, authors: sender ? [sender] : [], extra: { sent: email.date ?? '' } };
  return { markdown: statedMarkdown(meta, body), diagnostics: fromHtml?.diagnostics ?? [] };
}
