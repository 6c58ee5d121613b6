import { z } from 'zod';
import { ReviewSchema } from '../../model/review.js';
import { DATE_PATTERN } from '../../model/time.js';
import { normalizeSeverity } from '../../model/severity.js';
import { ERRORS, type ErrorCode } from '../http-error.js';

/**
 * The API's shapes, in one place: requests are validated with them (unknown fields rejected), and
 * scripts/generate-api-docs.ts turns them into docs/openapi.json and docs/api.md.
 */

/** Ids are slugs (`2025-03-02-checkout-db-failover`); nothing that could name a path outside the folder. */
export const ReviewIdSchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, ".", "_" and "-" only')
  .refine((id) => !id.includes('..'), 'no ".."')
  .describe('The review id (its file name without .md, for one review per file).');

const day = z.string().regex(DATE_PATTERN, 'a day as YYYY-MM-DD');
const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const offset = z.coerce.number().int().min(0).default(0);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ReviewsQuerySchema = z.strictObject({
  severity: z
    .string()
    .transform((raw, ctx) => {
      const level = normalizeSeverity(raw)?.level;
      if (level === undefined) {
        ctx.addIssue({ code: 'custom', message: 'a severity such as 1–5, P2, SEV-1 or high' });
        return z.NEVER;
      }
      return level;
    })
    .optional()
    .describe('Severity level 1 (most severe) … 5, or as written: P2, SEV-1, high.'),
  service: z.string().optional(),
  tag: z.string().optional(),
  status: z.string().optional().describe('draft, in-review, published …'),
  from: day.optional().describe('Reviews dated on or after this day.'),
  to: day.optional().describe('Reviews dated on or before this day.'),
  limit: limit(500, 50),
  offset,
});

export const SearchQuerySchema = z.strictObject({
  q: z.string().min(1).max(500).describe('Words to find; every word must match, the last as a prefix.'),
  limit: limit(100, 20),
  offset,
});

export const ActionsQuerySchema = z.strictObject({
  open: flag.optional().describe('Only items not done.'),
  overdue: flag.optional().describe('Only open items whose due date has passed.'),
  owner: z.string().optional().describe('Only items of this owner (with or without "@").'),
  limit: limit(1000, 100),
  offset,
});

export const MarkdownBodySchema = z.strictObject({
  markdown: z.string().describe('The whole review file.'),
});

export const PreviewBodySchema = z.strictObject({
  markdown: z.string().describe('The text being edited.'),
  id: ReviewIdSchema.optional().describe(
    'The review being edited: lint then judges its real file name and links.',
  ),
});

export const ActionPatchSchema = z.strictObject({
  done: z.boolean().describe('Tick (true) or untick (false) the item.'),
});

export const STATUSES = ['draft', 'in-review', 'published'] as const;

export const StatusPatchSchema = z.strictObject({
  status: z.enum(STATUSES),
});

export const IndexedReviewSchema = ReviewSchema.unwrap().extend({
  etag: z.string().describe('Content hash of the file; send it back as If-Match to write.'),
});

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

export const ReviewPageSchema = page(IndexedReviewSchema);

export const SearchHitSchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  date: z.string().nullable(),
  severity: ReviewSchema.unwrap().shape.severity,
  status: z.string().nullable(),
  path: z.string(),
  score: z.number().describe('Relevance; higher is better.'),
  snippet: z.string().describe('The best matching passage as plain text.'),
  snippetHtml: z.string().describe('The same passage, HTML-escaped, matched words in <mark>.'),
});
export const SearchPageSchema = page(SearchHitSchema);

export const ActionEntrySchema = z.object({
  reviewId: z.string(),
  reviewTitle: z.string().nullable(),
  path: z.string(),
  n: z.number().int().describe('1-based number of the item in its review: the :n of the PATCH endpoint.'),
  text: z.string(),
  done: z.boolean(),
  owner: z.string().nullable(),
  link: z.string().nullable(),
  due: z.string().nullable(),
  line: z.number().int(),
  overdue: z.boolean(),
});
export const ActionPageSchema = page(ActionEntrySchema);

export const StatsSchema = z
  .record(z.string(), z.unknown())
  .describe('The numbers of `hindsight stats --format json`: totals, durations, follow-through.');

export const PreviewSchema = z.object({
  html: z.string().describe('The review as its page shows it (sanitised).'),
  review: ReviewSchema,
  diagnostics: z.array(
    z.object({
      rule: z.string(),
      severity: z.enum(['error', 'warning', 'info']),
      message: z.string(),
      line: z.number().int(),
      column: z.number().int(),
    }),
  ),
});

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]).describe('Stable: clients branch on it.'),
  detail: z.string(),
  current: z
    .object({ review: IndexedReviewSchema.nullable(), markdown: z.string(), etag: z.string() })
    .optional()
    .describe('On edit-conflict: the version now on disk.'),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
