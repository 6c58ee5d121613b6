import { z } from 'zod';
import { SECTION_KINDS } from './section-kind.js';
import { DATE_PATTERN, DATE_TIME_PATTERN, MONTH_PATTERN, TIME_PATTERN } from './time.js';

const partialDate = z.string().regex(new RegExp(`${DATE_PATTERN.source}|${MONTH_PATTERN.source}`));
const dateTime = z.string().regex(DATE_TIME_PATTERN);

export const SeveritySchema = z.object({ raw: z.string(), level: z.number().int().min(1).max(5) }).readonly();

export const SectionSchema = z
  .object({
    kind: z.enum(SECTION_KINDS),
    heading: z.string(),
    markdown: z.string(),
    line: z.number().int().positive(),
    /**
     * A labelled bullet (`- **Impact**: …`) read as a section of its own: its text is also part of the section
     * before it that holds it, so a page shows it there, once.
     */
    nested: z.literal(true).optional(),
  })
  .readonly();

export const TimelineEventSchema = z
  .object({
    date: partialDate.nullable(),
    time: z.string().regex(TIME_PATTERN).nullable(),
    text: z.string(),
    line: z.number().int().positive(),
  })
  .readonly();

export const ActionItemSchema = z
  .object({
    text: z.string(),
    done: z.boolean(),
    owner: z.string().nullable(),
    link: z.string().nullable(),
    due: z.string().regex(DATE_PATTERN).nullable(),
    line: z.number().int().positive(),
  })
  .readonly();

export const TimesSchema = z
  .object({
    started: dateTime.optional(),
    detected: dateTime.optional(),
    mitigated: dateTime.optional(),
    resolved: dateTime.optional(),
  })
  .readonly();

export const DurationsSchema = z
  .object({
    toDetectMinutes: z.number().int().nonnegative().optional(),
    toMitigateMinutes: z.number().int().nonnegative().optional(),
    toResolveMinutes: z.number().int().nonnegative().optional(),
    impactMinutes: z.number().int().nonnegative().optional(),
  })
  .readonly();

export const SOURCE_FORMATS = [
  'markdown',
  'text',
  'git-patch',
  'myst',
  'html',
  'rst',
  'asciidoc',
  'email',
  'pdf',
] as const;

/** The one model every stage reads: brief §3.1, plus the time zone the document states its times in. */
export const ReviewSchema = z
  .object({
    id: z.string().min(1),
    isReview: z.boolean(),
    title: z.string().nullable(),
    date: partialDate.nullable(),
    severity: SeveritySchema.nullable(),
    status: z.string().nullable(),
    services: z.array(z.string()).readonly(),
    tags: z.array(z.string()).readonly(),
    authors: z.array(z.string()).readonly(),
    summary: z.string().nullable(),
    timezone: z.string().nullable(),
    times: TimesSchema,
    durations: DurationsSchema,
    sections: z.array(SectionSchema).readonly(),
    timeline: z.array(TimelineEventSchema).readonly(),
    whys: z.array(z.string()).readonly(),
    actionItems: z.array(ActionItemSchema).readonly(),
    related: z.array(z.string()).readonly(),
    source: z.object({ path: z.string(), format: z.enum(SOURCE_FORMATS) }).readonly(),
  })
  .readonly();

export type Review = z.infer<typeof ReviewSchema>;
export type Section = z.infer<typeof SectionSchema>;
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;
export type ActionItem = z.infer<typeof ActionItemSchema>;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];
