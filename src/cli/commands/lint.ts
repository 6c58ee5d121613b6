import { resolve } from 'node:path';
import { loadConfig } from '../../config/load-config.js';
import { applyFixes } from '../../lint/apply-fixes.js';
import { RULES } from '../../lint/rules/index.js';
import { lintInputs } from '../../pipeline.js';
import { outputFormat, parseCommandArgs } from '../args.js';
import { formatGithub } from '../formatters/github.js';
import { formatHuman, summarize } from '../formatters/human.js';
import { formatSarif } from '../formatters/sarif.js';
import { type CliIO, EXIT, type ExitCode, UsageError } from '../io.js';
import { writeJson } from '../report.js';
import { reviewInputs } from '../review-inputs.js';
import { version } from '../version.js';

const FORMATS = ['human', 'json', 'sarif', 'github'] as const;

export const lintCommand = {
  name: 'lint',
  summary:
    'Find what makes reviews weak: empty sections, placeholders, timeline problems, blame, untracked actions.',
  usage:
    'hindsight lint [<file|dir>...] [--format human|json|sarif|github] [--fix] [--max-warnings N] [--config file] [--quiet]',
  async run(io: CliIO, argv: readonly string[]): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs('lint', argv, {
      format: { type: 'string' },
      fix: { type: 'boolean' },
      'max-warnings': { type: 'string' },
      config: { type: 'string' },
      quiet: { type: 'boolean' },
    });
    const format = outputFormat(values.format, FORMATS);
    const maxWarnings = parseMaxWarnings(values['max-warnings']);
    const loaded = await loadConfig(io.cwd, typeof values.config === 'string' ? values.config : undefined);
    const inputs = reviewInputs(positionals, io.cwd, loaded);

    let result = await lintInputs(inputs, io.cwd, loaded.config, loaded.path, loaded.root);
    if (values.fix === true) {
      const outcomes = await applyFixes(result.diagnostics, (file) => resolve(io.cwd, file));
      for (const o of outcomes)
        if (o.refused) io.stderr.write(`hindsight lint: ${o.file}: not fixed, ${o.refused}.\n`);
      if (outcomes.some((o) => o.applied > 0)) {
        // One edit can fix several problems (all missing sections at once): count, for the rules whose fixes were
        // applied, the problems that went away.
        const fixedRules = new Set(result.diagnostics.filter((d) => d.fix).map((d) => d.rule));
        const count = (list: readonly { rule: string }[]) =>
          list.filter((d) => fixedRules.has(d.rule)).length;
        const before = count(result.diagnostics);
        result = await lintInputs(inputs, io.cwd, loaded.config, loaded.path, loaded.root);
        const fixed = Math.max(0, before - count(result.diagnostics));
        if (values.quiet !== true) io.stderr.write(`Fixed ${fixed} problem${fixed === 1 ? '' : 's'}.\n`);
      }
    }
    const diagnostics = result.diagnostics.map(({ fix: _fix, ...d }) => d);
    if (format === 'json') writeJson(io.stdout, diagnostics);
    else if (format === 'sarif') writeJson(io.stdout, formatSarif(diagnostics, RULES, await version()));
    else if (format === 'github') io.stdout.write(formatGithub(diagnostics));
    else {
      io.stdout.write(formatHuman(diagnostics, colour(io)));
      if (values.quiet !== true) io.stderr.write(summarize(diagnostics, result.sources.length));
    }
    for (const path of result.missing) io.stderr.write(`hindsight lint: ${path}: no such file or folder\n`);
    if (result.missing.length > 0) return EXIT.usage;
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    if (maxWarnings !== null && warnings > maxWarnings) {
      io.stderr.write(`Too many warnings: ${warnings}, more than --max-warnings ${maxWarnings}.\n`);
    }
    return errors > 0 || (maxWarnings !== null && warnings > maxWarnings) ? EXIT.contentErrors : EXIT.ok;
  },
};

function parseMaxWarnings(value: unknown): number | null {
  if (value === undefined) return null;
  if (!/^\d+$/.test(String(value)))
    throw new UsageError(
      `--max-warnings "${String(value)}" is not a whole number.`,
      'Example: --max-warnings 0',
    );
  return Number(value);
}

function colour(io: CliIO): boolean {
  return io.stdout.isTTY === true && io.env.NO_COLOR === undefined;
}
