import type { Config } from '../config/config.js';
import { ConfigError } from '../config/load-config.js';
import type { Severity } from '../model/diagnostic.js';
import type { Rule } from './rule.js';
import { closest } from './suggest.js';

export interface ActiveRule {
  readonly rule: Rule;
  readonly severity: Severity;
  readonly options: unknown;
}

/**
 * The rules a run uses, with the severity and options the config gives them. A setting for a rule id that does
 * not exist, or options a rule does not take, is a config error with a hint, never silently ignored.
 */
export function resolveRules(
  config: Config,
  rules: readonly Rule[],
  configPath: string | null,
): ActiveRule[] {
  const where = configPath ?? 'hindsight config';
  const ids = rules.map((r) => r.id);
  const problems: string[] = [];
  for (const id of Object.keys(config.rules)) {
    if (ids.includes(id)) continue;
    const guess = closest(id, ids);
    problems.push(
      `${where} rules.${id}: unknown rule${guess ? ` (did you mean "${guess}"?)` : ` (rules: ${ids.join(', ')})`}`,
    );
  }
  const active: ActiveRule[] = [];
  for (const rule of rules) {
    const setting = config.rules[rule.id];
    const level = typeof setting === 'string' ? setting : (setting?.severity ?? rule.defaultSeverity);
    if (level === 'off') continue;
    const given = typeof setting === 'object' ? setting.options : undefined;
    const defaults =
      rule.id === 'missing-section' ? { sections: config.requiredSections } : rule.options?.defaults;
    if (given !== undefined && !rule.options) {
      problems.push(`${where} rules.${rule.id}.options: this rule takes no options`);
      continue;
    }
    const merged = given === undefined ? defaults : { ...(defaults as object), ...given };
    const parsed = rule.options
      ? rule.options.schema.safeParse(merged)
      : { success: true as const, data: undefined };
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push(`${where} rules.${rule.id}.options.${issue.path.join('.')}: ${issue.message}`);
      }
      continue;
    }
    active.push({ rule, severity: level, options: parsed.data });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return active;
}
