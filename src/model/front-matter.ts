import { z } from 'zod';
import { normalizeSeverity } from './severity.js';

const stringList = z.union([z.string(), z.array(z.union([z.string(), z.number()]))]);
const dateLike = z
  .string()
  .regex(/^\d{4}-\d{2}(-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5})?)?)?$/, {
    message: 'expected a date as YYYY-MM-DD (or YYYY-MM when the day is unknown), optionally with a time',
  });
const dateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2})?(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/, {
    message: 'expected a date and time as YYYY-MM-DDTHH:MM',
  });

/**
 * The canonical front matter keys (brief §4). Other keys — a site generator's `layout`, `nav_order` … —
 * are allowed and kept; only the keys Hindsight gives meaning to are checked.
 */
export const FrontMatterSchema = z
  .looseObject({
    title: z.string().min(1).optional().describe('The review title, plain text.'),
    date: dateLike.optional().describe('Day the impact began, YYYY-MM-DD.'),
    severity: z
      .union([z.string(), z.number()])
      .refine((value) => normalizeSeverity(value) !== null, {
        message: 'unknown severity; use P1…P5, SEV-1…SEV-5, or critical/high/medium/low/trivial',
      })
      .optional()
      .describe('P1 (most severe) … P5, SEV-1 … SEV-5, or critical/high/medium/low/trivial.'),
    status: z.string().optional().describe('draft | in-review | published'),
    services: stringList.optional().describe('Services affected.'),
    tags: stringList.optional(),
    authors: stringList.optional(),
    started: dateTime.optional().describe('Start of impact, YYYY-MM-DDTHH:MM.'),
    detected: dateTime.optional().describe('When the incident was detected, YYYY-MM-DDTHH:MM.'),
    mitigated: dateTime.optional().describe('End of user impact, YYYY-MM-DDTHH:MM.'),
    resolved: z
      .union([dateTime, z.boolean()])
      .optional()
      .describe(
        'When the incident was resolved, YYYY-MM-DDTHH:MM (cState status pages write true/false here).',
      ),
    related: stringList.optional().describe('Ids of related reviews (file names without .md).'),
    timezone: z.string().optional().describe('The zone the times are written in, e.g. UTC, PDT, AEST.'),
  })
  .describe('Front matter of a Hindsight post-incident review.');

export type FrontMatter = z.infer<typeof FrontMatterSchema>;
