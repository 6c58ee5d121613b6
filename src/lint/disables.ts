/**
 * Inline switches authors write in a review:
 *   <!-- hindsight-disable-next-line rule-id other-id -->
 *   <!-- hindsight-disable rule-id -->  …  <!-- hindsight-enable rule-id -->
 * Without ids they apply to every rule.
 */
const DIRECTIVE =
  /<!--\s*hindsight-(disable-next-line|disable-line|disable|enable)((?:\s+[a-z0-9-]+)*)\s*-->/g;

export interface Disables {
  isDisabled(rule: string, line: number): boolean;
}

const ALL = '*';

export function readDisables(lines: readonly string[]): Disables {
  /** Per rule (or ALL): ranges of disabled lines, 1-based inclusive; an open range runs to the end. */
  const ranges = new Map<string, { from: number; to: number }[]>();
  const open = new Map<string, number>();
  const add = (rule: string, from: number, to: number) => {
    const list = ranges.get(rule) ?? [];
    list.push({ from, to });
    ranges.set(rule, list);
  };
  lines.forEach((text, index) => {
    if (!text.includes('hindsight-')) return;
    const line = index + 1;
    for (const match of text.matchAll(DIRECTIVE)) {
      const kind = match[1];
      const ids = (match[2] ?? '')
        .trim()
        .split(/\s+/)
        .filter((id) => id !== '');
      const rules = ids.length === 0 ? [ALL] : ids;
      for (const rule of rules) {
        if (kind === 'disable-next-line') add(rule, line + 1, line + 1);
        else if (kind === 'disable-line') add(rule, line, line);
        else if (kind === 'disable') open.set(rule, open.get(rule) ?? line);
        else if (kind === 'enable') {
          const from = open.get(rule);
          if (from !== undefined) add(rule, from, line);
          open.delete(rule);
        }
      }
    }
  });
  for (const [rule, from] of open) add(rule, from, Number.POSITIVE_INFINITY);
  const within = (rule: string, line: number) =>
    (ranges.get(rule) ?? []).some((r) => line >= r.from && line <= r.to);
  return { isDisabled: (rule, line) => within(rule, line) || within(ALL, line) };
}
