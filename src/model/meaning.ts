import type { Review } from './review.js';

/**
 * The part of a review that formatting must never change: everything except positions, the spelling of
 * headings and the layout of section text.
 */
export function meaningOf(review: Review): unknown {
  const { sections, timeline, actionItems, source: _source, ...rest } = review;
  return {
    ...rest,
    sections: sections.map((s) => s.kind),
    timeline: timeline.map(({ line: _line, ...event }) => event),
    actionItems: actionItems.map(({ line: _line, ...item }) => item),
  };
}

export function sameMeaning(a: Review, b: Review): boolean {
  return JSON.stringify(meaningOf(a)) === JSON.stringify(meaningOf(b));
}
