/**
 * Which front matter keys of each site generator and tool carry each field (Jekyll, Hugo/Docsy, MkDocs blog,
 * cState, Zola's `[extra]`, postmortem catalogues). First key present wins. Data, not code.
 */
export const FRONT_MATTER_KEYS = {
  title: ['title', 'name', 'incident'],
  date: ['date', 'incident_date', 'incidentDate', 'started', 'start_time', 'startTime', 'start'],
  /** When the write-up was published or sent: the review's date only when nothing else dates it. */
  published: ['published', 'sent', 'publishDate', 'published_at'],
  /** Where the page lives: a `YYYY/MM/DD/` in it is its publication day. */
  address: ['path', 'permalink', 'url', 'aliases'],
  severity: ['severity', 'sev', 'priority', 'impact_level', 'level'],
  status: ['status', 'state', 'review_status'],
  services: [
    'services',
    'service',
    'affected',
    'affected_services',
    'affectedServices',
    'systems',
    'components',
    'product',
  ],
  tags: ['tags', 'categories', 'keywords', 'labels', 'topics'],
  authors: ['authors', 'author', 'created_by', 'owner', 'owners'],
  started: ['started', 'start_time', 'startTime', 'start', 'began', 'impact_start', 'impactStart'],
  detected: ['detected', 'detected_at', 'detectedAt', 'detection_time'],
  mitigated: ['mitigated', 'mitigated_at', 'mitigatedAt'],
  resolved: ['resolved_at', 'resolvedAt', 'resolvedWhen', 'resolved', 'end_time', 'endTime', 'ended', 'end'],
  related: ['related', 'see_also', 'seeAlso', 'recurrence_of'],
  summary: ['summary', 'description', 'excerpt', 'abstract'],
  timezone: ['timezone', 'time_zone', 'tz'],
} as const satisfies Record<string, readonly string[]>;

/** Tables some generators nest page fields in. */
export const NESTED_TABLES = ['extra', 'params', 'taxonomies'] as const;
