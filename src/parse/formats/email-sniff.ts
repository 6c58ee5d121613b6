/**
 * The header block an email starts with: `From:` and a `Subject:` or `Date:` before the first blank line. Kept apart
 * from the converter so telling formats apart does not load the mail parser.
 */
export function looksLikeEmail(text: string): boolean {
  const head = text.slice(0, 8_000).split(/\n\s*\n/)[0] ?? '';
  const lines = head.split('\n');
  const headerish = lines.every((line) => /^[A-Za-z][\w-]*:|^[ \t]/.test(line));
  return headerish && /^from:/im.test(head) && /^(subject|date):/im.test(head);
}
