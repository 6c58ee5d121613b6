import { z } from 'zod';
import { DEFAULT_THEME_IDS, patternProblem, THEME_ID_PATTERN } from '../insights/theme-taxonomy.js';
import { closest } from '../lint/suggest.js';
import { SECTION_KINDS } from '../model/section-kind.js';
import { DEFAULT_REQUIRED_SECTIONS } from './defaults.js';

export const RULE_LEVELS = ['error', 'warning', 'info', 'off'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

const RuleSettingSchema = z.union([
  z.enum(RULE_LEVELS),
  z
    .object({
      severity: z.enum(RULE_LEVELS).optional(),
      options: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
]);

const ThemePatternSchema = z
  .string()
  .min(1)
  .superRefine((pattern, ctx) => {
    const problem = patternProblem(pattern);
    if (problem) ctx.addIssue({ code: 'custom', message: `not a usable pattern: ${problem}` });
  });

const ThemeDefinitionSchema = z
  .object({
    id: z.string().regex(THEME_ID_PATTERN, 'a theme id is lower-case words joined by hyphens'),
    label: z.string().min(1),
    description: z.string().optional(),
    patterns: z
      .array(ThemePatternSchema)
      .min(1)
      .describe('Phrases or /regexes/ that name this cause on their own (docs/themes.md).'),
    ambiguous: z
      .array(ThemePatternSchema)
      .optional()
      .describe('Words that count only where a sentence states a cause, or in the root cause and whys.'),
  })
  .strict();

/** The theme taxonomy (docs/themes.md): the defaults of brief §3.4, plus, renamed or minus what this says. */
export const ThemesConfigSchema = z
  .object({
    add: z.array(ThemeDefinitionSchema).optional().describe('Themes of your own.'),
    rename: z
      .record(z.string(), z.string().min(1))
      .optional()
      .describe('Theme id → the label to show instead of the default one.'),
    disable: z.array(z.string()).optional().describe('Theme ids never to assign.'),
  })
  .strict()
  .superRefine((themes, ctx) => {
    const added = themes.add ?? [];
    const known = [...DEFAULT_THEME_IDS];
    added.forEach((theme, i) => {
      if (known.includes(theme.id))
        ctx.addIssue({
          code: 'custom',
          path: ['add', i, 'id'],
          message: `"${theme.id}" is already a theme (use themes.rename to relabel it, or choose another id)`,
        });
      else known.push(theme.id);
    });
    const unknown = (id: string) => {
      const guess = closest(id, known);
      return `unknown theme "${id}" ${guess ? `(did you mean "${guess}"?)` : `(themes: ${known.join(', ')})`}`;
    };
    for (const id of Object.keys(themes.rename ?? {}))
      if (!known.includes(id)) ctx.addIssue({ code: 'custom', path: ['rename', id], message: unknown(id) });
    for (const id of themes.disable ?? [])
      if (!known.includes(id)) ctx.addIssue({ code: 'custom', path: ['disable'], message: unknown(id) });
  });

/** `hindsight.config.json` / `.yaml`: one schema, types derived from it. */
export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    reviews: z
      .string()
      .min(1)
      .optional()
      .describe('The folder holding the reviews (default: docs/incidents).'),
    ignore: z
      .array(z.string())
      .default([])
      .describe('Globs of files to leave out, relative to the config file.'),
    requiredSections: z
      .array(z.enum(SECTION_KINDS))
      .default([...DEFAULT_REQUIRED_SECTIONS])
      .describe('Section kinds every review must have (rule missing-section).'),
    rules: z
      .record(z.string(), RuleSettingSchema)
      .default({})
      .describe('Per rule id: "error" | "warning" | "info" | "off", or { severity, options }.'),
    themes: ThemesConfigSchema.optional().describe(
      'Cause themes (hindsight themes, similar, build, serve): { add, rename, disable } over the default taxonomy.',
    ),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
export type RuleSetting = z.infer<typeof RuleSettingSchema>;
export type ThemesConfig = z.infer<typeof ThemesConfigSchema>;
