/** Severity as written, and its level: 1 is the most severe, 5 the least. */
export interface SeverityValue {
  readonly raw: string;
  readonly level: number;
}

const WORD_LEVELS: ReadonlyArray<readonly [RegExp, number]> = [
  [/\b(critical|catastrophic|emergency|blocker|down|outage|major outage)\b/, 1],
  [/\b(high|major|severe|urgent)\b/, 2],
  [/\b(medium|moderate|normal|disrupted|degraded|partial outage)\b/, 3],
  [/\b(low|minor)\b/, 4],
  [/\b(trivial|info|informational|notice|cosmetic|lowest|none)\b/, 5],
];

const NUMBERED = /\b(?:p|sev|severity|s|level|lvl|priority|incident)[\s_-]*([0-9])\b/;

/** Reads "P1", "SEV-2", "Sev 1", "S3", "Critical", "High (P2)", "2", cState's "down" … into a level. */
export function normalizeSeverity(raw: unknown): SeverityValue | null {
  if (raw === null || raw === undefined) return null;
  const text = String(raw).trim();
  if (text === '') return null;
  const lower = text.toLowerCase();
  const numbered = NUMBERED.exec(lower) ?? /^([0-9])$/.exec(lower);
  if (numbered?.[1] !== undefined) return { raw: text, level: clampLevel(Number(numbered[1])) };
  for (const [pattern, level] of WORD_LEVELS) {
    if (pattern.test(lower)) return { raw: text, level };
  }
  return null;
}

/** P0/SEV0 exist in the wild; they are as severe as our scale goes. */
function clampLevel(n: number): number {
  return Math.min(5, Math.max(1, n));
}
