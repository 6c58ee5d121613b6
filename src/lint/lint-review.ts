import { type Diagnostic, compareDiagnostics } from '../model/diagnostic.js';
import type { AnalyzedSource } from '../parse/parse-source.js';
import { readDisables } from './disables.js';
import type { ActiveRule } from './resolve-rules.js';
import type { Finding, ProjectEntry, TextEdit } from './rule.js';
import { RULES } from './rules/index.js';

const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));

/** A diagnostic and the fix that would resolve it, when one is safe to apply automatically. */
export interface LintDiagnostic extends Diagnostic {
  readonly fix?: readonly TextEdit[];
}

/**
 * Runs the review rules over every review of one source. Parser findings owned by a rule (broken front matter,
 * an impossible time) go to that rule; the others (binary file, bad encoding) pass through as they are.
 */
export function lintSource(
  source: AnalyzedSource,
  absolutePath: string | null,
  rules: readonly ActiveRule[],
): LintDiagnostic[] {
  const out: LintDiagnostic[] = [...source.diagnostics];
  for (const document of source.reviews) {
    const file = displayFile(document.review.source.path);
    const disables = readDisables(document.lines);
    // A parser finding under a rule's id belongs to that rule (and is gone when the rule is off).
    const passThrough = document.diagnostics.filter((d) => !RULE_IDS.has(d.rule));
    out.push(...passThrough.map((d) => ({ ...d, file })));
    if (!document.review.isReview) continue;
    for (const { rule, severity, options } of rules) {
      if (rule.scope !== 'review') continue;
      const parseFindings = document.diagnostics.filter((d) => d.rule === rule.id);
      rule.check(
        {
          review: document.review,
          document,
          file,
          absolutePath: document.review.source.format === 'git-patch' ? null : absolutePath,
          options,
          parseFindings,
        },
        (finding) => {
          if (!disables.isDisabled(rule.id, finding.line))
            out.push(toDiagnostic(rule.id, severity, file, finding));
        },
      );
    }
  }
  return out.sort(compareDiagnostics);
}

/** Rules that look across reviews (two reviews with one id). */
export function lintProject(
  entries: readonly ProjectEntry[],
  rules: readonly ActiveRule[],
): LintDiagnostic[] {
  const out: LintDiagnostic[] = [];
  for (const { rule, severity } of rules) {
    if (rule.scope !== 'project') continue;
    rule.checkProject(entries, (file, finding) => out.push(toDiagnostic(rule.id, severity, file, finding)));
  }
  return out;
}

function toDiagnostic(
  rule: string,
  severity: Diagnostic['severity'],
  file: string,
  finding: Finding,
): LintDiagnostic {
  return {
    rule,
    severity,
    message: finding.message,
    file,
    line: finding.line,
    column: finding.column ?? 1,
    ...(finding.fix && { fix: finding.fix }),
  };
}

/** A review cut out of a patch is shown at the patch's own path: its lines are the patch's lines. */
function displayFile(sourcePath: string): string {
  const hash = sourcePath.indexOf('#');
  return hash < 0 ? sourcePath : sourcePath.slice(0, hash);
}
