import { z } from 'zod';
import { SECTION_KINDS, type SectionKind } from '../model/section-kind.js';

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

export const DEFAULT_REQUIRED_SECTIONS: readonly SectionKind[] = [
  'summary',
  'timeline',
  'impact',
  'root-cause',
  'action-items',
];

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
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
export type RuleSetting = z.infer<typeof RuleSettingSchema>;

export const DEFAULT_CONFIG: Config = ConfigSchema.parse({});
