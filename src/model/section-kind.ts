export const SECTION_KINDS = [
  'summary',
  'leadup',
  'timeline',
  'impact',
  'detection',
  'response',
  'recovery',
  'whys',
  'root-cause',
  'contributing-factors',
  'went-well',
  'went-wrong',
  'lessons',
  'action-items',
  'prevention',
  'other',
] as const;

export type SectionKind = (typeof SECTION_KINDS)[number];

/** The heading `fmt` writes for each kind; `other` keeps the author's heading. */
export const CANONICAL_HEADINGS: Readonly<Record<SectionKind, string>> = {
  summary: 'Summary',
  leadup: 'Leadup',
  timeline: 'Timeline',
  impact: 'Impact',
  detection: 'Detection',
  response: 'Response',
  recovery: 'Recovery',
  whys: 'Five whys',
  'root-cause': 'Root cause',
  'contributing-factors': 'Contributing factors',
  'went-well': 'What went well',
  'went-wrong': 'What went wrong',
  lessons: 'Lessons learned',
  'action-items': 'Action items',
  prevention: 'Prevention',
  other: 'Other',
};
