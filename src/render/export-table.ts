import type { Review } from '../model/review.js';

/** One row per review: the fields a spreadsheet needs, lists joined with "; ". */
export const EXPORT_COLUMNS = [
  'id',
  'title',
  'date',
  'severity',
  'severity_level',
  'status',
  'services',
  'tags',
  'authors',
  'started',
  'detected',
  'mitigated',
  'resolved',
  'to_detect_minutes',
  'to_mitigate_minutes',
  'to_resolve_minutes',
  'impact_minutes',
  'action_items',
  'open_action_items',
  'related',
  'summary',
  'path',
] as const;

export function exportRow(review: Review): (string | number | null)[] {
  const list = (values: readonly string[]) => (values.length === 0 ? null : values.join('; '));
  const row: Record<(typeof EXPORT_COLUMNS)[number], string | number | null> = {
    id: review.id,
    title: review.title,
    date: review.date,
    severity: review.severity?.raw ?? null,
    severity_level: review.severity?.level ?? null,
    status: review.status,
    services: list(review.services),
    tags: list(review.tags),
    authors: list(review.authors),
    started: review.times.started ?? null,
    detected: review.times.detected ?? null,
    mitigated: review.times.mitigated ?? null,
    resolved: review.times.resolved ?? null,
    to_detect_minutes: review.durations.toDetectMinutes ?? null,
    to_mitigate_minutes: review.durations.toMitigateMinutes ?? null,
    to_resolve_minutes: review.durations.toResolveMinutes ?? null,
    impact_minutes: review.durations.impactMinutes ?? null,
    action_items: review.actionItems.length,
    open_action_items: review.actionItems.filter((a) => !a.done).length,
    related: list(review.related),
    summary: review.summary,
    path: review.source.path,
  };
  return EXPORT_COLUMNS.map((column) => row[column]);
}
