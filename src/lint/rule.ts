import type { z } from 'zod';
import type { Diagnostic, Severity } from '../model/diagnostic.js';
import type { Review } from '../model/review.js';
import type { AnalyzedReview } from '../parse/parse-review.js';

/** A change to the file a fix makes: lines `fromLine`..`toLine` (1-based, `toLine` exclusive) become `text`. */
export interface TextEdit {
  readonly fromLine: number;
  readonly toLine: number;
  readonly text: string;
}

export interface Finding {
  readonly message: string;
  readonly line: number;
  readonly column?: number;
  readonly fix?: readonly TextEdit[];
}

export type Report = (finding: Finding) => void;

/** What a rule sees of one review. */
export interface ReviewContext<Options> {
  readonly review: Review;
  readonly document: AnalyzedReview;
  /** The path shown to the user. */
  readonly file: string;
  /** Where the file is on disk, to resolve relative links; null for a review inside a patch. */
  readonly absolutePath: string | null;
  readonly options: Options;
  /** What the parser already found under this rule's id (an impossible time, broken YAML). */
  readonly parseFindings: readonly Diagnostic[];
}

/** What a project rule sees: every review linted in this run. */
export interface ProjectEntry {
  readonly review: Review;
  readonly file: string;
}

export type ProjectReport = (file: string, finding: Finding) => void;

/** An example for the docs and the tests: a whole file, and where it lives (default: a well-named review). */
export interface Example {
  readonly markdown: string;
  readonly path?: string;
}

interface RuleBase<Options> {
  /** Permanent kebab-case id: never renamed or reused. */
  readonly id: string;
  /** One line: what the rule finds. */
  readonly description: string;
  readonly defaultSeverity: Severity;
  /** Why it matters and how to fix it, in markdown. */
  readonly docs: string;
  readonly options?: { readonly schema: z.ZodType<Options>; readonly defaults: Options };
  /** Files with no finding of this rule, and files with at least one: the rule's tests and docs. */
  readonly examples: { readonly ok: readonly Example[]; readonly notOk: readonly Example[] };
}

export interface ReviewRule<Options = undefined> extends RuleBase<Options> {
  readonly scope: 'review';
  check(context: ReviewContext<Options>, report: Report): void;
}

export interface ProjectRule extends RuleBase<undefined> {
  readonly scope: 'project';
  checkProject(entries: readonly ProjectEntry[], report: ProjectReport): void;
}

export type Rule = ReviewRule<unknown> | ProjectRule;

/** Keeps a rule's options typed inside the rule while the registry holds rules of every option type. */
export function reviewRule<Options>(rule: ReviewRule<Options>): Rule {
  return rule as unknown as Rule;
}
