import type { Review } from '../../model/review.js';
import { toEpochMinutes } from '../../model/time.js';
import { formatMinutes } from '../duration-format.js';
import { type Html, html } from './escape.js';

const MARKS = ['started', 'detected', 'mitigated', 'resolved'] as const;
type Mark = (typeof MARKS)[number];
const MARK_LABELS: Readonly<Record<Mark, string>> = {
  started: 'Impact began',
  detected: 'Detected',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

const WIDTH = 1000;

/**
 * The incident on one line: the span from the first known moment to the last, the timeline's events as ticks,
 * and start, detection, mitigation and resolution marked. SVG attributes, not inline styles, so it needs no CSS
 * exception in a strict Content-Security-Policy; a list beside it says the same in words.
 */
export function timelineTrack(review: Review): Html {
  const marks = MARKS.flatMap((mark) => {
    const at = review.times[mark];
    const minute = at === undefined ? null : toEpochMinutes(at);
    return minute === null || at === undefined ? [] : [{ mark, at, minute }];
  });
  const events = review.timeline.flatMap((event) => {
    if (event.time === null || event.date === null || event.date.length !== 10) return [];
    const minute = toEpochMinutes(`${event.date}T${event.time}`);
    return minute === null ? [] : [minute];
  });
  const all = [...marks.map((m) => m.minute), ...events];
  if (marks.length === 0 || all.length < 2) return html``;
  const from = Math.min(...all);
  const to = Math.max(...all);
  if (to === from) return html``;
  const x = (minute: number) => Math.round(((minute - from) / (to - from)) * (WIDTH - 20)) + 10;
  const started = marks.find((m) => m.mark === 'started');
  const resolved = marks.find((m) => m.mark === 'resolved') ?? marks.find((m) => m.mark === 'mitigated');
  const detected = marks.find((m) => m.mark === 'detected');
  const label = `Timeline over ${formatMinutes(to - from)}: ${marks.map((m) => `${MARK_LABELS[m.mark]} ${m.at.replace('T', ' ')}`).join(', ')}`;
  return html`<figure class="track">
    <svg viewBox="0 0 ${WIDTH} 44" role="img" aria-label="${label}">
      <rect class="track-base" x="10" y="18" width="${WIDTH - 20}" height="8" rx="4" />
      ${started && detected ? html`<rect class="track-silent" x="${x(started.minute)}" y="18" width="${x(detected.minute) - x(started.minute)}" height="8" />` : ''}
      ${detected && resolved ? html`<rect class="track-active" x="${x(detected.minute)}" y="18" width="${Math.max(0, x(resolved.minute) - x(detected.minute))}" height="8" />` : ''}
      ${events.map((minute) => html`<rect class="track-event" x="${x(minute) - 1}" y="14" width="2" height="16" />`)}
      ${marks.map((m) => html`<circle class="track-mark mark-${m.mark}" cx="${x(m.minute)}" cy="22" r="7" />`)}
    </svg>
    <figcaption>
      <ul class="track-legend">
        ${marks.map((m) => html`<li><span class="dot mark-${m.mark}" aria-hidden="true"></span>${MARK_LABELS[m.mark]} <time datetime="${m.at}">${m.at.replace('T', ' ')}</time></li> `)}
      </ul>
    </figcaption>
  </figure>`;
}
